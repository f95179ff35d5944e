-- One row per desa/kelurahan of the code list × year: the figures every page starts from
-- (population, open cases, active/trained PSM). Desa without data get zeros, not gaps.
-- Rebuilt after every import. No params.
create or replace table mart_desa_tahun as
select * from desa_tahun_rows(true)
order by kode_desa, tahun;
