-- As ingest/store_classify, for a table whose row_key is a hash that includes kode_desa (pmks_kasus,
-- penduduk_desa): a stored row with the same key is in the same desa, so the join also matches the desa
-- and DuckDB skips the files and row groups of other desa (the tables are sorted by desa). A 10-row
-- import into 30 million cases then reads one desa's keys, not all of them. __table__ is put in by
-- sql.execute_on from its allow-list. No params.
create or replace temp table stored_match as
select
    v.row_key,
    case when s.content_hash = v.content_hash then 'sama' else 'ubah' end as nasib
from valid_rows as v
inner join __table__ as s on v.kode_desa = s.kode_desa and v.row_key = s.row_key;
