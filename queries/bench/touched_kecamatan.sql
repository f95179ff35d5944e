-- Benchmark: mark the desa of kecamatan $kode_kec as touched by an import (temp table touched_desa), as a
-- small import there would, to time the incremental mart refresh. Params: $kode_kec (VARCHAR).
insert into touched_desa
select w.kode as kode_desa
from ref_wilayah as w
where w.tingkat = 4 and w.kode_kec = $kode_kec;
