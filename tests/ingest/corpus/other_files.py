"""The rest of the corpus: desa by name, local categories, duplicates and re-imports, PSM, training,
population, formula-like text, and the hostile files. Builders return (bytes, data rows written)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from tests.ingest.corpus import binary
from tests.ingest.corpus.pmks_files import OWN_HEADER, dmy, own, place
from tests.ingest.corpus.rows import kasus, psm, with_
from tests.ingest.corpus.writers import cols, csv_text, sheet_rows, text_cell, xlsx_bytes

LOCAL_LIST = Path(__file__).resolve().parents[3] / "data" / "impor" / "pmks_lokal.csv"

# Desa of Kenduruan and Jatirogo written as officers write them, with the code each one is (by hand, from
# the Kemendagri 2025 list). None of these names is close to another Tuban desa name.
DESA_VARIANTS = (
    ("Ds. Jlodro", "35.23.01.2001"),
    ("SOKOGUNUNG", "35.23.01.2002"),
    ("Desa Jamprong", "35.23.01.2003"),
    ("tawaran", "35.23.01.2004"),
    ("Bendong Lateng", "35.23.01.2006"),
    ("Ketodan", "35.23.02.2003"),
    ("BESOWO", "35.23.02.2007"),
    ("Wot Sogo", "35.23.02.2010"),
    ("Kedung Makam", "35.23.02.2014"),
    ("Ds. Ngepon", "35.23.02.2011"),
    ("Kel. Demit", "35.23.02.2015"),
    ("Dingil", "35.23.02.2018"),
)
NAME_HEADER = cols("NIK|Nama|Jenis Kelamin|Tanggal Lahir|Kode PMKS|Desa|Tanggal Pendataan|Status|Tanggal Selesai")


def _named(k, desa: str) -> list:
    row = own(k)
    return [*row[:5], desa, *row[6:9]]


def desa_by_name() -> tuple[bytes, int]:
    """'Desa' holds names in many spellings (all sure), and 'Sidomulyo' (row 8), of which Tuban has three."""
    base = kasus(seed=201, n=len(DESA_VARIANTS) + 1, serial_base=2000)
    body = [_named(with_(k, kode_desa=code), name) for k, (name, code) in zip(base, DESA_VARIANTS)]
    body = place(body, {8: _named(base[-1], "Sidomulyo")}, first_row=2)
    return csv_text(NAME_HEADER, body).encode("utf-8"), len(body)


def desa_with_kabupaten() -> tuple[bytes, int]:
    """Kabupaten, kecamatan and desa by name, no --kabupaten: 'Sidorejo' and 'Sugihan' (each twice in Tuban)
    are told apart by their kecamatan."""
    picks = (
        ("Kenduruan", "Sidorejo"),
        ("JATIROGO", "Sugihan"),
        ("Kenduruan", "Sokogrenjeng"),
        ("Jatirogo", "Kebonharjo"),
    )
    base = kasus(seed=202, n=len(picks), serial_base=2100)
    body = [["Kab. Tuban", kec, *_named(k, desa)] for k, (kec, desa) in zip(base, picks)]
    return csv_text(["Kabupaten", "Kecamatan", *NAME_HEADER], body).encode("utf-8"), len(body)


def local_names() -> list[tuple[str, str]]:
    """(kode_lokal, nama_lokal) of the 'tuban-22' list mapped to one of the 26, or [] while it is not written."""
    if not LOCAL_LIST.exists():
        return []
    with LOCAL_LIST.open(encoding="utf-8") as f:
        return [
            (r["kode_lokal"], r["nama_lokal"]) for r in csv.DictReader(f) if r["daftar"] == "tuban-22" and r["kode"]
        ]


def local_categories() -> tuple[bytes, int]:
    """Categories written with Tuban's own indicator names (data/impor/pmks_lokal.csv, list 'tuban-22')."""
    local = local_names()
    rows = kasus(seed=203, n=len(local), serial_base=2200)
    body = [[*own(k)[:4], nama, *own(k)[5:]] for k, (_, nama) in zip(rows, local)]
    header = cols("NIK|Nama|JK|Tgl Lahir|Jenis PMKS|Kode Desa|Tgl Pendataan|Status|Tgl Selesai|Sumber")
    return csv_text(header, body).encode("utf-8"), len(body)


