-- Set one value of the meta table. Params: $key (VARCHAR), $value (VARCHAR).
delete from meta
where key = $key;
insert into meta values ($key, $value);
