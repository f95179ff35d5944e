-- One row per quarantined row that belongs to wilayah $wilayah ('' = every row): its desa code lies in
-- the wilayah, or its desa name looks like a desa of the wilayah (Jaro-Winkler >= 0.85 on letters and
-- digits, level word dropped), or (training rows) its PSM serves there. Optionally of one file and with
-- a reason containing a text. raw_json keeps NIK only as 'hash:…'. Params: $wilayah, $file_name
-- ('' = every file), $alasan ('' = every reason) (VARCHAR).
with baris as (
    select
        k.import_id,
        k.kind,
        k.file_name,
        k.row_number,
        k.kolom,
        k.alasan,
        k.raw_json,
        replace(coalesce(k.raw_json ->> 'kode_desa', ''), ' ', '') as desa_teks,
        regexp_replace(
            regexp_replace(lower(coalesce(k.raw_json ->> 'kode_desa', '')), '^\s*(desa|ds|kelurahan|kel)\b\.?', ''),
            '[^a-z0-9]', '', 'g'
        ) as desa_norm,
        substr(k.raw_json ->> 'nik_psm', 6) as psm_hash
    from karantina as k
    where
        ($file_name = '' or k.file_name = $file_name)
        and ($alasan = '' or contains(lower(k.alasan), lower($alasan)))
),

desa as (
    select
        w.kode,
        regexp_replace(lower(w.nama), '[^a-z0-9]', '', 'g') as nama_norm
    from ref_wilayah as w
    where w.tingkat = 4 and in_wilayah(w.kode, $wilayah)
)

select
    b.import_id,
    b.kind,
    b.file_name,
    b.row_number,
    b.kolom,
    b.alasan,
    b.raw_json
from baris as b
where
    $wilayah = ''
    or exists (
        select 1
        from desa as d
        where
            d.kode = regexp_replace(b.desa_teks, '^(\d\d)\.?(\d\d)\.?(\d\d)\.?(\d\d\d\d)$', '\1.\2.\3.\4')
            or (b.desa_norm <> '' and jaro_winkler_similarity(d.nama_norm, b.desa_norm) >= 0.85)
    )
    or exists (
        select 1
        from psm as p
        where p.nik_hash = b.psm_hash and in_wilayah(p.kode_desa, $wilayah)
    )
order by b.file_name, b.row_number;
