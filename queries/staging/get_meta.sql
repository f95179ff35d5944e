-- One value of the meta table (empty when not set). Params: $key (VARCHAR).
select value from meta
where key = $key;
