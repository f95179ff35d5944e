"""Words only the Rencana Kuota PSM page and its Excel sheet show: title, input labels, help texts, notes
and the headers of its tables. Shared figures (Kasus PMKS, PSM aktif, Beban kasus, names of areas) take
their names from `glossary`; the method, need and before/after names are the engine's (allocate)."""

from __future__ import annotations

from petakesos import glossary

NAMES = glossary.NAMES

TITLE = "Rencana Kuota PSM"
SOURCE = "Data PSM dan kasus PMKS Peta Kesos"
NOW = "Saat ini: {headline}"
SLOTS = "Jumlah slot PSM baru"
SLOTS_PLACEHOLDER = "mis. 50"
SLOTS_HELP = "Bilangan bulat 0 atau lebih, paling banyak 10 × jumlah desa/kelurahan."
METHOD = "Metode pembagian"
METHOD_HELP = (
    "**Satu PSM per desa dulu**: desa tanpa PSM dengan kasus terbanyak lebih dulu, sisanya ke desa "
    "dengan beban kasus tertinggi. **Webster**: slot dibagi dulu antarkecamatan sebanding kasus di "
    "desanya yang belum ber-PSM, lalu ke desa di dalamnya. **Min-maks**: setiap slot ke desa dengan "
    "beban kasus tertinggi (desa tanpa PSM menanggung seluruh kasusnya), sehingga beban tertinggi "
    "serendah mungkin. Nilai yang sama diurutkan menurut kode desa."
)
NEED = "Ukuran kebutuhan"
LIMITS = "Batasan (opsional)"
MAX_PER_DESA = "Batas slot baru per desa"
MAX_PER_DESA_HELP = "Kosongkan bila tidak ada batas."
EXCLUDE = "Desa/kelurahan yang dikecualikan"
EXCLUDE_PLACEHOLDER = "pilih desa (nama atau kode)…"
EXCLUDE_OPTION = "{nama} ({kode}) — Kec. {kec}"
FLOOR_ONE = "Setiap kecamatan paling sedikit 1 slot"
QUOTA = "Tetapkan kuota per kecamatan"
QUOTA_HELP = "Isi kuota tiap kecamatan; sel kosong = 0. Jumlah kuota harus sama dengan jumlah slot."
QUOTA_SUM = "Jumlah kuota: {n} dari {slots} slot."
ASK_SLOTS = "Isi jumlah slot PSM baru di atas untuk menghitung pembagian."
RESULT = "Hasil pembagian"
MAP = "Slot PSM baru per desa/kelurahan"
MAP_SUBTITLE = "{nama} · {tahun} · {slots} slot, {method}"
CLICK = "Klik desa pada peta untuk melihat alasannya; semua alasan juga ada di tabel di bawah."
REASONS = "Alasan per desa/kelurahan"
ONLY_SLOTS = "Hanya desa yang mendapat slot"
PER_KEC = "Ringkasan per kecamatan"
SMALL_NOTE = (
    'Angka kasus 1–4 per desa (dan bebannya) ditampilkan "<5" (lihat sidebar); juga di berkas Excel. Peringkat '
    "di alasan dihitung di antara desa yang tidak disamarkan saja."
)
EXCEL = "Unduh rencana kuota (Excel)"

# Figures only the planner shows (not in the glossary). "Desa tanpa PSM" matches the engine's
# before/after summary (allocate.explain.SUMMARY_LABELS), which the same tables sit beside.
NEW_SLOTS = "Slot baru"
PSM_BEFORE, PSM_AFTER = "PSM sebelum", "PSM sesudah"
KODE_KEC = "Kode kecamatan"
DESA_TANPA = "Desa tanpa PSM"

# Indonesian headers (column → header) in display order, for tables and Excel sheets.
ALLOC_LABELS = glossary.names(
    ["kode_desa", "nama_desa", "nama_kec", "penduduk", "kasus", "psm", "slot_baru", "psm_sesudah"]
    + ["beban_sebelum", "beban_sesudah", "alasan"],
    {
        "psm": PSM_BEFORE,
        "slot_baru": NEW_SLOTS,
        "psm_sesudah": PSM_AFTER,
        "beban_sebelum": f"{NAMES['beban']} sebelum",
        "beban_sesudah": f"{NAMES['beban']} sesudah",
        "alasan": "Alasan",
    },
)
KEC_LABELS = glossary.names(
    ["kode_kec", "nama_kec", "jumlah_desa", "kasus", "psm", "slot_baru", "psm_sesudah"]
    + ["tanpa_sebelum", "tanpa_sesudah"],
    {
        "kode_kec": KODE_KEC,
        "psm": PSM_BEFORE,
        "slot_baru": NEW_SLOTS,
        "psm_sesudah": PSM_AFTER,
        "tanpa_sebelum": f"{DESA_TANPA} sebelum",
        "tanpa_sesudah": f"{DESA_TANPA} sesudah",
    },
)
QUOTA_LABELS = {
    "kode_kec": KODE_KEC,
    "nama_kec": NAMES["nama_kec"],
    "desa": NAMES["jumlah_desa"],
    "tanpa": DESA_TANPA,
    "kasus": NAMES["kasus"],
    "psm": NAMES["psm_aktif"],
    "kuota": "Kuota slot",
}
