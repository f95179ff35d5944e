-- One row per desa/kelurahan of the code list inside the scope that has no boundary polygon (e.g. 11 new
-- desa in Lampung): they count in every table, and on maps their kecamatan stands in for them.
-- Params: $wilayah (VARCHAR, '' = all).
select w.kode, w.nama, w.kode_kec, w.nama_kec, w.nama_kab
from ref_wilayah as w
where w.tingkat = 4
    and not w.has_polygon
    and in_wilayah(w.kode, $wilayah)
    and w.kode_prov in (select distinct m.kode_prov from mart_desa_tahun as m)
order by w.kode;
