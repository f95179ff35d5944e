-- Adds one confirmed desa name. Params: $kode_kab, $kecamatan, $desa, $kode (VARCHAR; names normalised).
insert into desa_alias (kode_kab, kecamatan, desa, kode, confirmed_at)
values ($kode_kab, $kecamatan, $desa, $kode, current_timestamp::timestamp);
