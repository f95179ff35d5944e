-- Attach an existing store read-write as `kesos` and make it the default catalog, for an import.
-- ATTACH takes no bound parameters: petakesos/sql.py's `use_store` puts the quoted catalog target
-- (from the settings, never from a user) in place of __target__. No params.
attach __target__ as kesos;  -- noqa: PRS
use kesos;
