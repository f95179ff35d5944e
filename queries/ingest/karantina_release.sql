-- A row that was quarantined and now arrives valid (the same file name and row number, e.g. the file
-- fixed in Excel and imported again) leaves quarantine. Params: $kind, $file_name (VARCHAR).
delete from karantina
where
    kind = $kind
    and file_name = $file_name
    and row_number in (select v._baris from valid_rows as v);
