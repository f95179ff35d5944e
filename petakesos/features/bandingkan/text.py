"""Words the Bandingkan Kabupaten page, its charts and its Excel file show. Shared figures (desa without
PSM, cases per 1,000, % PSM terlatih …) take their names and definitions from `glossary`, so the
indicator picker, the table headers, the legends and the workbook call each figure alike; the figures
only this page computes (PSM per desa, PSM per 1,000 residents, the changes Δ) are named here."""

from __future__ import annotations

from petakesos import glossary

NAMES, DEFINITIONS = glossary.NAMES, glossary.DEFINITIONS

# Indicator → its name (picker, table header, legend, axis) and its definition (the picker's help).
LABELS = {
    "desa_tanpa_psm": NAMES["desa_tanpa_psm"],
    "persen_desa_psm": NAMES["persen_desa_psm"],
    "psm_per_desa": "PSM per desa/kelurahan",
    "kasus_per_1000": NAMES["kasus_per_1000"],
    "kasus_per_psm": NAMES["kasus_per_psm"],
    "persen_terlatih": NAMES["persen_terlatih"],
    "psm_per_1000": "PSM per 1.000 penduduk",
    "delta_desa_tanpa_psm": f"Δ {NAMES['desa_tanpa_psm']}",
    "delta_kasus_per_1000": f"Δ {NAMES['kasus_per_1000']}",
}
HELP = {
    "desa_tanpa_psm": "Jumlah desa/kelurahan tanpa PSM aktif pada 31 Desember.",
    "persen_desa_psm": DEFINITIONS["persen_desa_psm"],
    "psm_per_desa": "PSM aktif dibagi jumlah desa/kelurahan.",
    "kasus_per_1000": DEFINITIONS["kasus_per_1000"],
    # Every open case of the kabupaten/kota over its active PSM (not only the cases of desa with PSM).
    "kasus_per_psm": "Kasus PMKS terbuka dibagi PSM aktif: beban kerja rata-rata.",
    "persen_terlatih": DEFINITIONS["persen_terlatih"],
    "psm_per_1000": "PSM aktif per 1.000 penduduk desa/kelurahan.",
    "delta_desa_tanpa_psm": "Perubahan jumlah desa tanpa PSM dibanding tahun pembanding (negatif = membaik).",
    "delta_kasus_per_1000": (
        "Perubahan PMKS per 1.000 penduduk dibanding tahun pembanding (positif = masalah bertambah)."
    ),
}
# The desa figure of each small-multiple map.
DESA_LABELS = {
    "psm_aktif": "PSM aktif di desa",
    "kasus_per_1000": NAMES["kasus_per_1000"],
    "kasus_per_psm": NAMES["kasus_per_psm"],
    "persen_terlatih": NAMES["persen_terlatih"],
    "psm_per_1000": LABELS["psm_per_1000"],
}
DIRECTION_WORDS = {True: "(gelap = lebih buruk)", False: "(gelap = lebih baik)"}
WITHOUT_PSM = "Tanpa PSM (tidak dapat dihitung)"
NO_POPULATION = "Tanpa data penduduk"
NO_PSM_OR_DATA = "Tanpa PSM atau tanpa data"
NO_DATA = "Tidak ada data"
PROVINCE_ROW = "Provinsi {nama}"
MEDIAN_ROW = "Median {n} kab/kota se-{where}"
N_PROVINCES = "{n} provinsi"

# The league table and its Excel sheet.
HEADERS = {
    **{k: v for k, v in LABELS.items() if not k.startswith("delta_")},
    "peringkat": NAMES["peringkat"],
    "nama": NAMES["nama_kab"],
    "nama_prov": NAMES["nama_prov"],
    "jumlah_desa": NAMES["jumlah_desa"],
    "kasus": NAMES["kasus"],
    "psm_aktif": NAMES["psm_aktif"],
}
DELTA_HEADER = "Δ {label} sejak {base}"
EXPORT_HEADERS = {
    "jenis_baris": "Jenis baris",
    "kode": NAMES["kode"],
    "penduduk": NAMES["penduduk"],
    "psm_terlatih": NAMES["psm_terlatih"],
    "psm_per_1000": LABELS["psm_per_1000"],
}
POINTS = " poin"
YES_NO = {True: "Ya", False: "Tidak"}
PARAMETERS = {
    "wilayah": "Wilayah",
    "tahun": NAMES["tahun"],
    "tahun_dasar": "Tahun pembanding",
    "urut": "Diurutkan menurut",
    "samarkan": "Samarkan angka kecil",
    "dibuat": "Dibuat",
}
WORST_LINE = "{rank}. {nama} — {value}"
WORST_SINCE = " ({change} sejak {base})"
WORST_NOW = " (kini {value})"
ROW_RANKED = "peringkat {rank} dari {n}"
ROW_UNRANKED = "tanpa peringkat (tidak ada data)"
ROW_TEXT = "{nama}: {where} — {label} {value}"

