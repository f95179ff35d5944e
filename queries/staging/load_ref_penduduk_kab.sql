-- One row per province and kabupaten/kota (and '0' = Indonesia): official population 2025 and area.
-- Params: $csv (VARCHAR).
delete from ref_penduduk_kab;
insert into ref_penduduk_kab
select kode, tingkat::integer, nama, penduduk_total::double::bigint, luas_km2_big::double
from read_csv($csv, all_varchar = true);
