-- Drops the (now empty) problem list from temp table values_checked, leaving row_key, content_hash, the typed
-- store columns and _baris. No params.
alter table values_checked drop column masalah;
