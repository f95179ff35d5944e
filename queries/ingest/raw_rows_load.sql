-- The file's rows as read (temp table raw_rows): its canonical text columns and _baris, from the
-- registered Arrow table raw_input. No params.
create or replace temp table raw_rows as
select * from raw_input;
