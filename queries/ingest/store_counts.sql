-- How the valid rows of one file were stored: new, changed, already stored, and repeated within the
-- file. No params.
select
    count(*) filter (where nasib = 'baru') as baru,
    count(*) filter (where nasib = 'ubah') as ubah,
    count(*) filter (where nasib = 'sama') as sama,
    (select count(*) from valid_rows) - count(*) as ulang_di_berkas
from classified;
