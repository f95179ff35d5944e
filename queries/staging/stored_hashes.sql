-- One row per incoming row (view `incoming`) whose key is already stored: its stored content hash.
-- Params: $tabel (VARCHAR, an import target from the allow-list).
select i.row_key, t.content_hash
from incoming as i
join query_table($tabel) as t on t.row_key = i.row_key;
