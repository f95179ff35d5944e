-- One row per desa/kelurahan code of the code list (for validating imports). No params.
select kode from ref_wilayah
where tingkat = 4;
