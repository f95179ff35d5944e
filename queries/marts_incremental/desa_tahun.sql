-- mart_desa_tahun recomputed only for the desa an import touched (temp table touched_desa), when only
-- case rows changed; valid while mart_tahun is unchanged. Same table macro as the full refresh. No params.
delete from mart_desa_tahun
where kode_desa in (select t.kode_desa from touched_desa as t);

insert into mart_desa_tahun
select * from desa_tahun_rows(false);
