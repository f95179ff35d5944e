-- One row per desa/kelurahan in the scope for the year: active PSM, PSM with Bimtek Dasar, open PMKS
-- cases and population (mart_desa_tahun definitions), with kecamatan and kabupaten names for tables.
-- Feeds the Cakupan PSM page, the quota planner page and `python -m petakesos allocate`.
-- Params: $wilayah (VARCHAR, dotted code, '' = all), $tahun (INTEGER).
select
    d.kode_desa,
    w.nama as nama_desa,
    d.kode_kec,
    w.nama_kec,
    d.kode_kab,
    w.nama_kab,
    d.penduduk,
    d.kasus,
    d.psm_aktif,
    d.psm_terlatih
from mart_desa_tahun as d
inner join ref_wilayah as w on d.kode_desa = w.kode
where d.tahun = $tahun and in_wilayah(d.kode_desa, $wilayah)
order by d.kode_desa;
