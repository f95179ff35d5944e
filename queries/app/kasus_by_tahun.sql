-- One row per year from the first recorded case in the data: PMKS cases of the chosen categories
-- open in that year inside $wilayah, the population of the desa with a figure, and cases per 1,000 residents (over desa with population).
-- Params: $wilayah (VARCHAR, dotted code, '' = all), $kategori (VARCHAR[], empty = all).
with kasus as (
    select m.kode_desa, m.tahun, sum(m.kasus)::integer as kasus
    from mart_kasus_desa_tahun as m
    where in_wilayah(m.kode_desa, $wilayah)
        and (len($kategori::varchar[]) = 0 or list_contains($kategori::varchar[], m.kode_pmks))
    group by all
),
desa as (
    select d.kode_desa, d.tahun, d.penduduk, coalesce(k.kasus, 0) as kasus
    from mart_desa_tahun as d
    left join kasus as k on d.kode_desa = k.kode_desa and d.tahun = k.tahun
    where in_wilayah(d.kode_desa, $wilayah)
        and d.tahun >= (select min(c.tahun_catat) from mart_kasus_desa_periode as c)
)
select
    d.tahun,
    sum(d.kasus)::bigint as kasus,
    sum(d.penduduk)::bigint as penduduk,
    1000.0 * sum(d.kasus) filter (where d.penduduk > 0) / nullif(sum(d.penduduk), 0) as kasus_per_1000
from desa as d
group by d.tahun
order by d.tahun;