def duplicates() -> tuple[bytes, int]:
    """Six cases, then row 2 again, row 3 again with spaces around cells, row 4 again with a 10-digit desa code."""
    rows = [own(k) for k in kasus(seed=204, n=6, serial_base=2300)]
    spaced = [f"  {v} " if isinstance(v, str) else v for v in rows[1]]
    undotted = [*rows[2][:5], rows[2][5].replace(".", ""), *rows[2][6:]]
    body = [*rows, list(rows[0]), spaced, undotted]
    return csv_text(OWN_HEADER, body).encode("utf-8"), len(body)


def twice() -> tuple[bytes, int]:
    """Five good cases and one with status 'hilang' (row 4): imported once, then again."""
    rows = [own(k) for k in kasus(seed=205, n=5, serial_base=2400)]
    bad = own(with_(kasus(seed=206, n=1, serial_base=2490)[0], status="hilang", tanggal_selesai=None))
    return csv_text(OWN_HEADER, place(rows, {4: bad}, first_row=2)).encode("utf-8"), 6


def _repair(fixed: bool) -> tuple[bytes, int]:
    rows = [own(with_(k, status="aktif", tanggal_selesai=None)) for k in kasus(seed=207, n=5, serial_base=2500)]
    rows[2][7] = "selesai"  # row 4
    rows[2][8] = "2024-06-30" if fixed else None
    return csv_text(OWN_HEADER, rows).encode("utf-8"), len(rows)


def repair_before() -> tuple[bytes, int]:
    """Row 4 closed ('selesai') without a closing date: quarantined."""
    return _repair(fixed=False)


def repair_after() -> tuple[bytes, int]:
    """The same file, same name, with row 4's closing date filled in."""
    return _repair(fixed=True)


def psm_synonyms() -> tuple[bytes, int]:
    """A PSM register with its own headers ('Nomor SK', 'Status Aktif' as Aktif / Tidak Aktif, 'No HP')."""
    rows = psm(seed=208, n=6, serial_base=2600)
    header = cols("No|NIK|Nama Lengkap|JK|Tgl Lahir|Desa/Kel|Nomor SK|Tgl SK|Status Aktif|Tgl Nonaktif|No HP")
    body = [
        [
            i + 1,
            p.nik,
            p.nama,
            p.jenis_kelamin,
            dmy(p.tanggal_lahir),
            p.kode_desa,
            p.no_sk,
            dmy(p.tanggal_sk),
            "Aktif" if p.aktif else "Tidak Aktif",
            dmy(p.tanggal_nonaktif),
            f"0812-3300-{i:04d}",
        ]
        for i, p in enumerate(rows)
    ]
    return csv_text(header, body).encode("utf-8"), len(body)


def training_synonyms() -> tuple[bytes, int]:
    """Training records ('NIK PSM', 'Nama Pelatihan', 'Keterangan Lulus') with date cells; row 6 ends before
    it starts."""
    people = psm(seed=208, n=5, serial_base=2600)
    courses = [
        ("Bimtek Dasar", dt.date(2022, 6, 7), dt.date(2022, 6, 9), "Lulus", "SRT/PSM/2022/001"),
        ("Bimtek Dasar", dt.date(2022, 6, 7), dt.date(2022, 6, 9), "Tidak Lulus", None),
        ("Bimtek Lanjutan", dt.date(2023, 3, 14), dt.date(2023, 3, 16), "Lulus", "SRT/PSM/2023/014"),
        ("Diklat Pendamping", dt.date(2024, 9, 18), dt.date(2024, 9, 20), "Lulus", None),
        ("Bimtek Dasar", dt.date(2024, 9, 20), dt.date(2024, 9, 18), "Lulus", "SRT/PSM/2024/031"),
    ]
    header = cols("NIK PSM|Nama Pelatihan|Tgl Mulai|Tgl Selesai|Penyelenggara|Keterangan Lulus|No Sertifikat")

    def fill(ws):
        ws.append(header)
        for r, (p, (course, start, end, passed, cert)) in enumerate(zip(people, courses), start=2):
            for c, v in enumerate([p.nik, course, start, end, "Dinas Sosial Kabupaten Tuban", passed, cert], start=1):
                if v is not None:
                    ws.cell(row=r, column=c, value=v).number_format = "DD/MM/YYYY" if isinstance(v, dt.date) else "@"

    return xlsx_bytes(fill), len(courses)


