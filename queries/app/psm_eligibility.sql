-- One row per PSM counted in the year (SK on or before 31 December, still active that day) in the scope:
-- where they serve, where their KTP is, age at SK, and their Bimtek Dasar by 31 December. For the
-- readiness pipeline and the Permensos 10/2019 checks; names only for the district's own staff, no NIK.
-- Params: $wilayah (VARCHAR, dotted code, '' = all), $tahun (INTEGER).
with batas as (
    select make_date($tahun, 12, 31) as akhir
),
dasar as (
    select
        l.nik_hash,
        min(l.tanggal_selesai) filter (where l.lulus) as tanggal_bimtek,
        min(l.tanggal_selesai) filter (
            where has_certificate(l.lulus, l.no_sertifikat)
        ) as tanggal_sertifikat,
        count(*)::integer as kali_ikut
    from pelatihan as l
    cross join batas as b
    where lower(l.jenis_pelatihan) = 'bimtek dasar' and l.tanggal_selesai <= b.akhir
    group by l.nik_hash
)
select
    p.nama,
    p.kode_desa,
    w.nama as nama_desa,
    w.nama_kec,
    w.nama_kab,
    p.kode_desa_ktp,
    k.nama as nama_desa_ktp,
    p.no_sk,
    p.tanggal_sk,
    -- The one age rule of Peta Kesos (the importer keeps no other): whole years completed on the SK date.
    -- The year counts once the birthday's month-day is reached, so a PSM born on 29 February has the
    -- birthday on 1 March in a non-leap year (28 Feb 2022 → 17 for a birth on 29 Feb 2004; 1 Mar → 18):
    -- a minimum age is met only when the full years have passed. Birth dates never leave the database.
    (date_diff('year', p.tanggal_lahir, p.tanggal_sk)
        - case when strftime(p.tanggal_sk, '%m%d') < strftime(p.tanggal_lahir, '%m%d') then 1 else 0 end
    )::integer as umur_saat_sk,
    d.tanggal_bimtek,
    d.tanggal_sertifikat,
    coalesce(d.kali_ikut, 0) as kali_ikut_bimtek_dasar
from psm as p
cross join batas as b
inner join ref_wilayah as w on p.kode_desa = w.kode
left join ref_wilayah as k on p.kode_desa_ktp = k.kode
left join dasar as d on p.nik_hash = d.nik_hash
where in_wilayah(p.kode_desa, $wilayah)
    and psm_counted_on(p.tanggal_sk, p.aktif, p.tanggal_nonaktif, b.akhir)
order by w.nama_kab, w.nama_kec, w.nama, p.nama;
