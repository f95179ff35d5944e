-- Table macro desa_tahun_rows(semua): the rows of mart_desa_tahun (one per desa of the code list × year)
-- for every desa (semua = true) or only the desa an import touched (temp table touched_desa); shared by
-- the full and the incremental refresh. No params.
create or replace temp macro desa_tahun_rows(semua) as table  -- noqa: PRS
with desa as (
    select w.kode as kode_desa, w.kode_kec, w.kode_kab, w.kode_prov
    from ref_wilayah as w
    where w.tingkat = 4
        and (semua or w.kode in (select td.kode_desa from touched_desa as td))  -- noqa: RF02, RF03
        and w.kode_prov in (select distinct left(pd.kode_desa, 2) from penduduk_desa as pd)
),
kasus as (
    select kode_desa, tahun, sum(kasus)::integer as kasus, sum(kasus_baru)::integer as kasus_baru
    from mart_kasus_desa_tahun
    where semua or kode_desa in (select td.kode_desa from touched_desa as td)  -- noqa: RF02, RF03
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
