-- One row per kabupaten/kota of the code list: code and name ('Kabupaten Tuban'). No params.
select
    w.kode,
    w.nama
from ref_wilayah as w
where w.tingkat = 2
order by w.kode;
