"""The PMKS case registers of the corpus, each shaped like a real Dinsos export with one kind of mess.

Each builder returns (bytes, data rows written). Bad rows are planted at fixed spreadsheet row numbers with
`place`, so the row numbers in generate.py's expected reasons are the ones the file really has."""

from __future__ import annotations

import datetime as dt

from tests.ingest.corpus.rows import PMKS_NAMES, Kasus, kasus, with_
from tests.ingest.corpus.writers import cols, csv_text, utf16_text

OWN_HEADER = (
    "nik",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_pmks",
    "kode_desa",
    "tanggal_catat",
    "status",
    "tanggal_selesai",
    "sumber",
)
STATUS_WORDS = {"aktif": "Aktif", "ditangani": "Tertangani", "dirujuk": "Dirujuk", "selesai": "Selesai"}
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
BLN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nop", "Des")


def place(good: list, bad: dict[int, object], first_row: int) -> list:
    """`good` rows in order with each bad row put at its spreadsheet row number."""
    rows = list(good)
    for number in sorted(bad):
        rows.insert(number - first_row, bad[number])
    assert all(rows[n - first_row] is bad[n] for n in bad)
    return rows


def dmy(d: dt.date | None, sep: str = "/") -> str | None:
    return None if d is None else f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def own(k: Kasus) -> list:
    """A row in the project's own format (data/README.md)."""
    return [
        k.nik,
        k.nama,
        k.jenis_kelamin,
        k.tanggal_lahir.isoformat(),
        k.kode_pmks,
        k.kode_desa,
        k.tanggal_catat.isoformat(),
        k.status,
        k.tanggal_selesai and k.tanggal_selesai.isoformat(),
        k.sumber,
    ]


def header_synonyms() -> tuple[bytes, int]:
    """Headers as SIKS-NG-style exports write them; categories by NAME; 'Desa/Kel' holding codes."""
    rows = kasus(seed=101, n=11, serial_base=100)
    header = cols("No|NIK|Nama Lengkap|L/P|Tgl Lahir|Jenis PMKS|Desa/Kel|Tgl Pendataan|Status|Tgl Selesai|Sumber Data")
    sexes = {"L": ("L", "Laki-laki"), "P": ("P", "Perempuan")}
    body = []
    for i, k in enumerate(rows):
        name = PMKS_NAMES[k.kode_pmks]
        body.append(
            [
                i + 1,
                k.nik,
                k.nama,
                sexes[k.jenis_kelamin][i % 2],
                dmy(k.tanggal_lahir),
                name.upper() if i % 3 == 0 else name,
                k.kode_desa.replace(".", "") if i % 2 else k.kode_desa,
                dmy(k.tanggal_catat),
                STATUS_WORDS[k.status],
                dmy(k.tanggal_selesai),
                k.sumber,
            ]
        )
    bad = with_(rows[0], nik="3523015507800999", nama="Kategori Asing")
    bad_row = [0, bad.nik, bad.nama, "P", "15/07/1980", "Anak Hilang", bad.kode_desa, "06/06/2023", "Aktif", None, ""]
    body = place(body, {7: bad_row}, first_row=2)
    for i, row in enumerate(body):
        row[0] = i + 1
    return csv_text(header, body).encode("utf-8"), len(body)


def cp1252_semicolon() -> tuple[bytes, int]:
    """Windows Excel 'CSV (dipisahkan titik koma)': cp1252 bytes, ';' delimiter, accented names."""
    rows = kasus(seed=103, n=8, serial_base=300)
    rows[2] = with_(rows[2], nama="André Setiawan")
    rows[5] = with_(rows[5], nama="René Sugiarto")
    header = cols("NIK|Nama|JK|Tgl Lahir|Kode PMKS|Kode Desa|Tgl Catat|Status|Tgl Selesai|Sumber")
    body = [
        [
            k.nik,
            k.nama,
            k.jenis_kelamin,
            dmy(k.tanggal_lahir),
            k.kode_pmks,
            k.kode_desa,
            dmy(k.tanggal_catat),
            k.status,
            dmy(k.tanggal_selesai),
            k.sumber,
        ]
        for k in rows
    ]
    return csv_text(header, body, delimiter=";").encode("cp1252"), len(body)


def utf8_bom() -> tuple[bytes, int]:
    """The project's own headers, saved as 'CSV UTF-8' by Excel: a byte-order mark before 'nik'."""
    rows = kasus(seed=104, n=6, serial_base=400)
    return b"\xef\xbb\xbf" + csv_text(OWN_HEADER, [own(k) for k in rows]).encode("utf-8"), len(rows)


