-- One row per audit entry (JSON lines of the audit log), newest first, filtered. No figure of any wilayah.
-- Params: $path (VARCHAR), $wilayah (VARCHAR, '' = all), $event (VARCHAR, '' = all),
-- $who (VARCHAR, '' = all), $dari (DATE), $sampai (DATE).
with entries as (
    select
        cast(a.json ->> 'no' as bigint) as nomor,
        cast(a.json ->> 'waktu' as timestamptz) as waktu,
        a.json ->> 'peristiwa' as peristiwa,
        a.json ->> 'pengguna' as pengguna,
        a.json ->> 'wilayah' as wilayah,
        a.json ->> 'keterangan' as keterangan
    from read_ndjson_objects($path, ignore_errors = true) as a
    where json_valid(a.json)
)

select
    e.nomor,
    e.waktu,
    e.peristiwa,
    e.pengguna,
    e.wilayah,
    e.keterangan
from entries as e
where
    ($event = '' or e.peristiwa = $event)
    and ($who = '' or e.pengguna = $who)
    and (
        $wilayah = ''
        or e.wilayah = $wilayah
        or starts_with(e.wilayah, $wilayah || '.')
    )
    and cast(timezone('Asia/Jakarta', e.waktu) as date) between $dari and $sampai
order by e.nomor desc;
