-- One row per distinct written sex, status or yes/no value of the input that has a meaning (temp table
-- values_nilai_teks: kolom, teks as written, nilai); values without one are absent. Reads values_input and
-- values_nilai. No params.
create or replace temp table values_nilai_teks as
with teks as (
    select 'jenis_kelamin' as kolom, jenis_kelamin as teks
    from values_input
    where jenis_kelamin is not null
    union
    select 'status' as kolom, status as teks
    from values_input
    where status is not null
    union
    select 'ya_tidak' as kolom, aktif as teks
    from values_input
    where aktif is not null
    union
    select 'ya_tidak' as kolom, lulus as teks
    from values_input
    where lulus is not null
)
select
    t.kolom,
    t.teks,
    n.nilai
from teks as t
inner join values_nilai as n on t.kolom = n.kolom and values_kunci(t.teks) = n.kunci;
