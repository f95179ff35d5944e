-- Fact tables kept sorted by desa code: DuckLake sorts the rows of every insert (imports, the synthetic
-- benchmark build) and of every compaction by kode_desa, so each data file and row group covers a narrow
-- range of codes and a query for one province, kabupaten or desa skips the files of the others using
-- their min/max statistics; in_wilayah names the range of codes a scope covers, for the same reason.
-- No params.
alter table pmks_kasus set sorted by (kode_desa);  -- noqa: PRS

alter table psm set sorted by (kode_desa);  -- noqa: PRS

alter table penduduk_desa set sorted by (kode_desa);  -- noqa: PRS

-- The same scope rule as 001 (a whole code or a code below it), with the range of codes it can match
-- spelled out ('35' <= kode < '35/', '/' following '.'), so DuckDB compares it with each file's and
-- row group's min/max and skips those outside (the old form, a prefix test only, read them all).
create or replace macro in_wilayah(kode, wilayah) as
    (
        wilayah = ''
        or (kode >= wilayah and kode < wilayah || '/' and (kode = wilayah or starts_with(kode, wilayah || '.')))
    );
