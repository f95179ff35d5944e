-- One row per desa (with any population figure) × year: the population of that year, or of the
-- nearest year available (earlier preferred), so a rate never divides by a missing figure.
-- Rebuilt after every import. No params.
create or replace table mart_penduduk_desa_tahun as
select ranked.kode_desa, ranked.tahun, ranked.penduduk, ranked.tahun_sumber
from (
    select
        p.kode_desa,
        t.tahun,
        p.penduduk,
        p.tahun as tahun_sumber,
        row_number() over (
            partition by p.kode_desa, t.tahun
            order by abs(p.tahun - t.tahun), p.tahun
        ) as rn
    from penduduk_desa as p
    cross join mart_tahun as t
) as ranked
where ranked.rn = 1;
