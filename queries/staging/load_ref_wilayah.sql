-- One row per wilayah of the national code list (prov, kab/kota, kecamatan, desa/kelurahan), with the
-- area and polygon flag of villages that have a boundary. Params: $kode_csv (VARCHAR), $desa_parquet (VARCHAR[]).
delete from ref_wilayah;
insert into ref_wilayah
with kode as (
    select * from read_csv($kode_csv, all_varchar = true)
),
poly as (
    select kode_desa, luas_km2 from read_parquet($desa_parquet)
)
select
    k.kode,
    k.tingkat::integer as tingkat,
    k.jenis,
    k.nama,
    k.kode_prov,
    k.kode_kab,
    k.kode_kec,
    k.nama_prov,
    k.nama_kab,
    k.nama_kec,
    p.kode_desa is not null as has_polygon,
    p.luas_km2
from kode as k
left join poly as p on k.kode = p.kode_desa;
