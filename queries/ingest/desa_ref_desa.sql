-- One row per desa/kelurahan of one kabupaten/kota, or of the whole code list when $kode_kab is ''.
-- Params: $kode_kab (VARCHAR, dotted, e.g. '35.23', or '').
select
    w.kode,
    w.nama,
    w.kode_kab,
    w.kode_kec,
    w.nama_kec
from ref_wilayah as w
where w.tingkat = 4 and ($kode_kab = '' or w.kode_kab = $kode_kab)
order by w.kode;
