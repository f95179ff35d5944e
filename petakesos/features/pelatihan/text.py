"""Words only the Pelatihan page shows: headings, notes, help texts, chart titles and the headers of its
own tables. Shared figures (PSM aktif, PSM terlatih, % PSM terlatih …) take their names and
definitions from `glossary`, so the page, its charts and its Excel files call them alike."""

from __future__ import annotations

from petakesos import glossary
from petakesos.features.pelatihan import NO_PSM_LABEL

NAMES, DEFINITIONS, LEVELS = glossary.NAMES, glossary.DEFINITIONS, glossary.LEVELS

TITLE = "Pelatihan PSM"
SOURCE_NOTE = "data PSM dan pelatihan Peta Kesos"
SOURCE = f"Sumber: {SOURCE_NOTE}"
NO_PSM = "Belum ada PSM di wilayah ini pada data."

# Figures only this page shows (not in the glossary).
NEW_TRAINED = "Lulus Bimtek Dasar (baru)"  # column terlatih_baru: first passed Bimtek Dasar in the period
TRAINED_SPLIT = "Sudah / belum Bimtek Dasar"
NEW_TRAINED_YEAR = "Lulus Bimtek Dasar tahun ini"
MEDIAN_WAIT = "Median tunggu SK → Bimtek Dasar"
FAILING = "Belum memenuhi syarat"
HELP = {
    "baru": "PSM (di wilayah ini) yang pertama kali lulus Bimtek Dasar dalam tahun ini.",
    "tunggu": (
        "Median bulan penuh dari tanggal SK sampai selesai Bimtek Dasar, di antara PSM aktif yang "
        "sudah lulus (0 bila lulus sebelum SK)."
    ),
    "syarat": "PSM aktif tahun ini yang belum memenuhi paling sedikit satu syarat yang dapat diperiksa dari data.",
}

TREND_HEADING = "Tren: apakah makin banyak PSM yang terlatih?"
TREND_NOTE = (
    "Garis = keadaan pada akhir bulan/tahun (PSM yang keluar tidak lagi dihitung); batang = PSM yang "
    "pertama kali lulus Bimtek Dasar dalam periode itu. Grafik memuat seluruh riwayat data."
)
PERIOD_LABEL = "Periode"
PERIODS = {"bulan": "Bulanan", "tahun": "Tahunan"}
TREND_TITLE = "PSM aktif dan yang sudah Bimtek Dasar ({period})"
COUNT_AXIS = "Jumlah PSM"
PERCENT_TITLE = "Persentase PSM aktif yang sudah Bimtek Dasar"
PERCENT_SUBTITLE = "{nama}: per {unit} (garis tipis) dan seluruhnya (garis tebal)"
HEATMAP_TITLE = "% terlatih per {unit}"
HEATMAP_SUBTITLE = "Paling tertinggal pada {tahun} di atas"
RANK_TITLE = "{unit} yang tertinggal, {tahun}"
RANK_SUBTITLE = "Garis putus-putus: seluruh wilayah"

EVENTS_HEADING = "Kegiatan pelatihan"
EVENTS_NOTE = (
    "Satu kegiatan = jenis pelatihan + penyelenggara + tanggal mulai. Angka hanya menghitung PSM "
    "yang bertugas di wilayah ini."
)
NO_EVENTS = "Belum ada kegiatan pelatihan yang diikuti PSM wilayah ini."
EVENTS_TITLE = "Kegiatan pelatihan dan jumlah PSM yang lulus"
EVENTS_VALUE = "PSM lulus"

PIPELINE_HEADING = "Tahapan kesiapan PSM — {tahun}"
PIPELINE_NOTE = (
    "PSM aktif pada 31 Desember {tahun}. Median waktu tunggu SK → Bimtek Dasar: **{median}** "
    "({n} PSM sudah lulus). {waiting} PSM masih menunggu Bimtek Dasar."
)
FUNNEL_TITLE = "Tahapan PSM aktif"
WAIT_TITLE = "Lama menunggu Bimtek Dasar"
WAIT_AXIS = "Bulan sejak SK (sampai lulus atau 31 Des {tahun})"
WAIT_BARS = {"sudah_lulus": "Sudah lulus", "masih_menunggu": "Masih menunggu"}

