-- One row per wilayah one level below $wilayah ('' = provinces) that lies in a province with data,
-- for the sidebar pickers. Params: $wilayah (VARCHAR), $tingkat (INTEGER, level of the children).
select w.kode, w.nama
from ref_wilayah as w
where w.tingkat = $tingkat
    and in_wilayah(w.kode, $wilayah)
    and w.kode_prov in (select distinct m.kode_prov from mart_desa_tahun as m)
order by w.kode;
