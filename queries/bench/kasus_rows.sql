-- Benchmark baseline: the case rows a per-desa density needs, inside $wilayah, for pandas to aggregate
-- (dates as dates, so pandas compares them as datetimes). Params: $wilayah (VARCHAR, dotted code, '' for all).
select
    kode_desa,
    tanggal_catat,
    tanggal_selesai
from pmks_kasus
where in_wilayah(kode_desa, $wilayah);
