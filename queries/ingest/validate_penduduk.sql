-- One row per raw row of population per desa (temp table values_checked): row_key, content_hash, the typed
-- store columns of penduduk_desa, _baris, and masalah, the list of struct(kolom, alasan) of every problem found
-- (empty for a good row). Reads values_input, values_desa and desa_unsure. No params.
create or replace temp table values_checked as
with typed as (
    select
        r._baris,
        r.kode_desa,
        r.tahun,
        r.penduduk,
        r.laki_laki,
        r.perempuan,
        d.kode as desa,
        u.alasan as desa_alasan,
        values_bulat(r.tahun) as tahun_nilai,
        values_bulat(r.penduduk) as penduduk_nilai,
        values_bulat(r.laki_laki) as laki_laki_nilai,
        values_bulat(r.perempuan) as perempuan_nilai
    from values_input as r
    left join values_desa as d on r.kode_desa = d.teks
    left join desa_unsure as u on r._baris = u._baris
),
checked as (
    select
        t.*,
        -- Every check gives a problem or null; the lambda keeps the problems (m is its argument, not a column).
        list_filter([
            values_masalah('kode_desa', case
                when t.kode_desa is null then 'wajib diisi'
                when t.desa is null
                    then coalesce(
                        t.desa_alasan, 'kode desa tidak ada dalam daftar Kemendagri 2025: ''' || t.kode_desa || ''''
                    )
            end),
            values_masalah('tahun', case
                when t.tahun is null then 'wajib diisi'
                when t.tahun_nilai is null then values_bulat_alasan(t.tahun)
                when t.tahun_nilai not between 2000 and 2100 then 'tahun harus 2000 sampai 2100'
            end),
            values_masalah('penduduk', case
                when t.penduduk is null then 'wajib diisi'
                when t.penduduk_nilai is null then values_bulat_alasan(t.penduduk)
                when t.penduduk_nilai < 0 then 'jumlah tidak boleh negatif'
            end),
            values_masalah('penduduk', case
                when t.laki_laki_nilai + t.perempuan_nilai <> t.penduduk_nilai
                    then 'laki_laki + perempuan tidak sama dengan penduduk'
            end),
            values_masalah('laki_laki', case
                when t.laki_laki is null then null
                when t.laki_laki_nilai is null then values_bulat_alasan(t.laki_laki)
                when t.laki_laki_nilai < 0 then 'jumlah tidak boleh negatif'
            end),
            values_masalah('perempuan', case
                when t.perempuan is null then null
                when t.perempuan_nilai is null then values_bulat_alasan(t.perempuan)
                when t.perempuan_nilai < 0 then 'jumlah tidak boleh negatif'
            end)
        ], lambda m: m is not null) as masalah  -- noqa: RF03
    from typed as t
),
stored as (
    select
        c._baris,
        c.masalah,
        c.desa as kode_desa,
        try_cast(c.tahun_nilai as integer) as tahun,
        c.penduduk_nilai as penduduk,
        c.laki_laki_nilai as laki_laki,
        c.perempuan_nilai as perempuan
    from checked as c
)
select
    sha256(concat_ws('|', coalesce(s.kode_desa, ''), coalesce(s.tahun::varchar, ''))) as row_key,
    sha256(concat_ws(
        '|', coalesce(s.kode_desa, ''), coalesce(s.tahun::varchar, ''), coalesce(s.penduduk::varchar, ''),
        coalesce(s.laki_laki::varchar, ''), coalesce(s.perempuan::varchar, '')
    )) as content_hash,
    s.kode_desa,
    s.tahun,
    s.penduduk,
    s.laki_laki,
    s.perempuan,
    s._baris,
    s.masalah
from stored as s;
