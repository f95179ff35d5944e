-- Whether $wilayah has any imported data (population, cases or PSM): the page's "belum ada data" check,
-- run on every page. Three EXISTS probes over tables sorted by kode_desa, so a scope reads only its own
-- row groups (the list of provinces with data is app/nasional_provinsi_with_data, needed only when not).
-- Params: $wilayah (VARCHAR, '' = all).
select
    exists (
        select 1 from penduduk_desa as pd
        where in_wilayah(pd.kode_desa, $wilayah)
    )
    or exists (
        select 1 from mart_kasus_desa_tahun as k
        where in_wilayah(k.kode_desa, $wilayah)
    )
    or exists (
        select 1 from psm as s
        where in_wilayah(s.kode_desa, $wilayah)
    ) as wilayah_ada;
