-- One row per row of temp table `raw_rows` (as temp view `desa_name_rows`): its desa, kecamatan and
-- kabupaten text whether or not the file has those columns (UNION BY NAME fills a missing one with null).
-- No params.
create or replace temp view desa_name_rows as
select
    r._baris,
    r.kode_desa as desa_raw,
    coalesce(r.nama_kecamatan, '') as kec_raw,
    r.nama_kabupaten as kab_raw
from (
    from raw_rows
    union all by name
    (
        select
            null::varchar as kode_desa,
            null::varchar as nama_kecamatan,
            null::varchar as nama_kabupaten,
            null::bigint as _baris
        where false
    )
) as r;
