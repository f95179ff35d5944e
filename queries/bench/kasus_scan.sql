-- Benchmark baseline: DuckDB's bare filtered scan of the case rows inside $wilayah (no aggregation
-- beyond a count). Params: $wilayah (VARCHAR, dotted code, '' for all).
select count(*) as n
from pmks_kasus
where in_wilayah(kode_desa, $wilayah);
