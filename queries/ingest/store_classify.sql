-- Each first row against the stored table __table__ (temp table classified): 'baru' (new key), 'sama'
-- (same key and content: a duplicate) or 'ubah' (same key, new content: replaces the stored row).
-- __table__ is put in by sql.execute_on from its allow-list. No params.
create or replace temp table classified as
with stored as (
    select
        t.row_key,
        t.content_hash
    from __table__ as t
    where t.row_key in (select fr.row_key from first_rows as fr)
)

select
    f.*,
    case
        when s.row_key is null then 'baru'
        when s.content_hash = f.content_hash then 'sama'
        else 'ubah'
    end as nasib
from first_rows as f
left join stored as s on f.row_key = s.row_key;
