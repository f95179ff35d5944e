-- One row per raw row without problems (temp table valid_rows): row_key, content_hash, the typed store columns of
-- the kind, _baris — the checked rows renamed, not copied. Reads values_checked (good rows only). No params.
alter table values_checked rename to valid_rows;
