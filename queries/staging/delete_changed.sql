-- Remove stored rows that the incoming rows (view `changed`) replace. Target: __table__. No params.
delete from __table__
where row_key in (select row_key from changed);
