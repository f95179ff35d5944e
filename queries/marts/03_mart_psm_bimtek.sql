-- One row per person who passed Bimtek Dasar: the day they became trained (end of the first passed
-- Bimtek Dasar) and certified (the first passed one with a certificate number).
-- Rebuilt after every import. No params.
create or replace table mart_psm_bimtek as
select
    nik_hash,
    min(tanggal_selesai) as tanggal_terlatih,
    min(tanggal_selesai) filter (where has_certificate(lulus, no_sertifikat)) as tanggal_sertifikat
from pelatihan
where lulus and lower(jenis_pelatihan) = 'bimtek dasar'
group by nik_hash;
