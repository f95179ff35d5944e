-- Remove the stored rows that a changed row replaces (same key, new content). __table__ from the
-- allow-list of sql.execute_on. No params.
delete from __table__
where row_key in (
    select m.row_key
    from stored_match as m
    where m.nasib = 'ubah'
);
