-- One row per province with any imported data (population, cases or PSM), largest population first, and
-- whether $wilayah itself has any: the "belum ada data" notice. Params: $wilayah (VARCHAR, '' = all).
with ada as (
    select distinct pd.kode_desa from penduduk_desa as pd
    union
    select distinct k.kode_desa from mart_kasus_desa_tahun as k
    union
    select distinct s.kode_desa from psm as s
),

prov as (
    select distinct left(a.kode_desa, 2) as kode_prov from ada as a
),

here as (
    select count(*) > 0 as wilayah_ada
    from ada as a
    where in_wilayah(a.kode_desa, $wilayah)
)

select
    w.kode,
    w.nama,
    h.wilayah_ada
from ref_wilayah as w
inner join prov as p on w.kode = p.kode_prov
left join ref_penduduk_kab as r on w.kode = r.kode
cross join here as h
where w.tingkat = 1
order by r.penduduk_total desc nulls last, w.kode asc;
