-- Insert the new and changed rows (view `to_insert`) by column name. Target: __table__. No params.
insert into __table__ by name select * from to_insert;
