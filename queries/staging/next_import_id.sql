-- The next import number: one more than the last (an import is one transaction, and DuckLake refuses
-- the second of two concurrent commits, so two imports never share a number). No params.
select coalesce(max(import_id), 0) + 1 as import_id from import_log;
