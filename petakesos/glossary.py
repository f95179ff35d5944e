"""Every word a user reads for a shared figure, written once: its name (column header, metric label,
legend title) and its definition (help text, Excel "Definisi"). One figure has one name everywhere.

Page-only words stay at the top of the page's feature module; words used on two pages or in an
export live here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Level of a wilayah code: 1 province ... 4 desa/kelurahan (see wilayah.level).
LEVELS = {1: "Provinsi", 2: "Kabupaten/Kota", 3: "Kecamatan", 4: "Desa/Kelurahan"}
LEVELS_PLURAL = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}

# Column → the name of the figure, for tables, metrics, tooltips and Excel headers.
NAMES = {
    "kode": "Kode",
    "kode_desa": "Kode desa",
    "nama": "Wilayah",
    "nama_desa": "Desa/Kelurahan",
    "nama_kec": "Kecamatan",
    "nama_kab": "Kabupaten/Kota",
    "nama_prov": "Provinsi",
    "jumlah_desa": "Desa/kelurahan",
    "penduduk": "Penduduk",
    "kasus": "Kasus PMKS",
    "kasus_baru": "Kasus baru",
    "kasus_per_1000": "Kasus per 1.000 penduduk",
    "psm_aktif": "PSM aktif",
    "psm_terlatih": "PSM terlatih (Bimtek Dasar)",
    "psm_bersertifikat": "PSM bersertifikat",
    "persen_terlatih": "% PSM terlatih",
    "desa_dengan_psm": "Desa/kelurahan dengan PSM",
    "desa_tanpa_psm": "Desa/kelurahan tanpa PSM",
    "persen_desa_psm": "% desa/kelurahan dengan PSM",
    "belum_terlatih": "PSM belum terlatih",
    "kasus_per_psm": "Kasus per PSM",
    "beban": "Beban kasus",
    "peringkat": "Peringkat",
    "tahun": "Tahun",
}

# Figure → what it counts, as shown in help texts and in the Excel "Definisi" cells.
DEFINITIONS = {
    "kasus": "Kasus PMKS yang terbuka pada suatu waktu dalam tahun itu: dicatat paling lambat 31 Desember "
    "dan tidak ditutup (status selesai) sebelum 1 Januari.",
    "kasus_per_1000": "Kasus PMKS (terbuka dalam tahun itu) per 1.000 penduduk desa/kelurahan pada tahun itu.",
    "psm_aktif": "PSM dengan SK bertanggal paling lambat 31 Desember tahun itu dan masih aktif pada tanggal itu.",
    "psm_terlatih": "PSM aktif yang telah lulus Bimtek Dasar paling lambat 31 Desember tahun itu.",
    "persen_terlatih": "Bagian PSM aktif yang telah lulus Bimtek Dasar paling lambat 31 Desember tahun itu.",
    "psm_bersertifikat": "PSM aktif yang lulus Bimtek Dasar dan memiliki nomor sertifikat.",
    "persen_desa_psm": "Bagian desa/kelurahan yang memiliki paling sedikit satu PSM aktif.",
    "kasus_per_psm": "Kasus PMKS terbuka dalam tahun itu dibagi PSM aktif di wilayah yang sama.",
}
DEMO_NOTE = "Data contoh (sintetis): nama, NIK dan kasus rekaan pada desa/kelurahan yang nyata."
SMALL_COUNT_NOTE = 'Angka 1–4 ditampilkan sebagai "<5" agar orang di desa kecil tidak dapat dikenali.'


def name(column: str) -> str:
    """The user-facing name of a column; an unknown column keeps its own name (never a crash)."""
    return NAMES.get(column, column)


def names(columns: Iterable[str], overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Column → name for a table, page-only words in `overrides` taking precedence."""
    overrides = overrides or {}
    return {c: overrides.get(c, NAMES.get(c, c)) for c in columns}
