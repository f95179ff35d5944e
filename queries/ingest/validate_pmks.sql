-- One row per raw row of a PMKS case register (temp table values_checked): row_key, content_hash, the typed
-- store columns of pmks_kasus, _baris, and masalah, the list of struct(kolom, alasan) of every problem found
-- (empty for a good row). Reads values_input, the values_* lookups, ref_wilayah (via values_desa) and desa_unsure.
-- Params: $ipad, $opad (BLOB, see values_hmac), $today (DATE).
create or replace temp table values_checked as
with typed as (
    select
        r._baris,
        r.nik,
        r.nama,
        r.jenis_kelamin,
        r.tanggal_lahir,
        r.kode_pmks,
        r.versi_daftar,
        r.kode_desa,
        r.tanggal_catat,
        r.status,
        r.tanggal_selesai,
        r.sumber,
        values_nik_alasan(r.nik) as nik_alasan,
        jk.nilai as jenis_kelamin_l_p,
        tl.tanggal as lahir,
        tl.dikenal as lahir_dikenal,
        k.versi as kat_versi,
        k.kode as kat_kode,
        k.daftar_dikenal,
        k.versi_dikenal,
        d.kode as desa,
        u.alasan as desa_alasan,
        tc.tanggal as catat,
        tc.dikenal as catat_dikenal,
        st.nilai as status_nilai,
        ts.tanggal as selesai,
        ts.dikenal as selesai_dikenal
    from values_input as r
    left join values_nilai_teks as jk on jk.kolom = 'jenis_kelamin' and r.jenis_kelamin = jk.teks
    left join values_nilai_teks as st on st.kolom = 'status' and r.status = st.teks
    left join values_tanggal as tl on r.tanggal_lahir = tl.teks
    left join values_tanggal as tc on r.tanggal_catat = tc.teks
    left join values_tanggal as ts on r.tanggal_selesai = ts.teks
    left join values_kategori_teks as k
        on r.kode_pmks = k.kode_pmks and coalesce(r.versi_daftar, '') = coalesce(k.versi_daftar, '')
    left join values_desa as d on r.kode_desa = d.teks
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
            values_masalah('kode_pmks', case
                when t.kode_pmks is null then 'wajib diisi'
                when t.daftar_dikenal and t.kat_kode is null
                    then 'kode PMKS tidak ada dalam daftar kategori '
                    || coalesce(t.versi_daftar, 'permensos-8-2012') || ': ''' || t.kode_pmks
                    || ''' (tulis kode atau nama kategori dari data/pmks_categories.csv)'
            end),
            values_masalah('versi_daftar', case
                when not t.daftar_dikenal
                    then 'daftar kategori tidak dikenal: ''' || t.versi_daftar || ''' (yang dikenal: '
                    || t.versi_dikenal || ')'
            end),
            values_masalah('kode_desa', case
                when t.kode_desa is null then 'wajib diisi'
                when t.desa is null
                    then coalesce(
                        t.desa_alasan, 'kode desa tidak ada dalam daftar Kemendagri 2025: ''' || t.kode_desa || ''''
                    )
            end),
            values_masalah('tanggal_catat', case
                when t.tanggal_catat is null then 'wajib diisi'
                when t.catat is null then values_tanggal_alasan(t.tanggal_catat, t.catat_dikenal)
                when t.catat < date '2000-01-01' then 'tanggal catat sebelum tahun 2000'
                when t.catat > $today then 'tanggal catat di masa depan'
            end),
            values_masalah('tanggal_catat', case when t.catat < t.lahir then 'tanggal catat sebelum tanggal lahir' end),
            values_masalah('status', case
                when t.status is null then 'wajib diisi'
                when t.status_nilai is null
                    then 'status harus salah satu dari: aktif, ditangani, dirujuk, selesai (atau padanannya, '
                    || 'misalnya Tertangani, Rujuk, Tuntas): ''' || t.status || ''''
            end),
            values_masalah('tanggal_selesai', case
                when t.tanggal_selesai is null and t.status_nilai = 'selesai' then 'wajib diisi bila status selesai'
                when t.tanggal_selesai is null then null
                when t.selesai is null then values_tanggal_alasan(t.tanggal_selesai, t.selesai_dikenal)
                when t.selesai < date '2000-01-01' then 'tanggal selesai sebelum tahun 2000'
                when t.selesai > $today then 'tanggal selesai di masa depan'
            end),
            values_masalah('tanggal_selesai', case
                when t.selesai < t.catat then 'tanggal selesai sebelum tanggal catat'
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
        c.kat_versi as versi_daftar,
        c.kat_kode as kode_pmks,
        c.desa as kode_desa,
        c.catat as tanggal_catat,
        c.status_nilai as status,
        c.selesai as tanggal_selesai,
        c.sumber
    from checked as c
)
select
    sha256(concat_ws(
        '|', coalesce(s.nik_hash, ''), coalesce(s.versi_daftar, ''), coalesce(s.kode_pmks, ''),
        coalesce(s.kode_desa, ''), coalesce(s.tanggal_catat::varchar, '')
    )) as row_key,
    sha256(concat_ws(
        '|', coalesce(s.nik_hash, ''), coalesce(s.nama, ''), coalesce(s.jenis_kelamin, ''),
        coalesce(s.tanggal_lahir::varchar, ''), coalesce(s.versi_daftar, ''), coalesce(s.kode_pmks, ''),
        coalesce(s.kode_desa, ''), coalesce(s.tanggal_catat::varchar, ''), coalesce(s.status, ''),
        coalesce(s.tanggal_selesai::varchar, ''), coalesce(s.sumber, '')
    )) as content_hash,
    s.nik_hash,
    s.nama,
    s.jenis_kelamin,
    s.tanggal_lahir,
    s.versi_daftar,
    s.kode_pmks,
    s.kode_desa,
    s.tanggal_catat,
    s.status,
    s.tanggal_selesai,
    s.sumber,
    s._baris,
    s.masalah
from stored as s;
