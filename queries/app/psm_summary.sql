-- One row: PSM counted in $tahun inside $wilayah (a desa for the detail panel) and how many of them had
-- passed Bimtek Dasar / hold a certificate by 31 December. Counts only, no person data.
-- Params: $wilayah (VARCHAR, dotted code), $tahun (INTEGER).
select
    coalesce(sum(d.psm_aktif), 0)::bigint as psm_aktif,
    coalesce(sum(d.psm_terlatih), 0)::bigint as psm_terlatih,
    coalesce(sum(d.psm_bersertifikat), 0)::bigint as psm_bersertifikat
from mart_desa_tahun as d
where d.tahun = $tahun and in_wilayah(d.kode_desa, $wilayah);
