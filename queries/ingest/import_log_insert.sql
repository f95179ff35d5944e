-- One row per imported file with its row accounting, under the name it was uploaded under, and who
-- imported it (null when nobody is named). Params: see the columns.
insert into import_log (
    import_id, file_name, file_sha256, kind, imported_at, n_read, n_imported, n_quarantined, n_duplicate, imported_by
)
values (
    $import_id, $file_name, $file_sha256, $kind, current_timestamp::timestamp,
    $n_read, $n_imported, $n_quarantined, $n_duplicate, $imported_by
);
