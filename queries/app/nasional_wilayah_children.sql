-- One row per wilayah of the national code list one level below $wilayah ('' = provinces), with or without
-- data, for the sidebar pickers. Params: $wilayah (VARCHAR), $tingkat (INTEGER, level of the children).
select w.kode, w.nama
from ref_wilayah as w
where w.tingkat = $tingkat and in_wilayah(w.kode, $wilayah)
order by w.kode;
