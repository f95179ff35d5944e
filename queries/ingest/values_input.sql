-- One row per raw row (temp view values_input): every canonical column of every export kind as trimmed text
-- (empty -> null; a column the file lacks is null), plus _baris. Reads temp table raw_rows. No params.
-- noqa: disable=AM07
create or replace temp view values_input as
select *
from (
    select
        null::varchar as nik,
        null::varchar as nama,
        null::varchar as jenis_kelamin,
        null::varchar as tanggal_lahir,
        null::varchar as kode_pmks,
        null::varchar as kode_desa,
        null::varchar as tanggal_catat,
        null::varchar as status,
        null::varchar as versi_daftar,
        null::varchar as tanggal_selesai,
        null::varchar as sumber,
        null::varchar as no_sk,
        null::varchar as tanggal_sk,
        null::varchar as aktif,
        null::varchar as kode_desa_ktp,
        null::varchar as tanggal_nonaktif,
        null::varchar as nik_psm,
        null::varchar as jenis_pelatihan,
        null::varchar as tanggal_mulai,
        null::varchar as penyelenggara,
        null::varchar as lulus,
        null::varchar as no_sertifikat,
        null::varchar as tahun,
        null::varchar as penduduk,
        null::varchar as laki_laki,
        null::varchar as perempuan,
        null::bigint as _baris
    where false
) as kolom_kanonik
-- By name: the file's columns fill the template, the ones it lacks stay null.
union all by name
select
    _baris::bigint as _baris,
    nullif(trim(columns(* exclude (_baris))::varchar), '')
from raw_rows;
