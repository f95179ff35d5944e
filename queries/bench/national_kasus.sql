-- Benchmark store: $n synthetic case rows spread over every desa of the national code list (seeded by the
-- row number, so the same $n gives the same rows). Never used on real data. Params: $n (BIGINT).
insert into pmks_kasus
with desa as (
    select
        kode,
        row_number() over (order by kode) - 1 as i
    from ref_wilayah
    where tingkat = 4
),

n_desa as (
    select count(*) as n from desa
),

gen as (
    select
        g.range as r,
        hash(g.range) % (select nd.n from n_desa as nd) as i,
        date '2018-01-01' + ((g.range * 7919) % 2900)::integer as catat
    from range($n) as g
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
inner join desa as d on g.i = d.i;
