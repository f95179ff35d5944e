-- Macro values_nik_bersih(nik): the NIK as 16 digits, spaces and dots removed ('3523 0112 0190 0011' ->
-- '3523011201900011'); meaningful only where values_nik_alasan(nik) is null. No params.
create or replace temp macro values_nik_bersih(nik) as
    case when length(nik) = 16 and regexp_full_match(nik, '\d+') then nik else regexp_replace(nik, '[\s.]', '', 'g') end;
