-- One row per confirmed (kecamatan, desa) name of one kabupaten: the latest confirmed code, if that code is
-- still a desa of the kabupaten in the code list. Params: $kode_kab (VARCHAR, dotted).
with latest as (
    select
        a.kode_kab,
        a.kecamatan,
        a.desa,
        arg_max(a.kode, a.confirmed_at) as kode
    from desa_alias as a
    where a.kode_kab = $kode_kab
    group by a.kode_kab, a.kecamatan, a.desa
)
select
    l.kecamatan,
    l.desa,
    l.kode
from latest as l
inner join ref_wilayah as w on l.kode = w.kode and l.kode_kab = w.kode_kab and w.tingkat = 4;
