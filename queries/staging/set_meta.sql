-- Set one key of the meta table (dataset label, last import time). Params: $key, $value (VARCHAR).
insert or replace into meta values ($key, $value);
