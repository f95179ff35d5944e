"""Words only the Cakupan PSM page shows (the quota planner and `python -m petakesos allocate` reuse its
messages): title, status names, notes, help texts and the headers of its tables. Shared figures (PSM
aktif, PSM terlatih, Kasus PMKS, Kasus per PSM …) take their names and definitions from `glossary`, so
the page, its maps and its Excel sheets call them alike."""

from __future__ import annotations

from petakesos import glossary

NAMES, DEFINITIONS, LEVELS_PLURAL = glossary.NAMES, glossary.DEFINITIONS, glossary.LEVELS_PLURAL

TITLE = "Cakupan PSM"
SOURCE = "Data PSM dan kasus PMKS Peta Kesos"
DEMO_NOTE = glossary.DEMO_NOTE
SMALL = "<5"
# With small numbers hidden: the caseload map's empty class also holds desa with 1–4 cases, and the loads
# on the cards leave those desa out (a load times the desa's PSM is its case count).
OR_SMALL = " / <5 kasus"
LOADS_WITHOUT_SMALL = " Angka kecil disamarkan: desa dengan 1–4 kasus tidak ikut dihitung di sini."

# Status of a desa, as maps, tooltips and tables read it.
TANPA, BELUM, TERCAKUP = "Tanpa PSM", "PSM belum terlatih", "Tercakup"
# On the caseload map a desa without PSM has no "cases per PSM": it is unserved, its own legend row.
NO_PSM_LABEL = "Tanpa PSM (belum terlayani)"
NO_DATA_TOO = " atau tidak ada data"

# Figures only this page shows (not in the glossary): one name each, on metrics and table headers alike.
DESA_BELUM = "Desa dengan PSM belum terlatih"
DESA_TERCAKUP = "Desa tercakup (PSM terlatih)"
# Also the quota planner's "Kasus di desa tanpa PSM" (allocate.explain.SUMMARY_LABELS): a glossary candidate.
KASUS_TANPA_PSM = "Kasus di desa tanpa PSM"
PERSEN_TANPA_PSM = "% desa tanpa PSM"
STATUS = "Status cakupan"
MEDIAN_BEBAN = "Median kasus per PSM"
MAX_BEBAN = "Kasus per PSM tertinggi"
SHARE = "{n} dari {total} desa/kelurahan"
OF_CASES = "dari {n} kasus PMKS"
HELP_KASUS_TANPA_PSM = (
    "Kasus PMKS yang terbuka pada suatu waktu dalam tahun ini, di desa yang tidak memiliki PSM aktif: "
    "kasus yang belum terlayani PSM."
)

MAP_STATUS = "Peta status cakupan"
MAP_BEBAN = "Peta kasus per PSM"
STATUS_LABEL = "Status PSM"
STATUS_NOTE = (
    "Merah tua = **tanpa PSM**; jingga = **PSM belum terlatih** (ada PSM aktif, belum ada yang lulus "
    "Bimtek Dasar); kuning muda = **tercakup** (paling sedikit satu PSM terlatih)."
)
BEBAN_NOTE = (
    "Warna = kasus PMKS per PSM aktif di desa itu. Desa berarsir = **tanpa PSM (belum terlayani)**: "
    f'kasusnya belum dilayani PSM mana pun dan dihitung sebagai "{KASUS_TANPA_PSM}", bukan '
    "dibagi nol; arahkan kursor untuk jumlah kasusnya."
)
NO_DATA_NOTE = (
    "{n} desa/kelurahan di peta tidak memiliki data tahun ini; di peta ikut berarsir, dengan "
    'keterangan "Tidak ada data" saat kursor diarahkan.'
)
NASIONAL = "Pilih provinsi, kabupaten/kota atau kecamatan di sidebar untuk melihat peta per desa/kelurahan."
SORTED = "Urut dari bagian desa tanpa PSM terbesar. Klik judul kolom untuk mengurutkan ulang."
SORTED_DESA = "Desa tanpa PSM dengan kasus terbanyak di atas. Klik judul kolom untuk mengurutkan ulang."
SMALL_NOTE = (
    'Angka kasus 1–4 per desa (dan bebannya) ditampilkan "<5" (lihat sidebar). Jumlah kecamatan atau '
    "kabupaten yang memuat desa seperti itu ditampilkan sebagai rentang (mis. 217–220), agar angka desa "
    "itu tidak dapat dihitung dari selisihnya."
)
EXCEL = "Unduh tabel cakupan (Excel)"
EMPTY = "Tidak ada desa/kelurahan dengan data untuk pilihan ini."

# The Excel "Definisi" cell of this page and of the quota planner: the glossary's two counting rules.
DEFINITION_NOTE = f"{NAMES['psm_aktif']}: {DEFINITIONS['psm_aktif']} {NAMES['kasus']}: {DEFINITIONS['kasus']}"
MSG = {
    "scope": "Pilih satu kabupaten/kota atau kecamatan untuk merencanakan kuota PSM "
    "(bukan semua provinsi, satu provinsi, atau satu desa).",
    "unknown": "Wilayah {kode} tidak ada dalam daftar wilayah Kemendagri.",
    "no_data": "Tidak ada data desa/penduduk untuk {nama} pada tahun {tahun}, sehingga tidak ada yang dapat dibagi. "
    "Pilih tahun lain, atau impor data penduduk desa bila provinsinya belum memiliki data.",
    "no_pop": "Data penduduk desa untuk {nama} tidak tersedia; pembagian memakai jumlah kasus PMKS saja.",
    "slots_empty": "Isi jumlah slot PSM baru (bilangan bulat, mis. 50).",
    "slots_negative": "Jumlah slot PSM baru tidak boleh negatif; diterima: {text!r}.",
    "slots_nan": "Jumlah slot PSM baru harus bilangan bulat (mis. 50); diterima: {text!r}.",
}

# Indonesian headers (column → header) in display order, for tables and Excel sheets.
DESA_LABELS = glossary.names(
    ["kode_desa", "nama_desa", "nama_kec", "status", "psm_aktif", "psm_terlatih", "kasus", "beban"]
    + ["kasus_tanpa_psm", "penduduk"],
    {"status": STATUS, "beban": NAMES["kasus_per_psm"], "kasus_tanpa_psm": KASUS_TANPA_PSM},
)
AREA_LABELS = glossary.names(
    ["kode", "nama", "jumlah_desa", "desa_tanpa_psm", "desa_belum_terlatih", "desa_tercakup", "persen_tanpa_psm"]
    + ["psm_aktif", "psm_terlatih", "kasus", "beban", "kasus_tanpa_psm"],
    {
        "desa_belum_terlatih": DESA_BELUM,
        "desa_tercakup": DESA_TERCAKUP,
        "persen_tanpa_psm": PERSEN_TANPA_PSM,
        "beban": NAMES["kasus_per_psm"],
        "kasus_tanpa_psm": KASUS_TANPA_PSM,
    },
)
# Decimals of the decimal columns on screen (the others are counts, shown without decimals).
TABLE_DIGITS = {PERSEN_TANPA_PSM: 1, NAMES["kasus_per_psm"]: 1}
# Titles of the page's tables (and of its Excel sheets), by the level of their rows.
TABLE_TITLES = {level: f"Per {LEVELS_PLURAL[n]}" for level, n in (("kab", 2), ("kec", 3), ("desa", 4))}
