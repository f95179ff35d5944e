-- One row per distinct (desa, kecamatan) text of rows whose kode_desa holds a name (any letter; codes are
-- digits and dots), with its row count. Reads view desa_name_rows. No params.
select
    n.desa_raw,
    n.kec_raw,
    count(*) as n
from desa_name_rows as n
where regexp_matches(n.desa_raw, '\pL')
group by n.desa_raw, n.kec_raw
order by n.desa_raw, n.kec_raw;
