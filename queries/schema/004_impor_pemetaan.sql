-- One row per column mapping chosen on the Impor Data page (or with `import --kolom`): for the header layout
-- `layout_key` (sha256 of the file's normalised headers in order), `kolom_json` maps each normalised header to
-- its canonical column or null (left out). Append-only; the latest mapping of a layout wins. And who ran each
-- import (`import --oleh`, the page's login), null for imports made before this column. No params.
create table if not exists impor_pemetaan (
    layout_key varchar not null,
    kolom_json varchar not null,
    saved_at timestamp not null
);

alter table import_log add column if not exists imported_by varchar;
