-- How the valid rows of one file were stored: new, changed, already stored, and repeated within the
-- file ($n_good valid rows before repeats were dropped). Params: $n_good (BIGINT).
select
    (select count(*) from valid_rows) - count(*) as baru,
    count(*) filter (where nasib = 'ubah') as ubah,
    count(*) filter (where nasib = 'sama') as sama,
    $n_good - (select count(*) from valid_rows) as ulang_di_berkas
from stored_match;
