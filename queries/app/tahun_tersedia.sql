-- One row per year that has case data (first recorded case to the last year of any data).
-- Params: $wilayah (VARCHAR, '' = all).
select t.tahun
from mart_tahun as t
where t.tahun >= (
    select coalesce(min(year(tanggal_catat)), 9999) from pmks_kasus where in_wilayah(kode_desa, $wilayah)
)
order by t.tahun;
