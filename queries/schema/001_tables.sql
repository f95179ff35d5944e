-- Schema of the Peta Kesos store (a DuckLake: no primary keys, indexes or sequences). Reference tables
-- are reloaded when their files change; fact rows carry a row_key the importer de-duplicates on, so
-- re-imports add nothing. NIK is stored only as a keyed hash. No params.

create table if not exists ref_wilayah (
    kode varchar not null,      -- dotted Kemendagri 2025 code
    tingkat integer not null,      -- 1 prov, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan
    jenis varchar not null,        -- Provinsi, Kabupaten, Kota, Kecamatan, Desa, Kelurahan, Desa Adat
    nama varchar not null,
    kode_prov varchar,
    kode_kab varchar,
    kode_kec varchar,
    nama_prov varchar,
    nama_kab varchar,
    nama_kec varchar,
    has_polygon boolean not null default false,
    luas_km2 double
);

create table if not exists ref_penduduk_kab (
    kode varchar not null,
    tingkat integer not null,
    nama varchar not null,
    penduduk_total bigint,
    luas_km2_big double
);

create table if not exists ref_pmks_kategori (
    versi varchar not null,
    kode varchar not null,
    nama varchar not null,
    kelompok varchar
);

create table if not exists import_log (
    import_id integer not null,
    file_name varchar not null,
    file_sha256 varchar not null,
    kind varchar not null,
    imported_at timestamp not null,
    n_read integer not null,
    n_imported integer not null,
    n_quarantined integer not null,
    n_duplicate integer not null
);

create table if not exists pmks_kasus (
    row_key varchar not null,   -- hash of nik_hash, versi, kode_pmks, kode_desa, tanggal_catat
    content_hash varchar not null,
    nik_hash varchar not null,
    nama varchar not null,
    jenis_kelamin varchar not null,
    tanggal_lahir date not null,
    versi_daftar varchar not null,
    kode_pmks varchar not null,
    kode_desa varchar not null,
    tanggal_catat date not null,
    status varchar not null,
    tanggal_selesai date,
    sumber varchar,
    import_id integer not null
);

create table if not exists psm (
    row_key varchar not null,   -- the PSM's nik_hash: one row per person
    content_hash varchar not null,
    nik_hash varchar not null,
    nama varchar not null,
    jenis_kelamin varchar not null,
    tanggal_lahir date not null,
    kode_desa varchar not null,
    kode_desa_ktp varchar,
    no_sk varchar not null,
    tanggal_sk date not null,
    aktif boolean not null,
    tanggal_nonaktif date,
    import_id integer not null
);

create table if not exists pelatihan (
    row_key varchar not null,   -- hash of nik_hash, jenis_pelatihan, tanggal_mulai
    content_hash varchar not null,
    nik_hash varchar not null,
    jenis_pelatihan varchar not null,
    tanggal_mulai date not null,
    tanggal_selesai date not null,
    penyelenggara varchar not null,
    lulus boolean not null,
    no_sertifikat varchar,
    import_id integer not null
);

create table if not exists penduduk_desa (
    row_key varchar not null,   -- kode_desa|tahun
    content_hash varchar not null,
    kode_desa varchar not null,
    tahun integer not null,
    penduduk bigint not null,
    laki_laki bigint,
    perempuan bigint,
    import_id integer not null
);

-- Rejected rows, kept whole (NIK replaced by its hash) with every reason found.
create table if not exists karantina (
    row_key varchar not null,   -- hash of kind and the raw row, so a re-import adds nothing
    content_hash varchar not null, -- equal to row_key: a quarantined row never changes
    import_id integer not null,
    kind varchar not null,
    file_name varchar not null,
    row_number integer not null,   -- as a spreadsheet shows it: the header is row 1
    kolom varchar not null,        -- column(s) at fault, comma separated
    alasan varchar not null,       -- reason(s) in Bahasa Indonesia
    raw_json varchar not null
);

create table if not exists meta (
    key varchar not null,
    value varchar not null
);

-- True when `kode` lies inside the scope `wilayah` ('' = everywhere). Every app query filters with it,
-- so a user's wilayah scope can later be enforced in one place.
create or replace macro in_wilayah(kode, wilayah) as
    (wilayah = '' or kode = wilayah or starts_with(kode, wilayah || '.'));
