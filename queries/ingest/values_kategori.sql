-- One row per (daftar, kunci) of the PMKS category lookup (temp table values_kategori): for every category list
-- version of ref_pmks_kategori its codes, official names and the synonyms of data/impor/pmks_kategori_sinonim.csv,
-- for every local list of data/impor/pmks_lokal.csv its codes and names, and under daftar '*' every name that
-- means one category whatever the list. Keys that would mean two categories are left out. daftar is keyed by
-- values_kunci ('permensos-8-2012' -> 'permensos82012'), nama_daftar as written. Params: $sinonim_csv, $lokal_csv (VARCHAR).
create or replace temp table values_kategori as
with sinonim as (
    select versi, kode, sinonim
    from read_csv($sinonim_csv, all_varchar = true, header = true)
),
lokal as (
    select daftar, kode_lokal, nama_lokal, versi, kode
    from read_csv($lokal_csv, all_varchar = true, header = true)
),
kunci as (
    select r.versi as daftar, values_kunci_kategori(r.kode) as kunci, r.versi, r.kode
    from ref_pmks_kategori as r
    union
    select r.versi as daftar, values_kunci_kategori(r.nama) as kunci, r.versi, r.kode
    from ref_pmks_kategori as r
    union
    select s.versi as daftar, values_kunci_kategori(s.sinonim) as kunci, s.versi, s.kode
    from sinonim as s
    union
    select l.daftar, values_kunci_kategori(l.kode_lokal) as kunci, l.versi, l.kode
    from lokal as l
    union
    select l.daftar, values_kunci_kategori(l.nama_lokal) as kunci, l.versi, l.kode
    from lokal as l
),
dikenal as (
    select
        k.daftar,
        k.kunci,
        k.versi,
        k.kode
    from kunci as k
    inner join ref_pmks_kategori as r on k.versi = r.versi and k.kode = r.kode
),
nama_umum as (
    select
        '*' as daftar,
        kunci,
        versi,
        kode
    from dikenal
    where starts_with(kunci, 'n')
),
semua as (
    select * from dikenal
    union
    select * from nama_umum
)
select
    case when daftar = '*' then daftar else values_kunci(daftar) end as daftar,
    kunci,
    min(daftar) as nama_daftar,
    min(versi) as versi,
    min(kode) as kode
from semua
group by case when daftar = '*' then daftar else values_kunci(daftar) end, kunci
having count(distinct versi || '|' || kode) = 1;
