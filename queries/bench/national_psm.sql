-- Benchmark store: one PSM in about two of three desa of the national code list. No params.
insert into psm
select
    md5('psm' || w.kode) as row_key,
    md5('psmc' || w.kode) as content_hash,
    md5('psmn' || w.kode) as nik_hash,
    'PSM ' || w.kode as nama,
    'P' as jenis_kelamin,
    date '1980-01-01' as tanggal_lahir,
    w.kode as kode_desa,
    null::varchar as kode_desa_ktp,
    'SK/' || w.kode as no_sk,
    date '2020-01-01' + (hash(w.kode) % 1800)::integer as tanggal_sk,
    true as aktif,
    null::date as tanggal_nonaktif,
    0 as import_id
from ref_wilayah as w
where w.tingkat = 4 and hash(w.kode) % 3 <> 0;
