-- One row per desa/kelurahan (of the provinces with data) inside $wilayah: names, population in the end
-- year and the PMKS cases of the chosen categories open at any time in the period $tahun_awal..$tahun
-- (recorded on or before 31 December of $tahun and not closed before 1 January of $tahun_awal; a case
-- open in several years of the period counts once). Desa without cases get 0; without population NULL.
-- Params: $wilayah (VARCHAR, dotted code, '' = all), $tahun_awal (INTEGER, first year),
--         $tahun (INTEGER, last year), $kategori (VARCHAR[], category codes such as '09'; empty = all).
with desa as (
    select d.kode_desa, d.penduduk
    from mart_desa_tahun as d
    where d.tahun = $tahun and in_wilayah(d.kode_desa, $wilayah)
),
kasus as (
    -- Every category: the period count follows from the years recorded and closed (mart), exactly.
    select m.kode_desa, sum(m.kasus)::integer as kasus
    from mart_kasus_desa_periode as m
    where len($kategori::varchar[]) = 0
        and in_wilayah(m.kode_desa, $wilayah)
        and m.tahun_catat <= $tahun
        and m.tahun_selesai >= $tahun_awal
    group by m.kode_desa
    union all
    -- Chosen categories: the case rows, sorted by desa, so a province reads only its own files.
    select k.kode_desa, count(*)::integer as kasus
    from pmks_kasus as k
    where len($kategori::varchar[]) > 0
        and in_wilayah(k.kode_desa, $wilayah)
        and case_open_between(k.tanggal_catat, k.tanggal_selesai, make_date($tahun_awal, 1, 1), make_date($tahun, 12, 31))
        and list_contains($kategori::varchar[], k.kode_pmks)
    group by k.kode_desa
)
select
    d.kode_desa as kode,
    w.nama,
    w.kode_kec,
    w.nama_kec,
    w.kode_kab,
    w.nama_kab,
    w.kode_prov,
    w.nama_prov,
    d.penduduk,
    coalesce(k.kasus, 0)::integer as kasus
from desa as d
inner join ref_wilayah as w on d.kode_desa = w.kode
left join kasus as k on d.kode_desa = k.kode_desa
order by d.kode_desa;
