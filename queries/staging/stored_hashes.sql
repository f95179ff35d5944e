-- One row per incoming row (view `incoming`) whose key is already stored: its stored content hash.
-- Params: $tabel (VARCHAR, an import target from the allow-list).
select i.row_key, t.content_hash
from incoming as i
inner join query_table($tabel) as t on i.row_key = t.row_key;
