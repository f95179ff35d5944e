-- One row per PMKS category (list version × code) with its cases open in $tahun inside $wilayah,
-- for the category picker. Params: $wilayah (VARCHAR, '' = all), $tahun (INTEGER).
with kasus as (
    select m.versi_daftar, m.kode_pmks, sum(m.kasus)::bigint as kasus
    from mart_kasus_desa_tahun as m
    where m.tahun = $tahun and in_wilayah(m.kode_desa, $wilayah)
    group by all
)
select c.versi, c.kode, c.nama, c.kelompok, coalesce(k.kasus, 0)::bigint as kasus
from ref_pmks_kategori as c
left join kasus as k on c.versi = k.versi_daftar and c.kode = k.kode_pmks
order by c.versi, c.kode;
