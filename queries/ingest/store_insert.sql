-- Store the new and changed rows under this import's number. __table__ from the allow-list of
-- sql.execute_on. Params: $import_id (INTEGER).
insert into __table__ by name
select
    * exclude (_baris),
    $import_id as import_id
from valid_rows
where row_key not in (
    select m.row_key
    from stored_match as m
    where m.nasib = 'sama'
);
