-- One row: the last case recording date inside $wilayah up to the end of $tahun (the map's "data per").
-- Params: $wilayah (VARCHAR, '' = all), $tahun (INTEGER).
-- From the mart: a case recorded on or before 31 December of $tahun is one recorded in $tahun or before.
select max(m.catat_terakhir) as data_per
from mart_kasus_desa_periode as m
where in_wilayah(m.kode_desa, $wilayah) and m.tahun_catat <= $tahun;
