-- Benchmark baseline: DuckDB's bare filtered scan of the case columns a per-desa density reads, inside
-- $wilayah: every value is read (a min per column), nothing is grouped. One row.
-- Params: $wilayah (VARCHAR, dotted code, '' for all).
select
    min(kode_desa) as kode_desa,
    min(tanggal_catat) as tanggal_catat,
    min(tanggal_selesai) as tanggal_selesai,
    min(kode_pmks) as kode_pmks
from pmks_kasus
where in_wilayah(kode_desa, $wilayah);
