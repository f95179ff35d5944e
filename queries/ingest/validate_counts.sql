-- One row: how many rows validation kept (n_good) and rejected (n_rejected). Reads valid_rows and rejects.
-- No params.
select
    (select count(*) from valid_rows) as n_good,
    (select count(*) from rejects) as n_rejected;
