-- One row per year covered by the data (first recorded case, SK or population year up to the last).
-- Rebuilt after every import. No params.
create or replace table mart_tahun as
with bounds as (
    select min(y) as y0, max(y) as y1
    from (
        select year(tanggal_catat) as y from pmks_kasus
        union all
        select year(coalesce(tanggal_selesai, tanggal_catat)) from pmks_kasus
        union all
        select year(tanggal_sk) from psm
        union all
        select tahun from penduduk_desa
    ) as years
)
select unnest(range(coalesce(b.y0, 2025), coalesce(b.y1, 2025) + 1)) as tahun
from bounds as b;
