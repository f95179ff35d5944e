-- One row per raw row of a PSM training record (temp table values_checked): row_key, content_hash, the typed
-- store columns of pelatihan, _baris, and masalah, the list of struct(kolom, alasan) of every problem found
-- (empty for a good row). Reads values_input and the values_* lookups. Params: $ipad, $opad (BLOB), $today (DATE).
create or replace temp table values_checked as
with typed as (
    select
        r._baris,
        r.nik_psm,
        r.jenis_pelatihan,
        r.tanggal_mulai,
        r.tanggal_selesai,
        r.penyelenggara,
        r.lulus,
        r.no_sertifikat,
        values_nik_alasan(r.nik_psm) as nik_alasan,
        tm.tanggal as mulai,
        tm.dikenal as mulai_dikenal,
        ts.tanggal as selesai,
        ts.dikenal as selesai_dikenal,
        ya.nilai::boolean as lulus_nilai
    from values_input as r
    left join values_nilai_teks as ya on ya.kolom = 'ya_tidak' and r.lulus = ya.teks
    left join values_tanggal as tm on r.tanggal_mulai = tm.teks
    left join values_tanggal as ts on r.tanggal_selesai = ts.teks
),
checked as (
    select
        t.*,
        -- Every check gives a problem or null; the lambda keeps the problems (m is its argument, not a column).
        list_filter([
            values_masalah('nik_psm', case when t.nik_psm is null then 'wajib diisi' else t.nik_alasan end),
            values_masalah('jenis_pelatihan', case when t.jenis_pelatihan is null then 'wajib diisi' end),
            values_masalah('tanggal_mulai', case
                when t.tanggal_mulai is null then 'wajib diisi'
                when t.mulai is null then values_tanggal_alasan(t.tanggal_mulai, t.mulai_dikenal)
                when t.mulai < date '2000-01-01' then 'tanggal mulai sebelum tahun 2000'
                when t.mulai > $today then 'tanggal mulai di masa depan'
            end),
            values_masalah('tanggal_selesai', case
                when t.tanggal_selesai is null then 'wajib diisi'
                when t.selesai is null then values_tanggal_alasan(t.tanggal_selesai, t.selesai_dikenal)
                when t.selesai < date '2000-01-01' then 'tanggal selesai sebelum tahun 2000'
                when t.selesai > $today then 'tanggal selesai di masa depan'
            end),
            values_masalah('tanggal_selesai', case
                when t.selesai < t.mulai then 'tanggal selesai sebelum tanggal mulai'
            end),
            values_masalah('penyelenggara', case when t.penyelenggara is null then 'wajib diisi' end),
            values_masalah('lulus', case
                when t.lulus is null then 'wajib diisi'
                when t.lulus_nilai is null then 'harus Y atau T (atau Ya/Tidak, Lulus/Tidak Lulus): ''' || t.lulus || ''''
            end)
        ], lambda m: m is not null) as masalah  -- noqa: RF03
    from typed as t
),
stored as (
    select
        c._baris,
        c.masalah,
        case when c.nik_alasan is null then values_nik_kunci(c.nik_psm, $ipad, $opad) end as nik_hash,
        regexp_replace(c.jenis_pelatihan, '\s+', ' ', 'g') as jenis_pelatihan,
        c.mulai as tanggal_mulai,
        c.selesai as tanggal_selesai,
        c.penyelenggara,
        c.lulus_nilai as lulus,
        c.no_sertifikat
    from checked as c
)
-- Booleans hash as 'True'/'False', the text earlier imports hashed, so stored rows keep their keys.
select
    sha256(concat_ws(
        '|', coalesce(s.nik_hash, ''), coalesce(s.jenis_pelatihan, ''), coalesce(s.tanggal_mulai::varchar, '')
    )) as row_key,
    sha256(concat_ws(
        '|', coalesce(s.nik_hash, ''), coalesce(s.jenis_pelatihan, ''), coalesce(s.tanggal_mulai::varchar, ''),
        coalesce(s.tanggal_selesai::varchar, ''), coalesce(s.penyelenggara, ''),
        coalesce(case when s.lulus then 'True' when not s.lulus then 'False' end, ''),
        coalesce(s.no_sertifikat, '')
    )) as content_hash,
    s.nik_hash,
    s.jenis_pelatihan,
    s.tanggal_mulai,
    s.tanggal_selesai,
    s.penyelenggara,
    s.lulus,
    s.no_sertifikat,
    s._baris,
    s.masalah
from stored as s;
