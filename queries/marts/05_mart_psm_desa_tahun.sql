-- One row per desa × year with at least one counted PSM: active, trained and certified PSM.
-- Rebuilt after every import. No params.
create or replace table mart_psm_desa_tahun as
select
    kode_desa,
    tahun,
    count(*)::integer as psm_aktif,
    count(*) filter (where terlatih)::integer as psm_terlatih,
    count(*) filter (where bersertifikat)::integer as psm_bersertifikat
from mart_psm_tahun
group by all;
