-- The schema files of queries/schema/ applied to this store, in order (a file is applied once). No params.
create table if not exists schema_migrasi (
    nama varchar not null,
    diterapkan timestamp not null
);
