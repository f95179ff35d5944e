-- One row: headline figures of a wilayah in a year (cases open in the year, PSM counted in the year).
-- Params: $wilayah (VARCHAR, dotted code, '' = all), $tahun (INTEGER).
with desa as (
    select *
    from mart_desa_tahun
    where tahun = $tahun and in_wilayah(kode_desa, $wilayah)
),
latest as (
    select max(catat_terakhir) as data_per
    from mart_kasus_desa_periode
    where in_wilayah(kode_desa, $wilayah) and tahun_catat <= $tahun
)
select
    count(*)::integer as jumlah_desa,
    coalesce(sum(d.kasus), 0)::bigint as kasus,
    sum(d.penduduk)::bigint as penduduk,
    1000.0 * sum(d.kasus) filter (where d.penduduk > 0) / nullif(sum(d.penduduk), 0) as kasus_per_1000,
    coalesce(sum(d.psm_aktif), 0)::bigint as psm_aktif,
    (count(*) filter (where d.psm_aktif > 0))::integer as desa_dengan_psm,
    100.0 * count(*) filter (where d.psm_aktif > 0) / nullif(count(*), 0) as persen_desa_psm,
    coalesce(sum(d.psm_terlatih), 0)::bigint as psm_terlatih,
    100.0 * sum(d.psm_terlatih) / nullif(sum(d.psm_aktif), 0) as persen_psm_terlatih,
    any_value(a.data_per) as data_per
from desa as d
cross join latest as a;
