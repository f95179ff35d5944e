-- One row (or none): name and parents of a wilayah code. Params: $wilayah (VARCHAR, dotted).
select kode, tingkat, jenis, nama, kode_prov, kode_kab, kode_kec, nama_prov, nama_kab, nama_kec
from ref_wilayah
where kode = $wilayah;
