-- One row per distinct (versi_daftar, kode_pmks) written in the input (temp table values_kategori_teks): the
-- category it means (versi, kode; null when none), whether its list is known, and the known lists for messages.
-- A code is looked up in the row's list only (default $versi_default); a name also among the names that mean
-- one category in every list. Reads values_input and values_kategori. Params: $versi_default (VARCHAR).
create or replace temp table values_kategori_teks as
with teks as (
    select distinct
        versi_daftar,
        kode_pmks
    from values_input
    where kode_pmks is not null
),
kunci as (
    select
        versi_daftar,
        kode_pmks,
        values_kunci(coalesce(versi_daftar, $versi_default)) as daftar,
        values_kunci_kategori(kode_pmks) as kunci
    from teks
),
daftar as (
    select distinct daftar
    from values_kategori
    where daftar <> '*'
)
select
    k.versi_daftar,
    k.kode_pmks,
    coalesce(d.versi, u.versi) as versi,
    coalesce(d.kode, u.kode) as kode,
    k.daftar in (select daftar.daftar from daftar) as daftar_dikenal,
    (
        select string_agg(distinct v.nama_daftar, ', ' order by v.nama_daftar)
        from values_kategori as v
        where v.daftar <> '*'
    ) as versi_dikenal
from kunci as k
left join values_kategori as d on k.daftar = d.daftar and k.kunci = d.kunci
left join values_kategori as u on u.daftar = '*' and k.kunci = u.kunci;
