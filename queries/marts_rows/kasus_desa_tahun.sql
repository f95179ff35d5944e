-- Table macros kasus_desa_tahun_rows(semua) and kasus_desa_periode_rows(semua): the rows of
-- mart_kasus_desa_tahun (one per desa × year × category list version × category) and of
-- mart_kasus_desa_periode (one per desa × year recorded × year closed, 9999 = open) for every desa
-- (semua = true) or only the desa an import touched (temp table touched_desa), so the full and the
-- incremental refresh share one definition. No params.
create or replace temp macro kasus_desa_tahun_rows(semua) as table  -- noqa: PRS
select
    k.kode_desa,
    t.tahun,
    k.versi_daftar,
    k.kode_pmks,
    count(*)::integer as kasus,
    count(*) filter (where year(k.tanggal_catat) = t.tahun)::integer as kasus_baru
from pmks_kasus as k
inner join mart_tahun as t
    on case_open_between(k.tanggal_catat, k.tanggal_selesai, make_date(t.tahun, 1, 1), make_date(t.tahun, 12, 31))
where semua or k.kode_desa in (select td.kode_desa from touched_desa as td)  -- noqa: RF02, RF03
group by all;

-- A case is open in the years a..b exactly when year(tanggal_catat) <= b and (not closed or
-- year(tanggal_selesai) >= a), so counting by those two years loses nothing.
create or replace temp macro kasus_desa_periode_rows(semua) as table  -- noqa: PRS
select
    k.kode_desa,
    year(k.tanggal_catat) as tahun_catat,
    coalesce(year(k.tanggal_selesai), 9999) as tahun_selesai,
    count(*)::integer as kasus,
    max(k.tanggal_catat) as catat_terakhir
from pmks_kasus as k
where semua or k.kode_desa in (select td.kode_desa from touched_desa as td)  -- noqa: RF02, RF03
group by all;
