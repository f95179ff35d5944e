-- Keep the new rejected rows (those not already in quarantine from an earlier import) and count them.
-- No params.
create or replace temp table karantina_tambah as
select *
from karantina_baru
where row_key not in (select k.row_key from karantina as k);
insert into karantina by name
select * from karantina_tambah;
