-- One row per training event (jenis_pelatihan + penyelenggara + tanggal_mulai) attended by PSM of the
-- scope: its last day, how many of the scope's PSM took part, passed, and received a certificate.
-- Params: $wilayah (VARCHAR, dotted code, '' = all).
select
    l.jenis_pelatihan,
    l.penyelenggara,
    l.tanggal_mulai,
    max(l.tanggal_selesai) as tanggal_selesai,
    count(*)::integer as peserta,
    (count(*) filter (where l.lulus))::integer as lulus,
    (count(*) filter (where l.lulus and nullif(trim(l.no_sertifikat), '') is not null))::integer as bersertifikat,
    count(distinct w.kode_kab)::integer as jumlah_kab
from pelatihan as l
join psm as p on p.nik_hash = l.nik_hash
join ref_wilayah as w on w.kode = p.kode_desa
where in_wilayah(p.kode_desa, $wilayah)
group by l.jenis_pelatihan, l.penyelenggara, l.tanggal_mulai
order by l.tanggal_mulai, l.jenis_pelatihan, l.penyelenggara;
