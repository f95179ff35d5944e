-- Schema files already applied to this store. No params.
select nama from schema_migrasi;
