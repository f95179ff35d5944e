-- At most one row: the newest import (when, file name as uploaded, kind), for the footer of every page.
-- Scope-free: it names a file, not a figure of any wilayah. Params: none.
select
    l.imported_at,
    l.file_name,
    l.kind
from import_log as l
order by l.import_id desc, l.file_name asc
limit 1;
