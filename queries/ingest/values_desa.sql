-- One row per distinct written desa code of the input (kode_desa, kode_desa_ktp) that is a desa/kelurahan of
-- the code list (temp table values_desa: teks as written, kode dotted). '3523012001', '35.23.01.2001' and
-- '35 23 01 2001' all give '35.23.01.2001'. Reads values_input and ref_wilayah. No params.
create or replace temp table values_desa as
with teks as (
    select kode_desa as teks
    from values_input
    where kode_desa is not null
    union
    select kode_desa_ktp as teks
    from values_input
    where kode_desa_ktp is not null
),
angka as (
    select
        teks,
        regexp_replace(teks, '[\s.]', '', 'g') as digit
    from teks
),
-- The check sits in the select list, not in a filter, so it runs once per distinct value instead of being
-- pushed down to every raw row.
kandidat as (
    select
        teks,
        case
            when length(digit) = 10 and regexp_full_match(digit, '\d+')
                then substr(digit, 1, 2) || '.' || substr(digit, 3, 2) || '.' || substr(digit, 5, 2) || '.'
                || substr(digit, 7, 4)
        end as kode
    from angka
)
select
    k.teks,
    w.kode
from kandidat as k
inner join ref_wilayah as w on k.kode = w.kode
where w.tingkat = 4;
