-- Extensions installed on this machine (from the pinned wheels). No params.
select extension_name from duckdb_extensions()
where installed;
