-- One row per raw row whose desa name did not resolve (temp table `desa_unsure`, empty when none), with the
-- reason. Reads view desa_name_rows and temp table desa_map. No params.
create or replace temp table desa_unsure as
select
    n._baris,
    m.alasan
from desa_name_rows as n
inner join desa_map as m on n.desa_raw = m.desa_raw and n.kec_raw = m.kec_raw
where m.kode is null
order by n._baris;
