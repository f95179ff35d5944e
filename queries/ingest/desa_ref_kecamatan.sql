-- One row per kecamatan of one kabupaten/kota. Params: $kode_kab (VARCHAR, dotted, e.g. '35.23').
select
    w.kode,
    w.nama
from ref_wilayah as w
where w.tingkat = 3 and w.kode_kab = $kode_kab
order by w.kode;
