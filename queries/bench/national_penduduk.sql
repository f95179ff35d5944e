-- Benchmark store: a population figure for every desa of the national code list, 2021–2025. No params.
insert into penduduk_desa
with tahun as (
    select unnest(range(2021, 2026)) as tahun
)

select
    md5(w.kode || '|' || y.tahun) as row_key,
    md5('p' || w.kode || y.tahun) as content_hash,
    w.kode as kode_desa,
    y.tahun,
    (1000 + hash(w.kode) % 6000)::bigint as penduduk,
    null::bigint as laki_laki,
    null::bigint as perempuan,
    0 as import_id
from ref_wilayah as w
cross join tahun as y
where w.tingkat = 4;
