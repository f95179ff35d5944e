-- Benchmark store: the province codes of the national code list, in code order. No params.
select w.kode
from ref_wilayah as w
where w.tingkat = 1
order by w.kode;
