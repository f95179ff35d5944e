"""Words the Peta PMKS page, its exports and the `map` command show: widget labels, hints, table and
panel headers, the period definition and map titles. Shared figures (cases, cases per 1,000, PSM,
population, ranks, names of areas) take their names from `glossary`, so the map, its table, the desa
panel and the Excel file call them as every other page does."""

from __future__ import annotations

from petakesos import glossary

NAMES, DEFINITIONS = glossary.NAMES, glossary.DEFINITIONS

# The mapped measure: its name as a choice (radio, map title) and as a column/legend header.
UKURAN = {"rate": NAMES["kasus_per_1000"], "count": "Jumlah kasus PMKS"}
UKURAN_SHORT = {"rate": NAMES["kasus_per_1000"], "count": NAMES["kasus"]}
HELP_PERIODE = (
    f"Satu tahun: {DEFINITIONS['kasus']} Rentang tahun A–B: kasus yang terbuka pada suatu waktu dalam "
    "rentang itu (dicatat paling lambat 31 Desember B dan tidak ditutup sebelum 1 Januari A); kasus yang "
    "terbuka beberapa tahun dihitung sekali. Angka per 1.000 penduduk memakai penduduk tahun B."
)
LEVEL_TEXT = {"desa": glossary.LEVELS_PLURAL[4], "kab": glossary.LEVELS_PLURAL[2]}
SUMBER = "Register kasus PMKS Dinas Sosial; penduduk desa Disdukcapil"
SUMBER_DEMO = "Data contoh (sintetis), bukan data nyata"
ALL_CATEGORIES = "Semua kategori PMKS"
# With small numbers hidden, a desa with 1–4 cases shows no rate, rank or class (they would give the count
# back from the population beside them): the tooltip and table say why, the legend names both reasons.
SMALL_TEXT = "<5 kasus"
NO_DATA_OR_SMALL = "Tidak ada data / <5 kasus"
OTHER_CATEGORIES = "{n} kategori lain (masing-masing <5 kasus)"

TEXT = {
    "title": "Peta PMKS",
    "ukuran": "Ukuran",
    "kategori": "Kategori PMKS",
    "kategori_ph": "Semua kategori (26)",
    "awal": "Mulai tahun",
    "sampai_tahun": "sampai {tahun} (tahun di sidebar)",
    "tampilan": "Tampilan peta dan perbandingan",
    "skema": "Klasifikasi",
    "kelas": "Jumlah kelas",
    "palet": "Palet warna (aman buta warna)",
    "lingkaran": "Lingkaran kasus",
    "lingkaran_help": "Lingkaran sebanding dengan jumlah kasus absolut, di atas warna per 1.000 penduduk.",
    "banding": "Bandingkan dua periode",
    "banding_help": "Dua peta berdampingan dengan kelas dan warna yang sama, agar perubahan terlihat jujur.",
    "banding_awal": "Periode pembanding: mulai",
    "banding_akhir": "sampai",
    "presentasi": "Mode presentasi",
    "presentasi_help": "Huruf besar, peta selebar layar, judul dan legenda di atas peta — untuk rapat.",
    "hint_zoom": "Klik sebuah wilayah pada peta untuk memperbesar ke kabupatennya.",
    "hint_desa": "Klik desa pada peta (atau pilih baris di tabel) untuk melihat rinciannya.",
    "kembali": "Kembali ke {nama}",
    "perbesar": "Perbesar ke Kecamatan {nama}",
    "unduh_html": "Peta (HTML offline)",
    "unduh_png": "Peta (PNG)",
    "unduh_html_2": "2 peta berdampingan (HTML offline)",
    "unduh_png_2": "2 peta berdampingan (PNG, satu slide)",
    "unduh_xlsx": "Tabel (Excel)",
    "keluar": "Keluar dari mode presentasi",
    "daftar": "Daftar wilayah pada peta",
    "cari": "Cari desa/kecamatan",
    "cari_ph": "ketik nama atau kode…",
    "n_baris": "{n} dari {total} wilayah ditampilkan. Klik judul kolom untuk mengurutkan.",
    "n_baris_batas": (
        "{n} teratas dari {found} wilayah ditampilkan (seluruhnya {total}); cari nama wilayah untuk yang lain, "
        "atau unduh Excel untuk daftar lengkap. Klik judul kolom untuk mengurutkan."
    ),
    "kategori_desa": "Kasus per kategori",
    "tren": "Tren per tahun ({ukuran})",
    "samar": 'Angka 1–4 ditampilkan "<5" (lihat sidebar); angka per 1.000 penduduk dan peringkatnya juga '
    "disamarkan, agar jumlahnya tidak dapat dihitung kembali.",
    "samar_kab": 'Kasus PMKS 1–4 per desa/kelurahan ditampilkan "<5" pada peta kabupaten/kotanya, jadi '
    "kabupaten/kota yang memuatnya menampilkan kasus dan kasus per 1.000 penduduk sebagai rentang (misalnya "
    "10–13); peringkat, kelas, warna dan lingkaran peta memakai batas bawahnya.",
    "tanpa_data": "Tidak ada desa dengan data untuk pilihan ini.",
    "panel_caption": "Kec. {kecamatan}, {kabupaten} · {periode} · {kategori}",
    "sisi": "{subtitle} · Data per {asof}",
    "tentang": "{title} · {about}. {definisi}",
    "tentang_1": "{subtitle} · {klasifikasi}",
    "tentang_2": "{klasifikasi}, sama untuk kedua peta",
}
SCHEMES = {"quantile": "Kuantil", "fisher_jenks": "Natural breaks (Fisher-Jenks)", "equal_interval": "Interval sama"}
SHEET = "Peta PMKS"

# The table under the map (and its Excel sheet): shared names from the glossary, 'Kelas' is the map's own.
COL_KODE = NAMES["kode"]
TABLE_TEXT = {
    "desa": NAMES["nama_desa"],
    "kec": NAMES["nama_kec"],
    "kab": NAMES["nama_kab"],
    "prov": NAMES["nama_prov"],
    "kasus": NAMES["kasus"],
    "penduduk": NAMES["penduduk"],
    "kelas": "Kelas",
    "peringkat": NAMES["peringkat"],
}

# The desa panel's figures.
PANEL_TEXT = {
    "kasus": NAMES["kasus"],
    "penduduk": NAMES["penduduk"],
    "rank_kec": "Peringkat di kecamatan",
    "rank_kab": "Peringkat di kabupaten",
    "psm_aktif": NAMES["psm_aktif"] + " ({tahun})",
    "psm_terlatih": NAMES["psm_terlatih"],
    "psm_sertifikat": NAMES["psm_bersertifikat"],
}
PANEL_COLUMNS = ("Ukuran", "Nilai")
CATEGORY_COLUMNS = ("Kategori", NAMES["kasus"])

# The Parameter sheet of the Excel download.
PARAMETERS = {
    "wilayah": "Wilayah",
    "periode": "Periode",
    "kategori": "Kategori PMKS",
    "ukuran": "Ukuran",
    "klasifikasi": "Klasifikasi",
    "palet": "Palet warna",
    "samarkan": "Angka kecil disamarkan (1–4 → <5)",
    "definisi": "Definisi periode",
    "sumber": "Sumber",
    "data_per": "Data per",
}
YES_NO = {True: "ya", False: "tidak"}
