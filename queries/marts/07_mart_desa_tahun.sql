-- One row per desa/kelurahan of the code list × year: the figures every page starts from
-- (population, open cases, active/trained PSM). Desa without data get zeros, not gaps.
-- Rebuilt after every import. No params.
create or replace table mart_desa_tahun as
with desa as (
    select w.kode as kode_desa, w.kode_kec, w.kode_kab, w.kode_prov
    from ref_wilayah as w
    where w.tingkat = 4
        and w.kode_prov in (select distinct left(pd.kode_desa, 2) from penduduk_desa as pd)
),
kasus as (
    select kode_desa, tahun, sum(kasus)::integer as kasus, sum(kasus_baru)::integer as kasus_baru
    from mart_kasus_desa_tahun
    group by all
)
select
    d.kode_desa,
    d.kode_kec,
    d.kode_kab,
    d.kode_prov,
    t.tahun,
    p.penduduk,
    coalesce(k.kasus, 0) as kasus,
    coalesce(k.kasus_baru, 0) as kasus_baru,
    coalesce(s.psm_aktif, 0) as psm_aktif,
    coalesce(s.psm_terlatih, 0) as psm_terlatih,
    coalesce(s.psm_bersertifikat, 0) as psm_bersertifikat
from desa as d
cross join mart_tahun as t
left join mart_penduduk_desa_tahun as p on d.kode_desa = p.kode_desa and t.tahun = p.tahun
left join kasus as k on d.kode_desa = k.kode_desa and t.tahun = k.tahun
left join mart_psm_desa_tahun as s on d.kode_desa = s.kode_desa and t.tahun = s.tahun;
