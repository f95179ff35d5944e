-- Drops the temp table valid_rows of the previous file, if any, so values_checked can take its name. No params.
drop table if exists valid_rows;
