-- One row per imported file with its row accounting. Params: see the columns.
insert into import_log values (
    $import_id, $file_name, $file_sha256, $kind, current_timestamp::timestamp,
    $n_read, $n_imported, $n_quarantined, $n_duplicate
);
