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
    (count(*) filter (where has_certificate(l.lulus, l.no_sertifikat)))::integer as bersertifikat,
    count(distinct w.kode_kab)::integer as jumlah_kab
from pelatihan as l
inner join psm as p on l.nik_hash = p.nik_hash
inner join ref_wilayah as w on p.kode_desa = w.kode
where in_wilayah(p.kode_desa, $wilayah)
group by l.jenis_pelatihan, l.penyelenggara, l.tanggal_mulai
order by l.tanggal_mulai, l.jenis_pelatihan, l.penyelenggara;
