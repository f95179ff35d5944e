-- The desa whose case rows this import adds or changes (temp table touched_desa), for the incremental
-- mart refresh. No params.
create or replace temp table touched_desa (kode_desa varchar);
