-- One row per PMKS category with at least one case inside $wilayah (a desa for the detail panel) open at
-- any time in the period $tahun_awal..$tahun (same rule as peta_kasus_desa), among the chosen categories
-- (so the panel's list adds up to its case count), most cases first.
-- Params: $wilayah (VARCHAR, dotted code), $tahun_awal (INTEGER), $tahun (INTEGER),
--         $kategori (VARCHAR[], category codes such as '09'; empty = all).
select k.kode_pmks as kode, any_value(c.nama) as nama, count(*)::integer as kasus
from pmks_kasus as k
left join ref_pmks_kategori as c on k.versi_daftar = c.versi and k.kode_pmks = c.kode
where in_wilayah(k.kode_desa, $wilayah)
    and case_open_between(k.tanggal_catat, k.tanggal_selesai, make_date($tahun_awal, 1, 1), make_date($tahun, 12, 31))
    and (len($kategori::varchar[]) = 0 or list_contains($kategori::varchar[], k.kode_pmks))
group by k.kode_pmks
order by kasus desc, kode asc;
