-- One row per desa × year × category list version × category: cases open at any time in that year
-- (recorded on or before 31 December, not closed before 1 January) and cases recorded in that year.
-- Rebuilt after every import. No params.
create or replace table mart_kasus_desa_tahun as
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
group by all;
