-- The valid rows whose key is already stored in __table__ (temp table stored_match): 'sama' (same
-- content: a duplicate) or 'ubah' (new content: replaces the stored row). Rows not here are new. Only
-- the stored keys column is read. __table__ is put in by sql.execute_on from its allow-list. No params.
create or replace temp table stored_match as
select
    v.row_key,
    case when s.content_hash = v.content_hash then 'sama' else 'ubah' end as nasib
from valid_rows as v
inner join __table__ as s on v.row_key = s.row_key;
