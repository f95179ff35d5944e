-- Rules used by more than one query, written once as macros (DuckDB keeps them in the database).
-- No params.

-- A PSM counts on day `d`: SK dated on or before `d` and still active that day.
create or replace macro psm_counted_on(tanggal_sk, aktif, tanggal_nonaktif, d) as
    tanggal_sk <= d and ((tanggal_nonaktif is null and aktif) or tanggal_nonaktif > d);

-- A case is open in the period `dari`..`sampai`: recorded on or before its last day and not closed
-- before its first day ("open at any time in the period").
create or replace macro case_open_between(tanggal_catat, tanggal_selesai, dari, sampai) as
    tanggal_catat <= sampai and (tanggal_selesai is null or tanggal_selesai >= dari);

-- A training record that counts as certified: passed, with a certificate number.
create or replace macro has_certificate(lulus, no_sertifikat) as
    lulus and nullif(trim(no_sertifikat), '') is not null;

-- Level of a dotted wilayah code: 1 province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan.
create or replace macro code_level(kode) as
    case length(kode) when 2 then 1 when 5 then 2 when 8 then 3 when 13 then 4 end;
