-- One row per desa × year × category list version × category: cases open at any time in that year
-- (recorded on or before 31 December, not closed before 1 January) and cases recorded in that year.
-- And mart_kasus_desa_periode, one row per desa × year recorded × year closed (9999 = still open): the
-- case count and the last recording date, from which the count of cases open at any time in any period
-- of whole years and the last recording date up to a year follow exactly (app/kasus_by_desa,
-- app/last_case_date), without reading the case rows. Rebuilt after every import. No params.
create or replace table mart_kasus_desa_tahun as
select * from kasus_desa_tahun_rows(true)
order by kode_desa;

create or replace table mart_kasus_desa_periode as
select * from kasus_desa_periode_rows(true)
order by kode_desa;
