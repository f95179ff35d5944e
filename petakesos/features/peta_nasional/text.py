"""Words of the Peta Nasional page. The measure, period, small-count and panel words are the Peta PMKS
page's (features/peta/text.py), so one figure keeps one name on both maps."""

from __future__ import annotations

from petakesos.features.peta.text import NO_DATA_OR_SMALL, SMALL_TEXT, UKURAN, UKURAN_SHORT
from petakesos.maps.breaks import NO_DATA_LABEL

NAMA_NASIONAL = "Seluruh Indonesia"
TEXT = {
    "title": "Peta Nasional Desa/Kelurahan",
    "intro": "Semua desa/kelurahan yang memiliki batas peta, dalam satu peta. Perbesar untuk melihat batas "
    "desa lebih rinci; arahkan kursor ke desa untuk nama dan nilainya, klik untuk membuka rinciannya.",
    "ukuran": "Ukuran",
    "kategori": "Kategori PMKS",
    "kategori_ph": "Semua kategori (26)",
    "awal": "Mulai tahun",
    "sampai_tahun": "sampai {tahun} (tahun di sidebar)",
    "tanpa_ubin": "Ubin peta nasional belum dibangun. Jalankan `python -m petakesos setup`.",
    "ubin_lama": "Ubin peta lebih lama dari batas wilayah; jalankan `python -m petakesos setup` untuk memperbaruinya.",
    "tanpa_data": "Tidak ada desa dengan data untuk pilihan ini.",
    "klik": "Klik sebuah desa pada peta untuk melihat rinciannya.",
    "tentang": "{judul} · {periode} · {kategori} · Kuantil, {k} kelas · {n} desa/kelurahan pada peta.",
}
MAP_TEXT = {
    "value_label": {k: v for k, v in UKURAN_SHORT.items()},
    "masked": SMALL_TEXT,
    "no_data": NO_DATA_LABEL,
    "legend_no_data": {True: NO_DATA_OR_SMALL, False: NO_DATA_LABEL},
}
__all__ = ["MAP_TEXT", "NAMA_NASIONAL", "TEXT", "UKURAN"]
