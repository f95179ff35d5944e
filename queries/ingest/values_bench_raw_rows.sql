-- Bench only: $n raw PMKS rows as an export gives them (temp table raw_rows), in the mixed spellings the import
-- accepts (codes and names, dd/mm/yyyy and month names, synonyms), about 1 in 50 rows bad. Params: $n (INTEGER),
-- $n_desa (INTEGER).
create or replace temp table raw_rows as
select
    t.i + 2 as _baris,
    case when t.i % 97 = 0 then '3.52301E+15' else (3523010000000000 + t.i)::varchar end as nik,
    'Nama ' || t.i::varchar as nama,
    ['L', 'P', 'Laki-laki', 'Perempuan'][t.i % 4 + 1] as jenis_kelamin,
    case
        when t.i % 3 = 0 then strftime(date '1940-01-01' + (t.i % 25000)::integer, '%d/%m/%Y')
        when t.i % 3 = 1 then strftime(date '1940-01-01' + (t.i % 25000)::integer, '%Y-%m-%d')
        else strftime(date '1940-01-01' + (t.i % 25000)::integer, '%-d %B %Y')
    end as tanggal_lahir,
    ['24', '9', 'Anak Terlantar', 'Lansia Terlantar', 'PMKS-08', 'Fakir Miskin', '27'][t.i % 7 + 1] as kode_pmks,
    '35.23.' || lpad(((t.i % $n_desa) // 100 + 1)::varchar, 2, '0') || '.' || (2001 + (t.i % $n_desa) % 100)::varchar
        as kode_desa,
    strftime(date '2015-01-01' + (t.i % 3000)::integer, '%d/%m/%Y') as tanggal_catat,
    ['aktif', 'Tertangani', 'Dirujuk', 'aktif', 'selesai'][t.i % 5 + 1] as status,
    case when t.i % 5 = 4 then strftime(date '2024-01-01' + (t.i % 300)::integer, '%Y-%m-%d') end as tanggal_selesai,
    'SIKS-NG' as sumber
from range($n) as t (i);
