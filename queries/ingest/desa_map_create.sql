-- One row per distinct (desa, kecamatan) name text (temp table `desa_map`): the code it resolved to, or
-- null and the reason it did not. Params: $desa_raw, $kec_raw, $kode, $alasan (VARCHAR[], same length).
create or replace temp table desa_map as
select
    unnest($desa_raw::varchar[]) as desa_raw,
    unnest($kec_raw::varchar[]) as kec_raw,
    unnest($kode::varchar[]) as kode,
    unnest($alasan::varchar[]) as alasan;