CHECK_HEADING = "Pemeriksaan syarat PSM (Permensos No. 10 Tahun 2019)"
CHECK_NOTE = (
    "Syarat yang dapat diperiksa dari data: umur paling rendah 18 tahun pada tanggal SK (umur dalam "
    "tahun penuh; yang lahir 29 Februari berulang tahun 1 Maret pada tahun bukan kabisat), berdomisili "
    "(KTP) di desa/kelurahan tempat bertugas, dan telah lulus Bimtek Dasar paling lambat 31 Desember "
    "{tahun}. Daftar nama hanya untuk tindak lanjut oleh petugas dinas sosial; tidak memuat NIK."
)
CHECK_ALL_OK = "Semua PSM aktif memenuhi syarat yang dapat diperiksa."
CHECK_NAMES_HIDDEN = (
    "Daftar nama PSM yang belum memenuhi syarat hanya untuk petugas Dinas Sosial kabupaten/kota sendiri; "
    "ringkasan di atas memuat jumlahnya."
)
CHECK_EXCEL = "Unduh daftar PSM yang belum memenuhi syarat (Excel)"
CHECK_SHEET = "PSM belum memenuhi syarat"

MAP_HEADING = "Peta: bagian PSM yang sudah Bimtek Dasar — {tahun}"
MAP_LEVEL_LABEL = "Tampilkan per"
MAP_LEVEL_CHOICES = (3, 2)  # at province scope: per kecamatan (default) or per kabupaten/kota
MAP_NOTE = (
    "Warna = persen PSM aktif yang sudah lulus Bimtek Dasar. Wilayah yang tidak memiliki PSM aktif "
    f'(persennya tidak dapat dihitung) tampil sebagai "{NO_PSM_LABEL}".'
)
MAP_EXCEL = "Unduh tabel peta (Excel)"
MAP_SHEET = "Peta pelatihan"
CLICKED = "**{nama}**: {terlatih} dari {aktif} PSM aktif sudah Bimtek Dasar ({persen})."

# Column headers of the tables and Excel sheets (column → header), in display order.
SERIES_LABELS = glossary.names(
    ["psm_aktif", "psm_terlatih", "psm_bersertifikat", "terlatih_baru", "persen_terlatih"],
    {"terlatih_baru": NEW_TRAINED},
)
RANK_LABELS = glossary.names(
    ["psm_aktif", "psm_terlatih", "belum_terlatih", "persen_terlatih", "selisih_poin"],
    {"selisih_poin": "Selisih dari seluruh wilayah (poin %)"},
)
EVENT_LABELS = {
    "tanggal_mulai": "Tanggal mulai",
    "tanggal_selesai": "Tanggal selesai",
    "jenis_pelatihan": "Jenis pelatihan",
    "penyelenggara": "Penyelenggara",
    "peserta": "Peserta",
    "lulus": "Lulus",
    "persen_lulus": "% lulus",
    "bersertifikat": "Bersertifikat",
    "jumlah_kab": "Jumlah kab/kota peserta",
}
STAGE_LABELS = {"tahap": "Tahap", "jumlah": "Jumlah PSM", "persen": "% dari PSM ber-SK"}
WAIT_LABELS = {
    "rentang": "Bulan sejak SK",
    "sudah_lulus": "Sudah lulus (SK → Bimtek Dasar)",
    "masih_menunggu": "Belum lulus (SK → 31 Desember)",
}
CHECK_LABELS = {"syarat": "Syarat", "tidak_memenuhi": "PSM tidak memenuhi"}
# `nama`/`nama_induk` are named after the map's level (LEVELS) when the table is built.
MAP_LABELS = glossary.names(
    ["nama", "nama_induk", "kode", "jumlah_desa", "desa_dengan_psm", "psm_aktif", "psm_terlatih", "psm_bersertifikat"],
    {"nama_induk": "Induk"},
) | {"nilai": NAMES["persen_terlatih"]}
