-- mart_kasus_desa_tahun and mart_kasus_desa_periode recomputed only for the desa an import touched (temp
-- table touched_desa), so a small import into a national store does not re-aggregate every case; valid
-- while mart_tahun is unchanged. The rows come from the same table macros as the full refresh. No params.
delete from mart_kasus_desa_tahun
where kode_desa in (select t.kode_desa from touched_desa as t);

insert into mart_kasus_desa_tahun
select * from kasus_desa_tahun_rows(false)
order by kode_desa;

delete from mart_kasus_desa_periode
where kode_desa in (select t.kode_desa from touched_desa as t);

insert into mart_kasus_desa_periode
select * from kasus_desa_periode_rows(false)
order by kode_desa;
