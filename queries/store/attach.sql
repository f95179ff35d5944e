-- Create the store (a DuckLake) with its data path, which the catalog then keeps. ATTACH takes no
-- bound parameters: petakesos/sql.py's `attach` puts the quoted catalog target, data path and
-- read-only flag from the settings (never from a user) in place of the __markers__. No params.
attach __target__ as kesos_neu (data_path __data_path__, read_only __read_only__);  -- noqa: PRS
detach kesos_neu;
