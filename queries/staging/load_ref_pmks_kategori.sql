-- One row per category list version × PMKS category code. Params: $csv (VARCHAR).
delete from ref_pmks_kategori;
insert into ref_pmks_kategori
select versi, kode, nama, kelompok from read_csv($csv, all_varchar = true);
