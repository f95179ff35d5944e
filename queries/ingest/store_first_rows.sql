-- The valid rows, each row key once (temp table first_rows): within one file the first row wins, the
-- others count as duplicates. No params.
create or replace temp table first_rows as
select *
from valid_rows
qualify row_number() over (partition by row_key order by _baris) = 1;
