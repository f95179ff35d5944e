-- Removes the rejected rows (already copied to rejects) from temp table values_checked: what stays are the good
-- rows, without copying a million of them. No params.
delete from values_checked
where len(masalah) > 0;
