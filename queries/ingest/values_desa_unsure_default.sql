-- An empty temp table desa_unsure (one row per raw row whose desa name did not resolve) when the desa-name
-- step did not run, so validation can always read it. No params.
create temp table if not exists desa_unsure (_baris bigint, alasan varchar);
