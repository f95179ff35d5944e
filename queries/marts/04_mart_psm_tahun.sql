-- One row per PSM × year in which the PSM counts: SK dated on or before 31 December and still active
-- on that day. `terlatih` = passed Bimtek Dasar by then; `bersertifikat` = that, with a certificate number.
-- Rebuilt after every import. No params.
create or replace table mart_psm_tahun as
select
    p.nik_hash,
    p.kode_desa,
    t.tahun,
    coalesce(b.tanggal_terlatih <= make_date(t.tahun, 12, 31), false) as terlatih,
    coalesce(b.tanggal_sertifikat <= make_date(t.tahun, 12, 31), false) as bersertifikat
from psm as p
inner join mart_tahun as t
    on psm_counted_on(p.tanggal_sk, p.aktif, p.tanggal_nonaktif, make_date(t.tahun, 12, 31))
left join mart_psm_bimtek as b on p.nik_hash = b.nik_hash;
