-- Record one applied schema file. Params: $nama (VARCHAR).
insert into schema_migrasi values ($nama, current_timestamp::timestamp);
