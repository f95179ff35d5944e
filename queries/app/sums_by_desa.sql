-- One row per desa/kelurahan inside $wilayah (a kabupaten, for the small-multiple maps) in year
-- $tahun, with the same sums as app/sums_by_kabupaten_tahun so one function computes the rates.
-- Params: $wilayah (VARCHAR, dotted code), $tahun (INTEGER).
select
    d.kode_desa as kode,
    d.kode_kab,
    1 as jumlah_desa,
    coalesce(d.penduduk, 0)::bigint as penduduk,
    d.kasus::bigint as kasus,
    (case when d.penduduk > 0 then d.kasus else 0 end)::bigint as kasus_berpenduduk,
    d.psm_aktif::bigint as psm_aktif,
    (case when d.penduduk > 0 then d.psm_aktif else 0 end)::bigint as psm_berpenduduk,
    d.psm_terlatih::bigint as psm_terlatih,
    (d.psm_aktif > 0)::integer as desa_dengan_psm
from mart_desa_tahun as d
where d.tahun = $tahun and in_wilayah(d.kode_desa, $wilayah)
order by d.kode_desa;
