-- One row per distinct written date of the input (temp table values_tanggal: teks as written, tanggal DATE or
-- null, dikenal = written in an accepted format, even when that day does not exist). Accepted, day first always:
-- YYYY-MM-DD and YYYY/MM/DD (with or without a time), DD/MM/YYYY, D-M-YYYY, D.M.YY, Indonesian or English month
-- names full or short ('7 Juni 2022', '7-Jun-22', '1 Agt 2023'), and Excel serial numbers 1..80000. A two-digit
-- year 00..$tahun_dua is 20xx, later ones 19xx. Reads values_input and values_nilai. Params: $tahun_dua (INTEGER).
create or replace temp table values_tanggal as
with teks as (
    select tanggal_lahir as teks
    from values_input
    where tanggal_lahir is not null
    union
    select tanggal_catat as teks
    from values_input
    where tanggal_catat is not null
    union
    select tanggal_selesai as teks
    from values_input
    where tanggal_selesai is not null
    union
    select tanggal_sk as teks
    from values_input
    where tanggal_sk is not null
    union
    select tanggal_nonaktif as teks
    from values_input
    where tanggal_nonaktif is not null
    union
    select tanggal_mulai as teks
    from values_input
    where tanggal_mulai is not null
),
bagian as (
    select
        teks,
        regexp_extract(
            lower(teks),
            '^(\d\d\d\d)[-/.](\d\d?)[-/.](\d\d?)(?:[ t]+\d\d?[:.]\d\d(?:[:.]\d\d(?:\.\d+)?)?)?$',
            ['y', 'm', 'd']
        ) as ymd,
        regexp_extract(
            lower(teks),
            '^(\d\d?)[-/.](\d\d?)[-/.](\d\d\d\d|\d\d)(?:[ t]+\d\d?[:.]\d\d(?:[:.]\d\d(?:\.\d+)?)?)?$',
            ['d', 'm', 'y']
        ) as dmy,
        regexp_extract(
            lower(teks),
            '^(?:[a-z]+,?\s+)?(\d\d?)[\s./-]*([a-z]+)\.?,?[\s./-]*(\d\d\d\d|\d\d)$',
            ['d', 'b', 'y']
        ) as dby,
        case
            when regexp_full_match(teks, '\d\d?\d?\d?\d?(\.\d+)?') then floor(teks::double)::integer
        end as seri
    from teks
),
bulan as (
    select
        kunci,
        nilai::integer as bulan
    from values_nilai
    where kolom = 'bulan'
),
angka as (
    select
        b.teks,
        b.seri,
        coalesce(nullif(b.ymd.y, ''), nullif(b.dmy.y, ''), case when bl.bulan is not null then nullif(b.dby.y, '') end)
            as y,
        coalesce(nullif(b.ymd.m, '')::integer, nullif(b.dmy.m, '')::integer, bl.bulan) as m,
        coalesce(nullif(b.ymd.d, ''), nullif(b.dmy.d, ''), case when bl.bulan is not null then nullif(b.dby.d, '') end)
            as d
    from bagian as b
    left join bulan as bl on b.dby.b = bl.kunci
),
tahun as (
    select
        teks,
        seri,
        m,
        d::integer as d,
        case
            when length(y) = 4 then y::integer
            when y::integer <= $tahun_dua then 2000 + y::integer
            else 1900 + y::integer
        end as y
    from angka
)
select
    teks,
    (seri between 1 and 80000) or (y is not null and m is not null and d is not null) as dikenal,
    case
        when seri between 1 and 80000 then date '1899-12-30' + seri
        else try_cast(lpad(y::varchar, 4, '0') || '-' || lpad(m::varchar, 2, '0') || '-' || lpad(d::varchar, 2, '0') as date)
    end as tanggal
from tahun;
