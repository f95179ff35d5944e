-- mart_kasus_desa_tahun recomputed only for the desa an import touched (temp table touched_desa), so a
-- small import into a national store does not re-aggregate every case. Same rows as
-- marts/02_mart_kasus_desa_tahun.sql for those desa; valid while mart_tahun is unchanged. No params.
delete from mart_kasus_desa_tahun
where kode_desa in (select t.kode_desa from touched_desa as t);

insert into mart_kasus_desa_tahun
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
where k.kode_desa in (select td.kode_desa from touched_desa as td)
group by all;
