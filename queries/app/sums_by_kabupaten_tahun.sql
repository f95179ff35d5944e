-- One row per kabupaten/kota × year inside $wilayah (a province, or '' = every covered province):
-- the sums the comparison rates are built from (desa, population, open cases, counted PSM), so a
-- province or any other group is summed the same way before dividing. The cases in desa of 5 or more and
-- the number of desa of 1–4 (each, and among desa with a population) give the range a total over desa
-- shown as "<5" can take.
-- Params: $wilayah (VARCHAR, dotted code, '' = all).
with desa as (
    select *
    from mart_desa_tahun
    where in_wilayah(kode_desa, $wilayah)
)
select
    d.kode_kab,
    w.nama as nama_kab,
    d.kode_prov,
    w.nama_prov,
    d.tahun,
    count(*)::integer as jumlah_desa,
    coalesce(sum(d.penduduk), 0)::bigint as penduduk,
    coalesce(sum(d.kasus), 0)::bigint as kasus,
    -- Rates per 1,000 count only desa with a population figure, as on Beranda.
    coalesce(sum(d.kasus) filter (where d.penduduk > 0), 0)::bigint as kasus_berpenduduk,
    coalesce(sum(d.kasus) filter (where d.kasus >= 5), 0)::bigint as kasus_besar,
    (count(*) filter (where d.kasus between 1 and 4))::integer as desa_kasus_kecil,
    coalesce(sum(d.kasus) filter (where d.kasus >= 5 and d.penduduk > 0), 0)::bigint as kasus_besar_berpenduduk,
    (count(*) filter (where d.kasus between 1 and 4 and d.penduduk > 0))::integer as desa_kecil_berpenduduk,
    coalesce(sum(d.psm_aktif), 0)::bigint as psm_aktif,
    coalesce(sum(d.psm_aktif) filter (where d.penduduk > 0), 0)::bigint as psm_berpenduduk,
    coalesce(sum(d.psm_terlatih), 0)::bigint as psm_terlatih,
    (count(*) filter (where d.psm_aktif > 0))::integer as desa_dengan_psm
from desa as d
inner join ref_wilayah as w on d.kode_kab = w.kode
group by all
order by d.kode_kab, d.tahun;
