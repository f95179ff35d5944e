-- One row per kabupaten/kota of the national code list inside $wilayah ('' = all 514), with its province and
-- whether anything (population, cases or PSM) has been imported for it: the national choropleth's units.
-- Params: $wilayah (VARCHAR, '' = all).
with ada as (
    select distinct left(pd.kode_desa, 5) as kode_kab from penduduk_desa as pd
    union
    select distinct left(k.kode_desa, 5) as kode_kab from mart_kasus_desa_tahun as k
    union
    select distinct left(s.kode_desa, 5) as kode_kab from psm as s
)

select
    w.kode,
    w.nama,
    w.kode_prov,
    w.nama_prov,
    a.kode_kab is not null as ada_data
from ref_wilayah as w
left join ada as a on w.kode = a.kode_kab
where w.tingkat = 2 and in_wilayah(w.kode, $wilayah)
order by w.kode;
