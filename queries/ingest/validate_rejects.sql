-- One row per rejected raw row (temp table rejects): _baris, kolom = the columns at fault comma-separated,
-- alasan = every reason as "kolom <name>: <reason>" joined by '; ', both by column name (as imports always
-- listed them). Reads values_checked. No params.
create or replace temp table rejects as
select
    c._baris,
    array_to_string(list_sort(list_distinct(list_transform(c.masalah, lambda m: m.kolom))), ', ') as kolom,  -- noqa: RF03
    array_to_string(
        list_transform(list_sort(c.masalah), lambda m: 'kolom ' || m.kolom || ': ' || m.alasan), '; '  -- noqa: RF03
    ) as alasan
from values_checked as c
where len(c.masalah) > 0
order by c._baris;
