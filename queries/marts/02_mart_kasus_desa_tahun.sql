-- One row per desa × year × category list version × category: cases open at any time in that year
-- (recorded on or before 31 December, not closed before 1 January) and cases recorded in that year.
-- Rebuilt after every import. No params.
create or replace table mart_kasus_desa_tahun as
select * from kasus_desa_tahun_rows(true);