def unicode_text() -> tuple[bytes, int]:
    """Excel 'Teks Unicode': UTF-16 LE with BOM, tab-delimited, a name with a curly apostrophe."""
    rows = kasus(seed=105, n=7, serial_base=500)
    rows[3] = with_(rows[3], nama="Mbah Sarmi’ah")
    header = cols(
        "NIK|Nama Lengkap|Jenis Kelamin|Tanggal Lahir|Jenis PMKS|Kode Desa|Tanggal Pendataan|Status|Tanggal Selesai"
    )
    body = [
        [
            k.nik,
            k.nama,
            k.jenis_kelamin,
            dmy(k.tanggal_lahir),
            PMKS_NAMES[k.kode_pmks],
            k.kode_desa,
            dmy(k.tanggal_catat),
            k.status,
            dmy(k.tanggal_selesai),
        ]
        for k in rows
    ]
    return utf16_text(csv_text(header, body, delimiter="\t")), len(rows)


def _indo(d: dt.date, style: int) -> str:
    """Indonesian ways of writing a date by hand or from a Word table."""
    if style == 0:
        return f"{d.day} {BULAN[d.month - 1]} {d.year}"  # 7 Juni 2022
    if style == 1:
        return f"{d.day:02d} {BULAN[d.month - 1]} {d.year}"  # 07 Agustus 2023
    if style == 2:
        return f"{d.day} {BLN[d.month - 1]} {d.year}"  # 1 Agt 2023
    if style == 3:
        return f"{d.day}-{BLN[d.month - 1]}-{d.year % 100:02d}"  # 7-Jun-22
    return f"{d.day} {BULAN[d.month - 1].upper()} {d.year}"  # 7 JUNI 2022


def indonesian_months() -> tuple[bytes, int]:
    """Dates with Indonesian month names, full and short, any case; one day that does not exist."""
    rows = kasus(seed=109, n=8, serial_base=900)
    header = cols("NIK|Nama|JK|Tanggal Lahir|Kode PMKS|Kode Desa|Tanggal Pendataan|Status|Tanggal Selesai")
    body = [
        [
            k.nik,
            k.nama,
            k.jenis_kelamin,
            _indo(k.tanggal_lahir, (i % 2) * 4),
            k.kode_pmks,
            k.kode_desa,
            _indo(k.tanggal_catat, i % 5),
            k.status,
            k.tanggal_selesai and _indo(k.tanggal_selesai, 2),
        ]
        for i, k in enumerate(rows)
    ]
    bad = with_(rows[0], nik="3523010101700999", nama="Tanggal Tak Ada")
    bad_row = [bad.nik, bad.nama, "L", "1 Januari 1970", bad.kode_pmks, bad.kode_desa, "31 Juni 2022", "aktif", None]
    body = place(body, {10: bad_row}, first_row=2)
    return csv_text(header, body).encode("utf-8"), len(body)


def two_digit_years() -> tuple[bytes, int]:
    """Dates as d-m-yy without leading zeros ('6-6-22'; '3-4-75' is 1975); one 30 February."""
    rows = kasus(seed=110, n=8, serial_base=1000)

    def dmyy(d: dt.date | None) -> str | None:
        return None if d is None else f"{d.day}-{d.month}-{d.year % 100:02d}"

    header = ["NIK", "Nama", "JK", "Tgl Lahir", "Kode PMKS", "Kode Desa", "Tgl Catat", "Status", "Tgl Selesai"]
    body = [
        [
            k.nik,
            k.nama,
            k.jenis_kelamin,
            dmyy(k.tanggal_lahir),
            k.kode_pmks,
            k.kode_desa,
            dmyy(k.tanggal_catat),
            k.status,
            dmyy(k.tanggal_selesai),
        ]
        for k in rows
    ]
    bad = with_(rows[0], nik="3523010101700998", nama="Tiga Puluh Februari")
    bad_row = [bad.nik, bad.nama, "L", "1-1-70", bad.kode_pmks, bad.kode_desa, "30-2-22", "aktif", None]
    body = place(body, {9: bad_row}, first_row=2)
    return csv_text(header, body).encode("utf-8"), len(body)


def damaged_nik_csv() -> tuple[bytes, int]:
    """An Indonesian-locale Excel CSV (';'): NIK as '3,52301E+15', '3.52301E+15', 15 digits; spaces are fine."""
    rows = kasus(seed=112, n=9, serial_base=1200)
    nik = [
        f"{float(k.nik):.5E}".replace(".", ",")
        if i == 0
        else f"{float(k.nik):.5E}"
        if i == 1
        else k.nik[:15]
        if i == 2
        else f"{k.nik[:4]} {k.nik[4:8]} {k.nik[8:12]} {k.nik[12:]}"
        if i in (3, 8)
        else k.nik
        for i, k in enumerate(rows)
    ]
    body = [[n, *own(k)[1:]] for n, k in zip(nik, rows)]
    return csv_text(OWN_HEADER, body, delimiter=";").encode("utf-8"), len(body)
