-- One row per raw row of a PSM register (temp table values_checked): row_key, content_hash, the typed store
-- columns of psm, _baris, and masalah, the list of struct(kolom, alasan) of every problem found (empty for a good
-- row). A PSM under 18 at the SK date is a register fact, not an error (flagged by app/psm_eligibility).
-- Reads values_input, the values_* lookups and desa_unsure. Params: $ipad, $opad (BLOB), $today (DATE).
create or replace temp table values_checked as
with typed as (
    select
        r._baris,
        r.nik,
        r.nama,
        r.jenis_kelamin,
        r.tanggal_lahir,
        r.kode_desa,
        r.kode_desa_ktp,
        r.no_sk,
        r.tanggal_sk,
        r.aktif,
        r.tanggal_nonaktif,
        values_nik_alasan(r.nik) as nik_alasan,
        jk.nilai as jenis_kelamin_l_p,
        tl.tanggal as lahir,
        tl.dikenal as lahir_dikenal,
        d.kode as desa,
        u.alasan as desa_alasan,
        dk.kode as desa_ktp,
        sk.tanggal as sk,
        sk.dikenal as sk_dikenal,
        ya.nilai::boolean as aktif_nilai,
        tn.tanggal as nonaktif,
        tn.dikenal as nonaktif_dikenal
    from values_input as r
    left join values_nilai_teks as jk on jk.kolom = 'jenis_kelamin' and r.jenis_kelamin = jk.teks
    left join values_nilai_teks as ya on ya.kolom = 'ya_tidak' and r.aktif = ya.teks
    left join values_tanggal as tl on r.tanggal_lahir = tl.teks
    left join values_tanggal as sk on r.tanggal_sk = sk.teks
    left join values_tanggal as tn on r.tanggal_nonaktif = tn.teks
    left join values_desa as d on r.kode_desa = d.teks
    left join values_desa as dk on r.kode_desa_ktp = dk.teks
    left join desa_unsure as u on r._baris = u._baris
),
checked as (
    select
        t.*,
        -- Every check gives a problem or null; the lambda keeps the problems (m is its argument, not a column).
        list_filter([
            values_masalah('nik', case when t.nik is null then 'wajib diisi' else t.nik_alasan end),
            values_masalah('nama', case when t.nama is null then 'wajib diisi' end),
            values_masalah('jenis_kelamin', case
                when t.jenis_kelamin is null then 'wajib diisi'
                when t.jenis_kelamin_l_p is null
                    then 'jenis kelamin harus L atau P (atau Laki-laki/Perempuan): ''' || t.jenis_kelamin || ''''
            end),
            values_masalah('tanggal_lahir', case
                when t.tanggal_lahir is null then 'wajib diisi'
                when t.lahir is null then values_tanggal_alasan(t.tanggal_lahir, t.lahir_dikenal)
                when t.lahir < date '1900-01-01' then 'tanggal lahir sebelum 1900'
                when t.lahir > $today then 'tanggal lahir di masa depan'
            end),
            values_masalah('kode_desa', case
                when t.kode_desa is null then 'wajib diisi'
                when t.desa is null
                    then coalesce(
                        t.desa_alasan, 'kode desa tidak ada dalam daftar Kemendagri 2025: ''' || t.kode_desa || ''''
                    )
            end),
            values_masalah('kode_desa_ktp', case
                when t.kode_desa_ktp is not null and t.desa_ktp is null
                    then 'kode desa tidak ada dalam daftar Kemendagri 2025: ''' || t.kode_desa_ktp || ''''
            end),
            values_masalah('no_sk', case when t.no_sk is null then 'wajib diisi' end),
            values_masalah('tanggal_sk', case
                when t.tanggal_sk is null then 'wajib diisi'
                when t.sk is null then values_tanggal_alasan(t.tanggal_sk, t.sk_dikenal)
                when t.sk < date '2000-01-01' then 'tanggal SK sebelum tahun 2000'
                when t.sk > $today then 'tanggal SK di masa depan'
            end),
            values_masalah('tanggal_sk', case when t.sk < t.lahir then 'tanggal SK sebelum tanggal lahir' end),
            values_masalah('aktif', case
                when t.aktif is null then 'wajib diisi'
                when t.aktif_nilai is null then 'harus Y atau T (atau Ya/Tidak, Aktif/Tidak Aktif): ''' || t.aktif || ''''
            end),
            values_masalah('tanggal_nonaktif', case
                when t.tanggal_nonaktif is null then null
                when t.nonaktif is null then values_tanggal_alasan(t.tanggal_nonaktif, t.nonaktif_dikenal)
                when t.nonaktif < date '2000-01-01' then 'tanggal nonaktif sebelum tahun 2000'
                when t.nonaktif > $today then 'tanggal nonaktif di masa depan'
            end),
            values_masalah('tanggal_nonaktif', case
                when t.nonaktif < t.sk then 'tanggal nonaktif sebelum tanggal SK'
            end)
        ], lambda m: m is not null) as masalah  -- noqa: RF03
    from typed as t
),
stored as (
    select
        c._baris,
        c.masalah,
        case when c.nik_alasan is null then values_nik_kunci(c.nik, $ipad, $opad) end as nik_hash,
        c.nama,
        c.jenis_kelamin_l_p as jenis_kelamin,
        c.lahir as tanggal_lahir,
        c.desa as kode_desa,
        c.desa_ktp as kode_desa_ktp,
        c.no_sk,
        c.sk as tanggal_sk,
        c.aktif_nilai as aktif,
        c.nonaktif as tanggal_nonaktif
    from checked as c
)
-- Booleans hash as 'True'/'False', the text earlier imports hashed, so stored rows keep their keys.
select
    sha256(coalesce(s.nik_hash, '')) as row_key,
    sha256(concat_ws(
        '|', coalesce(s.nik_hash, ''), coalesce(s.nama, ''), coalesce(s.jenis_kelamin, ''),
        coalesce(s.tanggal_lahir::varchar, ''), coalesce(s.kode_desa, ''), coalesce(s.kode_desa_ktp, ''),
        coalesce(s.no_sk, ''), coalesce(s.tanggal_sk::varchar, ''),
        coalesce(case when s.aktif then 'True' when not s.aktif then 'False' end, ''),
        coalesce(s.tanggal_nonaktif::varchar, '')
    )) as content_hash,
    s.nik_hash,
    s.nama,
    s.jenis_kelamin,
    s.tanggal_lahir,
    s.kode_desa,
    s.kode_desa_ktp,
    s.no_sk,
    s.tanggal_sk,
    s.aktif,
    s.tanggal_nonaktif,
    s._baris,
    s.masalah
from stored as s;
