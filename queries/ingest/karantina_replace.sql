-- A row of a fixed quarantine download that is still rejected replaces its earlier version (the same file
-- name and row number), so quarantine keeps the latest reason once; counted as already there.
-- Params: $kind, $file_name (VARCHAR).
create or replace temp table karantina_ganti as
select count(*) as n
from karantina as k
where
    k.kind = $kind
    and k.file_name = $file_name
    and k.row_number in (select rj._baris from rejects as rj);
delete from karantina
where
    kind = $kind
    and file_name = $file_name
    and row_number in (select rj._baris from rejects as rj);
