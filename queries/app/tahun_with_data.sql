-- One row per year that has case data (first recorded case to the last year of any data).
-- Params: $wilayah (VARCHAR, '' = all).
select t.tahun
from mart_tahun as t
where t.tahun >= (
    select coalesce(min(k.tahun_catat), 9999) from mart_kasus_desa_periode as k
    where in_wilayah(k.kode_desa, $wilayah)
)
order by t.tahun;
