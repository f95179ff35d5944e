-- Forget snapshots older than $hours hours, delete the data files no kept snapshot uses, and delete files
-- in the data folder the catalog never recorded (left by a killed or failed import) once they are older
-- than $hours, so an import still writing its files is never touched.
-- Params: $hours (INTEGER).
call ducklake_expire_snapshots(current_database(), older_than => now() - to_hours($hours));
call ducklake_cleanup_old_files(current_database(), cleanup_all => true);
call ducklake_delete_orphaned_files(current_database(), older_than => now() - to_hours($hours));
