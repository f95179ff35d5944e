-- The kept NIK hash of each quarantined row of one file whose NIK was not at fault, so a row fixed in the
-- quarantine download (which leaves the NIK out) keeps its person. One row per quarantined row.
-- Params: $kind, $file_name (VARCHAR).
select
    k.row_number,
    coalesce(k.raw_json ->> 'nik', k.raw_json ->> 'nik_psm') as nik
from karantina as k
where
    k.kind = $kind
    and k.file_name = $file_name
    and not list_has_any(string_split(replace(k.kolom, ' ', ''), ','), ['nik', 'nik_psm']);