# The page.
TITLE = "Bandingkan Kabupaten/Kota"
ALL_PROVINCES = "Semua provinsi"
SUBTITLE = "{scope} — {tahun}"
INDICATOR_LABEL = "Indikator"
BASE_LABEL = "Tahun pembanding"
INTRO = (
    "Peringkat 1 = paling perlu didorong menurut indikator yang dipilih. Baris abu-abu adalah "
    "pembanding: nilai provinsi (dijumlah dulu, lalu dibagi) dan median semua kabupaten/kota di "
    "provinsi yang tercakup ({median}). Klik judul kolom untuk mengurutkan menurut kolom lain."
)
HELP_BASE = "Kolom Δ membandingkan tahun terpilih dengan tahun ini. Pilih tahun lalu untuk perubahan tahunan."
WORST_HEADING = "**Tiga terburuk — {label} ({tahun})**"
SMALL_COUNT_NOTE = (
    'Kasus PMKS 1–4 per desa/kelurahan ditampilkan "<5" (Peta PMKS), jadi kabupaten/kota dan provinsi yang '
    "memuatnya menampilkan kasus, kasus per 1.000 penduduk dan kasus per PSM sebagai rentang; peringkat, "
    "warna peta dan grafik memakai batas bawahnya."
)
MAP_HEADING = "Peta kabupaten/kota"
MULTI_HEADING = "Berdampingan: desa/kelurahan di kabupaten/kota terpilih"
MULTI_LABEL = "Kabupaten/kota yang dibandingkan (2–6)"
MAP_NOTE = "Satu warna per kabupaten/kota ({n} kab/kota). "
COLOUR_RULE = (
    "Warna: oranye/merah = masalah (makin gelap makin buruk); hijau/biru = kapasitas (makin gelap makin baik)."
)
MULTI_NOTE = "Warna memakai kelas yang sama di semua peta, jadi dapat dibandingkan. Nilai per desa: {label}."
MULTI_TOO_FEW = "Pilih paling sedikit dua kabupaten/kota."
SCATTER_HEADING = "Kebutuhan dan kapasitas"
SCATTER_LABEL = "Kapasitas (sumbu mendatar)"
SCATTER_NOTE = (
    "Satu titik per kabupaten/kota, besar titik = jumlah penduduk. Garis putus-putus: median "
    "kabupaten/kota yang tampil di grafik ini (bisa berbeda dari baris median tabel, yang memakai "
    "{median}). Kiri atas = kebutuhan tinggi, kapasitas rendah."
)
TREND_HEADING = "Perubahan dari tahun ke tahun"
TREND_NOTE = (
    "Garis abu-abu: kabupaten/kota lain; garis putus-putus hitam: provinsi (untuk jumlah desa: median "
    "kabupaten/kota provinsi itu, dinamai di legenda). Untuk indikator perubahan (Δ) ditampilkan "
    "nilainya per tahun."
)
CLICKED = "Diklik: {text}"
SOURCE = "Data Peta Kesos (PMKS, PSM, penduduk desa)"
EXPORT_LABEL = "Unduh tabel (Excel)"
EXPORT_SHEET = "Bandingkan kabupaten"
EXPORT_FILE = "bandingkan_kabupaten_{prov}_{tahun}"

# The charts.
CHART = {
    "median": "Median {label}, {n} kab/kota yang tampil: {value}",
    "quadrant": "Kebutuhan tinggi,<br>kapasitas rendah",
    "size": "Ukuran titik: jumlah penduduk",
    "penduduk": NAMES["penduduk"],
    "tahun": NAMES["tahun"],
}
