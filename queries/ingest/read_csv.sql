-- One row per CSV record after the header, in file order; every cell trimmed text, empty -> null.
-- Params: $path (VARCHAR, a UTF-8 file), $delim (VARCHAR), $skip (INTEGER, lines before the first data row),
-- $columns (STRUCT, c0 .. cN -> 'VARCHAR', one per header cell), $parallel (BOOLEAN: false when quoted cells
-- hold line breaks). Empty lines are skipped by DuckDB; a row with more cells than the header is an error.
select nullif(trim(columns(*)), '')
from read_csv(
    $path,
    header = false,
    skip = $skip,
    delim = $delim,
    quote = '"',
    escape = '"',
    auto_detect = false,
    columns = $columns,
    null_padding = true,
    strict_mode = true,
    parallel = $parallel
);
