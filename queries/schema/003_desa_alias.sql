-- One row per desa name a user confirmed by hand (`python -m petakesos desa konfirmasi`): within kabupaten
-- `kode_kab`, the normalised kecamatan name ('' when the file has none) and normalised desa name mean desa
-- `kode`. Append-only; the latest confirmation of a name wins. No keys (the storage moves to DuckLake).
-- No params.
create table if not exists desa_alias (
    kode_kab varchar not null,
    kecamatan varchar not null,
    desa varchar not null,
    kode varchar not null,
    confirmed_at timestamp not null
);
