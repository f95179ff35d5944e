-- Bench only: $n_desa desa/kelurahan codes 35.23.01.2001.. added to an empty ref_wilayah (validate_bench.py).
-- Params: $n_desa (INTEGER).
insert into ref_wilayah (kode, tingkat, jenis, nama)
select
    '35.23.' || lpad((t.i // 100 + 1)::varchar, 2, '0') || '.' || (2001 + t.i % 100)::varchar as kode,
    4 as tingkat,
    'Desa' as jenis,
    'Desa ' || t.i::varchar as nama
from range($n_desa) as t (i);
