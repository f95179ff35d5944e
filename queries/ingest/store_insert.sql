-- Store the new and changed rows under this import's number. __table__ from the allow-list of
-- sql.execute_on. Params: $import_id (INTEGER).
insert into __table__ by name
select
    * exclude (_baris, nasib),
    $import_id as import_id
from classified
where nasib <> 'sama';
