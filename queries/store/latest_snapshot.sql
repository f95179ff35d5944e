-- The latest committed snapshot of the store: it changes whenever an import commits. No params.
select max(snapshot_id) as snapshot_id from ducklake_snapshots(current_database());
