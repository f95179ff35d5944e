-- One row: the last case recording date inside $wilayah up to the end of $tahun (the map's "data per").
-- Params: $wilayah (VARCHAR, '' = all), $tahun (INTEGER).
select max(k.tanggal_catat) as data_per
from pmks_kasus as k
where in_wilayah(k.kode_desa, $wilayah) and k.tanggal_catat <= make_date($tahun, 12, 31);
