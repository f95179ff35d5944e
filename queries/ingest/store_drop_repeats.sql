-- Within one file the first row of each row key wins: the later ones leave valid_rows (counted as
-- duplicates by store_counts). Deleting in place avoids copying a million rows. No params.
delete from valid_rows
where _baris not in (
    select min(v._baris) as _baris
    from valid_rows as v
    group by v.row_key
);
