-- Forget snapshots older than $hours hours and delete the data files no kept snapshot uses.
-- Params: $hours (INTEGER).
call ducklake_expire_snapshots(current_database(), older_than => now() - to_hours($hours));
call ducklake_cleanup_old_files(current_database(), cleanup_all => true);
