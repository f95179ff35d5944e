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
join mart_tahun as t
    on p.tanggal_sk <= make_date(t.tahun, 12, 31)
    and (
        (p.tanggal_nonaktif is null and p.aktif)
        or p.tanggal_nonaktif > make_date(t.tahun, 12, 31)
    )
left join mart_psm_bimtek as b on b.nik_hash = p.nik_hash;
