-- Benchmark store: the case rows of province $kode_prov among $n synthetic case rows spread evenly over every
-- desa of the national code list, in desa order (row r falls in desa r × desa count ÷ $n), so the store is
-- built province by province and each insert is already sorted as the table is (schema 005). The same $n
-- gives the same rows. Never used on real data. Params: $n (BIGINT), $kode_prov (VARCHAR, e.g. '35').
insert into pmks_kasus
with desa as (
    select
        w.kode,
        row_number() over (order by w.kode) - 1 as i,
        count(*) over () as n_desa
    from ref_wilayah as w
    where w.tingkat = 4
),

rentang as (
    -- The rows of the province: from the first row of its first desa to the first row after its last.
    select
        any_value(d.n_desa) as n_desa,
        ((min(d.i) * $n + any_value(d.n_desa) - 1) // any_value(d.n_desa))::bigint as dari,
        (((max(d.i) + 1) * $n + any_value(d.n_desa) - 1) // any_value(d.n_desa))::bigint as sampai
    from desa as d
    where starts_with(d.kode, $kode_prov || '.')
),

gen as (
    select
        g.range as r,
        (g.range * (select b.n_desa from rentang as b)) // $n as i,
        date '2018-01-01' + ((g.range * 7919) % 2900)::integer as catat
    from range($n) as g
    where g.range >= (select b.dari from rentang as b) and g.range < (select b.sampai from rentang as b)
)

select
    md5('k' || g.r) as row_key,
    md5('c' || g.r) as content_hash,
    md5('n' || g.r) as nik_hash,
    'Orang ' || g.r as nama,
    case when g.r % 2 = 0 then 'L' else 'P' end as jenis_kelamin,
    date '1940-01-01' + (g.r % 25000)::integer as tanggal_lahir,
    'permensos-8-2012' as versi_daftar,
    lpad(((g.r % 26) + 1)::varchar, 2, '0') as kode_pmks,
    d.kode as kode_desa,
    g.catat as tanggal_catat,
    case when g.r % 5 < 2 then 'selesai' else 'aktif' end as status,
    case when g.r % 5 < 2 then g.catat + 200 end as tanggal_selesai,
    'SIKS-NG' as sumber,
    0 as import_id
from gen as g
inner join desa as d on g.i = d.i
order by d.kode;
