-- The id for the next import. No params.
select nextval('import_id_seq') as import_id;
