-- How many quarantined rows of this file now arrive valid (see karantina_release). Params: $kind,
-- $file_name (VARCHAR).
select count(*) as n
from karantina
where
    kind = $kind
    and file_name = $file_name
    and row_number in (select v._baris from valid_rows as v);
