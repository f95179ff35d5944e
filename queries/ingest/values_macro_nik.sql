-- Macro values_nik_alasan(nik): why a written NIK cannot be used, or null when it is 16 digits once spaces and
-- dots are removed. Values damaged by Excel (scientific notation, a number with '.0', 15 digits) get their own
-- reason: the lost digits cannot be recovered. A keyed hash the importer carried over from quarantine
-- ('hash:<64 hex>', values_nik_kunci) is good: its NIK was checked when it was first read. The NIK itself
-- is never part of a reason. No params.
create or replace temp macro values_nik_alasan(nik) as
    case
        when length(nik) = 69 and regexp_full_match(nik, 'hash:[0-9a-f]+') then null  -- carried over from quarantine
        when length(nik) = 16 and regexp_full_match(nik, '\d+') then null
        when regexp_full_match(nik, '\s*\d([.,]\d+)?\s*[eE]\s*\+?\s*\d+\s*')
            then 'NIK rusak oleh Excel (notasi ilmiah); digit yang hilang tidak dapat dipulihkan, '
            || 'ketik ulang NIK sebagai teks'
        when regexp_full_match(nik, '\s*\d+[.,]0+\s*') and length(regexp_extract(nik, '\d+')) in (15, 16)
            then 'NIK rusak oleh Excel (diketik sebagai angka, berakhiran ''.0''); digit hilang tidak dapat '
            || 'dipulihkan, ketik ulang NIK sebagai teks'
        when regexp_full_match(regexp_replace(nik, '[\s.]', '', 'g'), '\d+')
            and length(regexp_replace(nik, '[\s.]', '', 'g')) = 16 then null
        when regexp_full_match(regexp_replace(nik, '[\s.]', '', 'g'), '\d+')
            and length(regexp_replace(nik, '[\s.]', '', 'g')) = 15
            then 'NIK hanya 15 digit (digit hilang, misalnya karena diketik sebagai angka di Excel) dan tidak dapat '
            || 'dipulihkan, ketik ulang NIK sebagai teks'
        else 'NIK harus 16 digit angka'
    end;
