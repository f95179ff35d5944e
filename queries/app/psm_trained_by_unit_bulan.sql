-- One row per unit × month (first day of the month), from January of the first data year to December of
-- the last: PSM counted at the month's end (SK on or before it, still active on it), those of them with
-- Bimtek Dasar passed by then and certified by then, and PSM who first passed Bimtek Dasar that month.
-- The unit is one level below the scope: provinces for all, kabupaten for a province, kecamatan below.
-- Params: $wilayah (VARCHAR, dotted code, '' = all).
with orang as (
    select
        case
            when $wilayah = '' then w.kode_prov
            when code_level($wilayah) = 1 then w.kode_kab
            else w.kode_kec
        end as kode_unit,
        p.tanggal_sk,
        p.aktif,
        p.tanggal_nonaktif,
        b.tanggal_terlatih,
        b.tanggal_sertifikat
    from psm as p
    inner join ref_wilayah as w on p.kode_desa = w.kode
    left join mart_psm_bimtek as b on p.nik_hash = b.nik_hash
    where in_wilayah(p.kode_desa, $wilayah)
),
bulan as (
    select unnest(generate_series(
        make_date(min(tahun)::integer, 1, 1), make_date(max(tahun)::integer, 12, 1), interval 1 month
    ))::date as bulan
    from mart_tahun
),
grid as (
    select u.kode_unit, m.bulan, last_day(m.bulan) as akhir
    from (select distinct kode_unit from orang) as u
    cross join bulan as m
),
hitung as (
    select
        g.kode_unit,
        g.bulan,
        count(o.tanggal_sk) filter (
            where psm_counted_on(o.tanggal_sk, o.aktif, o.tanggal_nonaktif, g.akhir)
        )::integer as psm_aktif,
        count(o.tanggal_sk) filter (
            where psm_counted_on(o.tanggal_sk, o.aktif, o.tanggal_nonaktif, g.akhir)
                and o.tanggal_terlatih <= g.akhir
        )::integer as psm_terlatih,
        count(o.tanggal_sk) filter (
            where psm_counted_on(o.tanggal_sk, o.aktif, o.tanggal_nonaktif, g.akhir)
                and o.tanggal_sertifikat <= g.akhir
        )::integer as psm_bersertifikat,
        count(o.tanggal_terlatih) filter (
            where o.tanggal_terlatih between g.bulan and g.akhir
        )::integer as terlatih_baru
    from grid as g
    left join orang as o on g.kode_unit = o.kode_unit
    group by g.kode_unit, g.bulan
)
select h.kode_unit, r.nama as nama_unit, h.bulan, h.psm_aktif, h.psm_terlatih, h.psm_bersertifikat, h.terlatih_baru
from hitung as h
inner join ref_wilayah as r on h.kode_unit = r.kode
order by h.kode_unit, h.bulan;
