"""The corpus of messy exports (issue 11, item 7) and what importing each one must give.

`write_corpus(folder)` writes every file and returns its `Case`s; `cases()` returns them without writing
(for test parametrisation). Run `python -m tests.ingest.corpus.generate OUT_DIR` to write the files and
`expected.json`. Everything is built from fixed seeds on the real desa of Kenduruan and Jatirogo (Kabupaten
Tuban, the fixture world of tests/conftest.py). The expected figures below are written by hand from what each
builder deliberately puts in its file (so many good rows, these bad rows at these row numbers); write_corpus
only checks that a builder wrote as many data rows as its case says. See README.md in this folder.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.ingest.corpus import other_files as o
from tests.ingest.corpus import pmks_files as p
from tests.ingest.corpus import pmks_xlsx as x

KAB = ("--kabupaten", "35.23")
SMALL_GOOD = "04_utf8_bom.csv"  # imported first where a refusal must leave existing data untouched


@dataclass(frozen=True)
class Case:
    """One import of one corpus file and what it must give: the accounting, or a refusal (`message`)."""

    file_name: str  # path relative to the corpus folder; the database sees only its last part
    description: str
    kind: str | None = None
    read: int = 0
    imported: int = 0
    quarantined: int = 0
    duplicate: int = 0
    dropped: int = 0  # total/summary rows left out, reported apart from `read`
    reasons: dict[int, str] = field(default_factory=dict)  # row number -> substring of its quarantine reason
    message: str | None = None  # substring of the refusal (exit code 2, database unchanged)
    args: tuple[str, ...] = ()  # extra arguments of `python -m petakesos import`
    env: dict[str, str] = field(default_factory=dict)
    before: tuple[str, ...] = ()  # corpus files imported first into the same database
    cleared: tuple[int, ...] = ()  # row numbers of this file that must have left quarantine afterwards
    names: tuple[str, ...] = ()  # `nama` values that must be stored exactly as written
    desa_codes: tuple[str, ...] = ()  # with no `before`: exactly the kode_desa stored (desa written by name)
    pending: bool = False
    pending_reason: str = ""

    @property
    def id(self) -> str:
        return self.file_name + ("#" + str(len(self.before) + 1) if self.file_name in self.before else "")


def _pmks(file_name: str, description: str, read: int, imported: int, **kw) -> Case:
    return Case(file_name, description, kind="pmks", read=read, imported=imported, **kw)


def _refused(file_name: str, description: str, message: str, **kw) -> Case:
    return Case(file_name, description, message=message, **kw)


def _local_case() -> Case:
    n = len(o.local_names())
    name = "15_kategori_lokal_tuban.csv"
    if not n:
        why = f"{o.LOCAL_LIST} belum ada (ditulis oleh engineer VALUES)"
        return _pmks(name, "Tuban's 22 local indicators by name", 0, 0, pending=True, pending_reason=why)
    return _pmks(name, "Tuban's 22 local indicators by name (list tuban-22)", n, n)


def _plan() -> list[tuple[Case, Callable[[], tuple[bytes, int]] | None]]:
    """Every case with the builder of its file (None: the file is another case's)."""
    again = "17_dua_kali.csv"
    awal, baru = "18_perbaikan/1_awal/kasus_perbaikan.csv", "18_perbaikan/2_diperbaiki/kasus_perbaikan.csv"
    bad_nik = {2: "rusak", 3: "rusak", 4: "rusak", 5: "rusak", 6: "hilang"}
    merged_codes = ("35.23.01.2008", "35.23.02.2013", "35.23.02.2015", "35.23.02.2007", "35.23.01.2004")
    kab_codes = ("35.23.01.2008", "35.23.02.2012", "35.23.01.2009", "35.23.02.2001")
    local = _local_case()
    # fmt: off
    plan = [
        (_pmks("01_header_sinonim.csv", "Nama Lengkap, L/P, Tgl Lahir, Jenis PMKS by name, Desa/Kel codes, Tgl "
               "Pendataan dd/mm/yyyy, Status Tertangani; unknown category in row 7", 12, 11, quarantined=1,
               reasons={7: "kolom kode_pmks"}), p.header_synonyms),
        (_pmks("02_judul_dan_jumlah.xlsx", "title rows, header in row 4, a blank row and a JUMLAH row; row 9 has "
               "1980-02-31", 10, 9, quarantined=1, dropped=1, reasons={9: "kolom tanggal_lahir"}),
         x.title_and_total),
        (_pmks("03_cp1252_titik_koma.csv", "cp1252, ';', accented names", 8, 8,
               names=("André Setiawan", "René Sugiarto")), p.cp1252_semicolon),
        (_pmks(SMALL_GOOD, "UTF-8 with BOM, the project's own headers", 6, 6), p.utf8_bom),
        (_pmks("05_teks_unicode.txt", "Excel Unicode text: UTF-16 LE, tab-delimited", 7, 7, names=("Mbah Sarmi’ah",)),
         p.unicode_text),
        (_pmks("06_tanggal_excel.xlsx", "Excel date cells", 8, 8), x.excel_dates),
        (_pmks("07_serial_angka.xlsx", "dates, desa and category codes as numbers (44718, 3523012001, 9)", 8, 8),
         x.serial_numbers),
        (_pmks("08_judul_gabung.xlsx", "two-row header, 'Alamat' merged over Kecamatan/Desa names; row 5 sex 'X'",
               6, 5, quarantined=1, reasons={5: "kolom jenis_kelamin"}, args=KAB, desa_codes=merged_codes),
         x.merged_header),
        (_pmks("09_bulan_indonesia.csv", "'7 Juni 2022', '1 Agt 2023', '7-Jun-22', '1 DESEMBER 1996'; row 10 has "
               "'31 Juni 2022'", 9, 8, quarantined=1, reasons={10: "kolom tanggal_catat"}), p.indonesian_months),
        (_pmks("10_tahun_dua_digit.csv", "d-m-yy dates; row 9 has '30-2-22'", 9, 8, quarantined=1,
               reasons={9: "kolom tanggal_catat"}), p.two_digit_years),
        (_pmks("11_nik_angka.xlsx", "NIK cells typed as numbers (rows 2-5: 16 digits, row 6: 15 digits)", 9, 4,
               quarantined=5, reasons=bad_nik), x.excel_number_nik),
        (_pmks("12_nik_rusak.csv", "';' CSV with NIK '3,52303E+15', '3.52302E+15', 15 digits; two NIK with spaces",
               9, 6, quarantined=3, reasons={2: "rusak", 3: "rusak", 4: "hilang"}), p.damaged_nik_csv),
        (_pmks("13_desa_nama.csv", "desa by name in many spellings with --kabupaten 35.23; row 8 'Sidomulyo' is in "
               "three Tuban kecamatan", 13, 12, quarantined=1, reasons={8: "Jatirogo"}, args=KAB,
               desa_codes=tuple(code for _, code in o.DESA_VARIANTS)), o.desa_by_name),
        (_pmks("14_desa_nama_kabupaten.csv", "Kabupaten/Kecamatan/Desa names, kabupaten detected, twins told apart "
               "by kecamatan", 4, 4, desa_codes=kab_codes), o.desa_with_kabupaten),
        (local, None if local.pending else o.local_categories),
        (_pmks("16_duplikat.csv", "rows 8-10 repeat rows 2-4 (exactly, with spaces, with a 10-digit desa code)", 9, 6,
               duplicate=3), o.duplicates),
        (_pmks(again, "first import; row 4 has status 'hilang'", 6, 5, quarantined=1, reasons={4: "kolom status"}),
         o.twice),
        (_pmks(again, "the same file again: everything is a duplicate", 6, 0, duplicate=6, before=(again,)), None),
        (_pmks(awal, "row 4 'selesai' without tanggal_selesai", 5, 4, quarantined=1,
               reasons={4: "kolom tanggal_selesai"}), o.repair_before),
        (_pmks(baru, "the same file with row 4 fixed: it is imported and leaves quarantine", 5, 1, duplicate=4,
               before=(awal,), cleared=(4,)), o.repair_after),
        (Case("19_psm_sinonim.csv", "PSM register: Nomor SK, Status Aktif (Aktif/Tidak Aktif), No HP", kind="psm",
              read=6, imported=6), o.psm_synonyms),
        (Case("20_pelatihan_sinonim.xlsx", "NIK PSM, Nama Pelatihan, Keterangan Lulus; row 6 ends before it starts",
              kind="pelatihan", read=5, imported=4, quarantined=1, reasons={6: "sebelum tanggal mulai"}),
         o.training_synonyms),
        (Case("21_penduduk_jumlah.xlsx", "Disdukcapil table: title rows, Jumlah Penduduk/LK/PR, a JUMLAH row",
              kind="penduduk", read=9, imported=9, dropped=1), o.population),
        (_pmks("22_rumus.csv", "names starting with '=', '+', '@', '-': kept as text", 6, 6, names=o.FORMULA_NAMES),
         o.formulas_csv),
        (_pmks("23_rumus.xlsx", "text cells starting with '=', '+', '@'", 4, 4, names=o.FORMULA_NAMES_XLSX),
         o.formulas_xlsx),
        (_refused("30_kosong.csv", "0 bytes", "tidak berisi baris data"), o.HOSTILE["empty"]),
        (_refused("31_hanya_judul.csv", "a header and no rows", "tidak berisi baris data"), o.HOSTILE["header_only"]),
        (_refused("32_bukan_excel.xlsx", "a CSV saved under an .xlsx name", "bukan berkas Excel"),
         o.HOSTILE["csv_named_xlsx"]),
        (_refused("33_bom_zip.xlsx", "zip whose sheet claims 300 MB (0.3 MB on disk)", "bom zip",
                  before=(SMALL_GOOD,)), o.HOSTILE["zip_bomb"]),
        (_refused("34_terlalu_besar.csv", "2 MB with the limit at 1 MB", "terlalu besar", before=(SMALL_GOOD,),
                  env={"PETAKESOS_IMPOR_MAKS_MB": "1"}), o.HOSTILE["oversized"]),
        (_refused("35_terkunci.xlsx", "password-protected workbook (OLE2 with EncryptionInfo)", "dilindungi kata sandi",
                  before=(SMALL_GOOD,)), o.HOSTILE["encrypted"]),
        (_refused("36_lama.xls", "Excel 97-2003 workbook", "format .xls lama tidak didukung"), o.HOSTILE["old_xls"]),
        (_refused("37_sampah.csv", "binary bytes with NULs under a .csv name", "bukan berkas CSV"),
         o.HOSTILE["garbage"]),
    ]
    # fmt: on
    ids = [c.id for c, _ in plan]
    assert len(ids) == len(set(ids)), "two cases with the same id"
    return plan


def cases() -> list[Case]:
    """Every case, in corpus order, without writing anything."""
    return [case for case, _ in _plan()]


def write_corpus(folder: Path) -> list[Case]:
    """Write every corpus file under `folder` and return the cases (pending ones included, their file not written)."""
    folder = Path(folder)
    plan = _plan()
    for case, build in plan:
        if build is None:
            continue
        data, rows = build()
        if case.message is None:
            assert rows == case.read, f"{case.file_name}: wrote {rows} data rows, the case expects {case.read}"
        target = folder / case.file_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return [case for case, _ in plan]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("pakai: python -m tests.ingest.corpus.generate FOLDER_TUJUAN", file=sys.stderr)
        return 2
    folder = Path(args[0])
    written = write_corpus(folder)
    expected = [{"id": c.id, **asdict(c)} for c in written]
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(written)} kasus ditulis ke {folder} (lihat expected.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
