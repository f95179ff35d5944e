-- One row per (versi, kode) of the PMKS category table (for validating imports). No params.
select versi, kode from ref_pmks_kategori;
