-- One row per distinct nama_kabupaten text among rows whose kode_desa holds a name, most rows first.
-- Reads view desa_name_rows. No params.
select
    n.kab_raw,
    count(*) as n_rows
from desa_name_rows as n
where regexp_matches(n.desa_raw, '\pL') and n.kab_raw is not null
group by n.kab_raw
order by n_rows desc, n.kab_raw asc;
