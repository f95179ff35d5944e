-- One row per imported file (table import_log) with who imported it, newest first, for wilayah $wilayah ('' = every import):
-- files with a name of which some import stored rows in the wilayah (cases, PSM, population by desa;
-- training by its PSM's desa), so a re-import that added nothing is listed beside the first one.
-- Params: $wilayah (VARCHAR).
with terlihat as (
    select k.import_id
    from pmks_kasus as k
    where in_wilayah(k.kode_desa, $wilayah)
    union
    select p.import_id
    from psm as p
    where in_wilayah(p.kode_desa, $wilayah)
    union
    select d.import_id
    from penduduk_desa as d
    where in_wilayah(d.kode_desa, $wilayah)
    union
    select t.import_id
    from pelatihan as t
    inner join psm as p on t.nik_hash = p.nik_hash
    where in_wilayah(p.kode_desa, $wilayah)
),

nama as (
    select distinct l.file_name
    from import_log as l
    where l.import_id in (select t.import_id from terlihat as t)
)

select
    l.import_id,
    l.imported_at,
    l.file_name,
    l.file_sha256,
    l.kind,
    l.n_read,
    l.n_imported,
    l.n_quarantined,
    l.n_duplicate,
    l.imported_by
from import_log as l
where $wilayah = '' or l.file_name in (select n.file_name from nama as n)
order by l.import_id desc, l.file_name asc;
