-- Add the desa of this file's valid rows and of the stored rows they replace to touched_desa; runs
-- before the replaced rows are deleted. __table__ from the allow-list of sql.execute_on. No params.
insert into touched_desa
select distinct v.kode_desa
from valid_rows as v
union
select s.kode_desa
from __table__ as s
where s.row_key in (
    select m.row_key
    from stored_match as m
    where m.nasib = 'ubah'
);
