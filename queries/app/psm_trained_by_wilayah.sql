-- One row per wilayah of level $tingkat (2 kabupaten, 3 kecamatan, 4 desa) in the scope, for the year:
-- its parent's name, desa counted, PSM counted, trained (Bimtek Dasar) and certified — the figures of
-- mart_desa_tahun.
-- Params: $wilayah (VARCHAR, dotted code, '' = all), $tahun (INTEGER), $tingkat (INTEGER 1–4).
with desa as (
    select
        case $tingkat
            when 1 then d.kode_prov
            when 2 then d.kode_kab
            when 3 then d.kode_kec
            else d.kode_desa
        end as kode,
        d.psm_aktif,
        d.psm_terlatih,
        d.psm_bersertifikat
    from mart_desa_tahun as d
    where d.tahun = $tahun and in_wilayah(d.kode_desa, $wilayah)
)
select
    d.kode,
    w.nama,
    case w.tingkat when 4 then w.nama_kec when 3 then w.nama_kab when 2 then w.nama_prov end as nama_induk,
    count(*)::integer as jumlah_desa,
    (count(*) filter (where d.psm_aktif > 0))::integer as desa_dengan_psm,
    sum(d.psm_aktif)::integer as psm_aktif,
    sum(d.psm_terlatih)::integer as psm_terlatih,
    sum(d.psm_bersertifikat)::integer as psm_bersertifikat
from desa as d
inner join ref_wilayah as w on d.kode = w.kode
group by d.kode, w.nama, w.tingkat, w.nama_kec, w.nama_kab, w.nama_prov
order by d.kode;
