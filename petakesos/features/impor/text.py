"""Words only the Impor Data page shows: title, steps, labels, messages and the headers of its tables
(screen and Excel), in one place so one figure has one name everywhere."""

from __future__ import annotations

TITLE = "Impor Data"
INTRO = (
    "Unggah ekspor CSV/XLSX (register kasus PMKS, register PSM, data pelatihan, penduduk per desa). "
    "Baris yang tidak lolos pemeriksaan masuk karantina dengan alasannya; perbaiki di Excel lalu unggah lagi."
)
KABUPATEN = "Kode kabupaten/kota berkas (bila desa ditulis dengan nama)"
KABUPATEN_HELP = "Mis. 35.23 untuk Kabupaten Tuban. Kosongkan bila berkas memakai kode desa."
UPLOAD = "Berkas ekspor (CSV atau XLSX)"
PREVIEW_HEADING = "Pratinjau"
PREVIEW_CAPTION = (
    "{jenis} · judul di baris {baris} · {n} baris data · {jumlah} baris jumlah/total dilewati · "
    "baris pertama seperti yang dibaca"
)
IMPORT_BUTTON = "Impor"
NOTHING_TO_IMPORT = "Tidak ada berkas yang dapat diimpor; perbaiki berkas yang ditolak di atas."
RUNNING = "Mengimpor…"
REFUSED = "Impor ditolak"
REPORT_HEADING = "Laporan mutu impor"
REPORT_CAPTION = "Setiap baris dihitung: dibaca = diimpor + karantina + duplikat."
REPORT_SUM = "{file}: dibaca {read} = diimpor {imported} + karantina {quarantined} + duplikat {duplicate}"
QUARANTINE_EXCEL = "Unduh baris karantina (Excel, susunan kolom asli)"
QUARANTINE_SHEET = "Karantina"
NO_QUARANTINE = "Tidak ada baris karantina dari berkas ini."
DESA_HEADING = "Konfirmasi nama desa"
DESA_CAPTION = (
    "Nama desa yang tidak pasti atau ada di lebih dari satu kecamatan. Pilih kode yang benar lalu simpan; "
    "impor ulang berkas yang sama untuk memakai pilihan ini."
)
DESA_NONE = "Tidak ada nama desa yang menunggu konfirmasi."
DESA_SAVE = "Simpan pilihan"
DESA_SAVED = "Pilihan disimpan ({n} nama). Unggah dan impor ulang berkas yang sama untuk memakainya."
DESA_NO_CHOICE = "Belum ada pilihan kode desa."
HISTORY_HEADING = "Riwayat impor"
HISTORY_NONE = "Belum ada impor."
QUARANTINE_HEADING = "Daftar karantina"
QUARANTINE_CAPTION = (
    "Baris yang ditolak di wilayah ini. Nama ditampilkan untuk petugas dinas sendiri; NIK tidak pernah."
)
FILTER_FILE = "Berkas"
FILTER_REASON = "Alasan memuat"
ALL_FILES = "Semua berkas"

KIND_LABELS = {
    "pmks": "Register kasus PMKS",
    "psm": "Register PSM",
    "pelatihan": "Data pelatihan PSM",
    "penduduk": "Penduduk per desa",
}
# Row accounting of one file, in the order the report shows it (screen, chart and Excel).
ACCOUNT_LABELS = {
    "read": "Dibaca",
    "imported": "Diimpor",
    "quarantined": "Karantina",
    "duplicate": "Duplikat",
    "dropped": "Baris jumlah dilewati",
    "released": "Keluar dari karantina",
}
FILE = "Berkas"
KIND = "Jenis"
ROW = "Baris asal"
SOURCE = "Berkas asal"
REASON = "Alasan"
COLUMN = "Kolom"
WHEN = "Waktu"
BY = "Oleh"
DEMO_USER = "(mode demo)"  # who imports when no one is logged in
KIND_SELECT = "Jenis data"
MAPPING_HEADING = "Kolom terbaca"
MAPPING_CAPTION = (
    "Judul kolom di berkas → isian yang dibaca. Ubah bila salah; pilihan diingat untuk berkas berikutnya "
    "dengan susunan judul yang sama."
)
MAPPING_REMEMBERED = "Pemetaan kolom diambil dari impor sebelumnya dengan susunan judul yang sama."
MAPPED_TWICE = "Isian {kolom} dipilih untuk lebih dari satu kolom; pilih satu kolom saja untuk tiap isian."
CORRECTION = "Unduhan karantina yang diperbaiki: baris kembali ke berkas asalnya, {source}."
CHECKSUM = "SHA-256"
DESA_WRITTEN = "Desa (tertulis)"
KEC_WRITTEN = "Kecamatan (tertulis)"
ROWS = "Baris"
CHOICE = "Pilihan kode desa"
CHART_TITLE = "Hitungan baris per berkas"
CHART_Y = "Baris"
