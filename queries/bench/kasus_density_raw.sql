-- Benchmark yardstick: one row per desa with cases inside $wilayah, the cases open at any time in the
-- period $tahun_awal..$tahun counted straight from the case rows (the aggregation app/kasus_by_desa
-- did before it read a mart). Params: $wilayah (VARCHAR, '' for all), $tahun_awal, $tahun (INTEGER).
select
    k.kode_desa,
    count(*)::integer as kasus
from pmks_kasus as k
where
    in_wilayah(k.kode_desa, $wilayah)
    and case_open_between(
        k.tanggal_catat, k.tanggal_selesai, make_date($tahun_awal, 1, 1), make_date($tahun, 12, 31)
    )
group by k.kode_desa;