def population() -> tuple[bytes, int]:
    """Disdukcapil's table: two title rows, the nine desa of Kenduruan for 2024, and a JUMLAH row of sums."""
    figures = [
        ("2001", 3120, 1540, 1580),
        ("2002", 2875, 1422, 1453),
        ("2003", 2410, 1198, 1212),
        ("2004", 3560, 1771, 1789),
        ("2005", 1985, 990, 995),
        ("2006", 2230, 1105, 1125),
        ("2007", 2690, 1336, 1354),
        ("2008", 3015, 1497, 1518),
        ("2009", 1840, 915, 925),
    ]
    assert all(lk + pr == total for _, total, lk, pr in figures)

    def fill(ws):
        ws["A1"] = "DATA PENDUDUK PER DESA/KELURAHAN"
        ws["A2"] = "KECAMATAN KENDURUAN - SEMESTER I"
        ws.append(["No", "Kode Desa", "Tahun", "Jumlah Penduduk", "LK", "PR"])
        nxt = sheet_rows(ws, 4, [[i + 1, f"35.23.01.{d}", 2024, t, lk, pr] for i, (d, t, lk, pr) in enumerate(figures)])
        ws.append(["JUMLAH", None, None, 23725, 11774, 11951])  # sums written by hand, as the office does
        assert [sum(f[i] for f in figures) for i in (1, 2, 3)] == [23725, 11774, 11951]
        assert nxt == 13

    return xlsx_bytes(fill), len(figures)


FORMULA_NAMES = ('=HYPERLINK("http://contoh.invalid/x","Klik")', "+62 812 0000 1111", "@SUM(A1:A9)", "-2+3 Sutrisno")


def formulas_csv() -> tuple[bytes, int]:
    """Cells that a spreadsheet would run as formulas ('=', '+', '-', '@'): stored as the text written."""
    rows = kasus(seed=209, n=6, serial_base=2700)
    body = [own(with_(k, nama=name)) for k, name in zip(rows, FORMULA_NAMES)] + [own(k) for k in rows[4:]]
    body[5][9] = "=1+1"  # sumber
    return csv_text(OWN_HEADER, body).encode("utf-8"), len(body)


FORMULA_NAMES_XLSX = ('=HYPERLINK("http://contoh.invalid","Klik di sini")', "@SUM(1+1)", "+6281200001111", "=1+2")


def formulas_xlsx() -> tuple[bytes, int]:
    """The same in a workbook: text cells (not formulas) whose text starts with '=', '+' or '@'."""
    rows = kasus(seed=210, n=len(FORMULA_NAMES_XLSX), serial_base=2800)

    def fill(ws):
        ws.append(list(OWN_HEADER))
        for r, (k, name) in enumerate(zip(rows, FORMULA_NAMES_XLSX), start=2):
            for c, v in enumerate(own(k), start=1):
                if v is not None:
                    text_cell(ws, r, c, v)
            text_cell(ws, r, 2, name)

    return xlsx_bytes(fill), len(rows)


def header_only() -> tuple[bytes, int]:
    return csv_text(OWN_HEADER, []).encode("utf-8"), 0


def csv_named_xlsx() -> tuple[bytes, int]:
    """A CSV saved under an .xlsx name (a common mistake): text, not a zip."""
    return csv_text(OWN_HEADER, [own(k) for k in kasus(seed=211, n=3, serial_base=2900)]).encode("utf-8"), 0


def oversized() -> tuple[bytes, int]:
    """A well-formed case register of a little over 2 MB (the test sets the limit to 1 MB)."""
    rows = kasus(seed=212, n=9, serial_base=3000)
    lines = [csv_text(OWN_HEADER, [])]
    row_text = [csv_text(OWN_HEADER, [own(k)]).split("\r\n", 1)[1] for k in rows]
    size, i = len(lines[0]), 0
    while size <= 2 * 1024 * 1024:
        lines.append(row_text[i % len(row_text)])
        size += len(row_text[i % len(row_text)])
        i += 1
    return "".join(lines).encode("utf-8"), 0


HOSTILE = {
    "empty": lambda: (b"", 0),
    "header_only": header_only,
    "csv_named_xlsx": csv_named_xlsx,
    "zip_bomb": lambda: (binary.zip_bomb(), 0),
    "oversized": oversized,
    "encrypted": lambda: (binary.encrypted_workbook(), 0),
    "old_xls": lambda: (binary.old_xls(), 0),
    "garbage": lambda: (binary.garbage(), 0),
}
