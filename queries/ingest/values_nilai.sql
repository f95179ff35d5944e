-- One row per (kolom, kunci) of the value synonyms in data/impor/nilai.csv (temp table values_nilai):
-- status, jenis_kelamin, ya_tidak and bulan, each written form keyed by values_kunci. Params: $csv (VARCHAR).
create or replace temp table values_nilai as
select distinct
    kolom,
    values_kunci(sinonim) as kunci,
    nilai
from read_csv($csv, all_varchar = true, header = true);
