-- The rejected rows kept whole (temp table karantina_baru), one per rejected raw row: the row as read
-- as JSON without empty cells, any NIK column ('nik', 'nik_psm') replaced by 'hash:' and its keyed
-- hash (never the NIK itself; a hash carried over from quarantine kept as it is), with the columns at
-- fault and the reasons. row_key hashes the kind and the row, so the same bad row imported again adds
-- nothing. Needs raw_rows, rejects and the macro values_nik_karantina. Params: $kind, $file_name (VARCHAR),
-- $import_id (INTEGER), $ipad, $opad (BLOB).
create or replace temp table karantina_baru as
with mentah as (
    select
        r._baris,
        json_merge_patch(json_object(), to_json(r)) as baris_json
    from (
        select
            _baris,
            columns(lambda c: c not in ('_baris', 'nik', 'nik_psm')),
            values_nik_karantina(columns(lambda c: c in ('nik', 'nik_psm')), $ipad, $opad)
        from raw_rows
        where _baris in (select rj._baris from rejects as rj)
    ) as r
),
tanpa_nomor as (
    select
        m._baris,
        json_merge_patch(m.baris_json, json_object('_baris', null)) as raw_json
    from mentah as m
)
select
    sha256($kind || '|' || t.raw_json::varchar) as row_key,
    sha256($kind || '|' || t.raw_json::varchar) as content_hash,
    $import_id as import_id,
    $kind as kind,
    $file_name as file_name,
    t._baris::integer as row_number,
    rj.kolom,
    rj.alasan,
    t.raw_json::varchar as raw_json
from tanpa_nomor as t
inner join rejects as rj on t._baris = rj._baris;
