-- One row per header layout with a remembered column mapping (see schema/004_impor_pemetaan): its key and
-- its latest mapping. A handful of rows (one per export layout a district uses), so the page picks its
-- file's layout from them. Scope-free: header names only, no figure of any wilayah. Params: none.
select
    p.layout_key,
    arg_max(p.kolom_json, p.saved_at) as kolom_json
from impor_pemetaan as p
group by p.layout_key;
