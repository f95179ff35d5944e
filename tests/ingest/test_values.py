"""Written values the import accepts: PMKS categories by code or name (and Tuban's local list), status, sex and
yes/no synonyms, dates in the formats Dinsos exports use, NIK damaged by Excel, desa codes, trimmed and
formula-like text. Expected values are written by hand."""

import datetime as dt

import pandas as pd
import pytest
import test_validate
from test_validate import CASE, NIK_A, PSM, reasons, run

from petakesos.config import REPO_ROOT
from petakesos.ingest import nik
from petakesos.ingest.kinds import PMKS

IMPOR = REPO_ROOT / "data" / "impor"
base = test_validate.base  # the same in-memory database fixture
FORMATS = (
    "format yang diterima: YYYY-MM-DD, DD/MM/YYYY, D-M-YY, YYYY/MM/DD, 7 Juni 2022, 7-Jun-22 "
    "atau nomor seri tanggal Excel"
)


def _pmks(con, column, values, **fixed):
    """Validate one PMKS row per value of `column`; (valid rows by _baris, rejects)."""
    _, valid, rejects = run(con, PMKS, [dict(CASE, **fixed, **{column: v}) for v in values])
    return valid.set_index("_baris"), rejects


@pytest.mark.parametrize(
    "written, versi_daftar, kode",
    [
        ("9", None, "09"),
        ("09", None, "09"),
        ("PMKS-09", None, "09"),
        ("pmks 9", None, "09"),
        ("Anak Terlantar", None, "02"),
        ("anak terlantar", None, "02"),
        ("ANAK TERLANTAR", None, "02"),
        ("Anak  Terlantar.", None, "02"),
        ("Lanjut Usia Terlantar", None, "08"),
        ("Lansia Terlantar", None, "08"),
        ("Penyandang Disabilitas", None, "09"),
        ("Penyandang Cacat", None, "09"),
        ("Fakir Miskin", None, "24"),
        ("Keluarga Fakir Miskin", None, "24"),
        ("Wanita Rawan Sosial Ekonomi", None, "23"),
        ("Perempuan Rawan Sosial Ekonomi", None, "23"),
        ("ODHA", None, "16"),
        ("Orang dengan HIV/AIDS", None, "16"),
        ("orang dengan hiv - aids", None, "16"),
        ("24", "permensos-8-2012", "24"),
        ("24", "Permensos 8/2012", "24"),
        # Tuban's local list (an example list, see data/impor/pmks_lokal.csv): its own codes and names
        ("19", "tuban-22", "24"),
        ("3", "tuban-22", "06"),
        ("Anak Nakal", "tuban-22", "03"),
        ("Fakir Miskin", "tuban-22", "24"),  # an official name is understood whatever the list
        ("Keluarga Berumah Tidak Layak Huni", None, "24"),  # a local name that means one category anywhere
    ],
)
def test_categories_by_code_or_by_name(base, written, versi_daftar, kode):
    valid, rejects = _pmks(base, "kode_pmks", [written], versi_daftar=versi_daftar)
    assert rejects.empty
    assert (valid.loc[2, "versi_daftar"], valid.loc[2, "kode_pmks"]) == ("permensos-8-2012", kode)


def test_unknown_categories_and_lists_are_rejected_with_what_is_known(base):
    _, _, rejects = run(
        base,
        PMKS,
        [
            dict(CASE, kode_pmks="27"),
            dict(CASE, kode_pmks="Anak Hilang"),
            dict(CASE, kode_pmks="23", versi_daftar="tuban-22"),  # tuban-22 has 22 codes
            dict(CASE, kode_pmks="24", versi_daftar="dtks-2099"),
        ],
    )
    assert reasons(rejects) == {
        2: (
            "kode_pmks",
            "kolom kode_pmks: kode PMKS tidak ada dalam daftar kategori permensos-8-2012: '27' "
            "(tulis kode atau nama kategori dari data/pmks_categories.csv)",
        ),
        3: (
            "kode_pmks",
            "kolom kode_pmks: kode PMKS tidak ada dalam daftar kategori permensos-8-2012: 'Anak Hilang' "
            "(tulis kode atau nama kategori dari data/pmks_categories.csv)",
        ),
        4: (
            "kode_pmks",
            "kolom kode_pmks: kode PMKS tidak ada dalam daftar kategori tuban-22: '23' "
            "(tulis kode atau nama kategori dari data/pmks_categories.csv)",
        ),
        5: (
            "versi_daftar",
            "kolom versi_daftar: daftar kategori tidak dikenal: 'dtks-2099' (yang dikenal: permensos-8-2012, tuban-22)",
        ),
    }


def test_every_synonym_and_local_name_in_the_data_files_means_its_own_category(base):
    sinonim = pd.read_csv(IMPOR / "pmks_kategori_sinonim.csv", dtype=str)
    valid, rejects = _pmks(base, "kode_pmks", list(sinonim["sinonim"]))
    assert rejects.empty, rejects
    assert list(valid.sort_index()["kode_pmks"]) == list(sinonim["kode"])  # no synonym is taken by another
    lokal = pd.read_csv(IMPOR / "pmks_lokal.csv", dtype=str)
    tuban = lokal[lokal["daftar"] == "tuban-22"]
    assert len(tuban) == 22 and set(tuban["sumber"]) == {"contoh, belum diverifikasi dengan Dinsos Tuban"}
    for column in ("kode_lokal", "nama_lokal"):
        valid, rejects = _pmks(base, "kode_pmks", list(tuban[column]), versi_daftar="tuban-22")
        assert rejects.empty and list(valid.sort_index()["kode_pmks"]) == list(tuban["kode"])


@pytest.mark.parametrize(
    "written, status",
    [
        ("Aktif", "aktif"),
        ("aktif", "aktif"),
        ("AKTIF", "aktif"),
        ("Tertangani", "ditangani"),
        ("Ditangani", "ditangani"),
        ("Sudah ditangani", "ditangani"),
        ("Dirujuk", "dirujuk"),
        ("Rujuk", "dirujuk"),
    ],
)
def test_status_synonyms(base, written, status):
    valid, rejects = _pmks(base, "status", [written])
    assert rejects.empty and valid.loc[2, "status"] == status


def test_closed_status_synonyms_and_an_unknown_status(base):
    valid, rejects = _pmks(base, "status", ["Selesai", "Tuntas", "Hilang"], tanggal_selesai="2023-01-01")
    assert list(valid["status"]) == ["selesai", "selesai"]
    assert reasons(rejects) == {
        4: (
            "status",
            "kolom status: status harus salah satu dari: aktif, ditangani, dirujuk, selesai (atau padanannya, "
            "misalnya Tertangani, Rujuk, Tuntas): 'Hilang'",
        )
    }


def test_sex_synonyms(base):
    written = ["L", "P", "Laki-laki", "Laki laki", "LK", "Pria", "Perempuan", "PR", "Wanita", "laki-laki", "X"]
    valid, rejects = _pmks(base, "jenis_kelamin", written)
    assert list(valid["jenis_kelamin"]) == ["L", "P", "L", "L", "L", "L", "P", "P", "P", "L"]
    assert reasons(rejects) == {
        12: ("jenis_kelamin", "kolom jenis_kelamin: jenis kelamin harus L atau P (atau Laki-laki/Perempuan): 'X'")
    }


def test_yes_no_synonyms(base):
    psm = {
        "nik": NIK_A,
        "nama": "PSM",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1980-01-01",
        "kode_desa": "35.23.01.2001",
        "no_sk": "SK/1",
        "tanggal_sk": "2021-01-01",
    }
    yes = ["Y", "Ya", "Aktif", "1", "True", "Lulus", "y"]
    no = ["T", "Tidak", "Tidak Aktif", "0", "False", "Tidak Lulus", "TIDAK AKTIF"]
    rows = [dict(psm, nik=f"35230101015{i:05d}", aktif=v) for i, v in enumerate(yes + no)]
    _, valid, rejects = run(base, PSM, rows)
    assert rejects.empty
    assert list(valid["aktif"]) == [True] * 7 + [False] * 7


@pytest.mark.parametrize(
    "written, day",
    [
        ("2022-06-07", dt.date(2022, 6, 7)),
        ("2022-06-07 00:00:00", dt.date(2022, 6, 7)),
        ("2022-06-07T10:30:00", dt.date(2022, 6, 7)),
        ("2022-6-7", dt.date(2022, 6, 7)),
        ("07/06/2022", dt.date(2022, 6, 7)),  # day first, always
        ("03/04/2022", dt.date(2022, 4, 3)),
        ("7/6/2022", dt.date(2022, 6, 7)),
        ("07-06-2022", dt.date(2022, 6, 7)),
        ("7-6-22", dt.date(2022, 6, 7)),
        ("7-6-26", dt.date(2026, 6, 7)),  # this year's two digits (2026) -> 20xx
        ("7-6-27", dt.date(1927, 6, 7)),  # later two digits -> 19xx
        ("31-12-99", dt.date(1999, 12, 31)),
        ("2022/06/07", dt.date(2022, 6, 7)),
        ("44718", dt.date(2022, 6, 6)),  # Excel serial number
        ("1", dt.date(1899, 12, 31)),  # lowest serial accepted (then refused as before 1900, see below)
        ("7 Juni 2022", dt.date(2022, 6, 7)),
        ("07 Agustus 2023", dt.date(2023, 8, 7)),
        ("7-Jun-22", dt.date(2022, 6, 7)),
        ("1 Agt 2023", dt.date(2023, 8, 1)),
        ("7 JUNI 2022", dt.date(2022, 6, 7)),
        ("5 mei 2021", dt.date(2021, 5, 5)),
        ("5 Okt 2021", dt.date(2021, 10, 5)),
        ("5 Des 2021", dt.date(2021, 12, 5)),
        ("5 Nop 2021", dt.date(2021, 11, 5)),
        ("5 Nov 2021", dt.date(2021, 11, 5)),
        ("5 Pebruari 2021", dt.date(2021, 2, 5)),
        ("Senin, 7 Juni 2021", dt.date(2021, 6, 7)),
    ],
)
def test_accepted_date_formats(base, written, day):
    rows = [dict(CASE, tanggal_lahir=written, tanggal_catat="2026-11-01")]
    _, valid, rejects = run(base, PMKS, rows)
    if day.year < 1900:
        assert reasons(rejects)[2] == ("tanggal_lahir", "kolom tanggal_lahir: tanggal lahir sebelum 1900")
    else:
        assert rejects.empty, rejects
        assert valid["tanggal_lahir"].iloc[0] == pd.Timestamp(day)


def test_bad_dates_say_why_and_which_formats_are_accepted(base):
    written = ["2022-02-30", "31/02/2022", "7 Juno 2022", "80001", "0", "kemarin", "2022-13-01"]
    _, rejects = _pmks(base, "tanggal_catat", written)
    assert [a for _, a in reasons(rejects).values()] == [
        "kolom tanggal_catat: bukan tanggal yang sah (tulis YYYY-MM-DD): '2022-02-30'",
        "kolom tanggal_catat: bukan tanggal yang sah (tulis YYYY-MM-DD): '31/02/2022'",
        f"kolom tanggal_catat: format tanggal tidak dikenal: '7 Juno 2022' ({FORMATS})",
        f"kolom tanggal_catat: format tanggal tidak dikenal: '80001' ({FORMATS})",
        f"kolom tanggal_catat: format tanggal tidak dikenal: '0' ({FORMATS})",
        f"kolom tanggal_catat: format tanggal tidak dikenal: 'kemarin' ({FORMATS})",
        "kolom tanggal_catat: bukan tanggal yang sah (tulis YYYY-MM-DD): '2022-13-01'",
    ]


def test_nik_damaged_by_excel_is_quarantined_with_its_reason(base):
    sci = (
        "kolom nik: NIK rusak oleh Excel (notasi ilmiah); digit yang hilang tidak dapat dipulihkan, "
        "ketik ulang NIK sebagai teks"
    )
    dot0 = (
        "kolom nik: NIK rusak oleh Excel (diketik sebagai angka, berakhiran '.0'); digit hilang tidak dapat "
        "dipulihkan, ketik ulang NIK sebagai teks"
    )
    short = (
        "kolom nik: NIK hanya 15 digit (digit hilang, misalnya karena diketik sebagai angka di Excel) dan tidak "
        "dapat dipulihkan, ketik ulang NIK sebagai teks"
    )
    written = [
        "3.52301E+15",
        "3,52301E+15",
        "3.52301e15",
        "3523011201900010.0",
        "352301120190001.0",
        "352301120190001",
        "NIK-3523",
        "35230112019000111",
    ]
    valid, rejects = _pmks(base, "nik", written)
    assert valid.empty
    assert [a for _, a in reasons(rejects).values()] == [sci, sci, sci, dot0, dot0, short] + [
        "kolom nik: NIK harus 16 digit angka"
    ] * 2
    assert not any("35230" in a for a in rejects["alasan"])  # no NIK (or part of one) in a message


def test_nik_with_spaces_or_dots_is_read_as_its_16_digits(base):
    valid, rejects = _pmks(base, "nik", ["3523 0112 0190 0011", "3523.0112.0190.0011", "3523011201900011"])
    assert rejects.empty
    assert set(valid["nik_hash"]) == {nik.hash_one(b"kunci-uji-bukan-rahasia", "3523011201900011")}


def test_desa_codes_with_or_without_dots(base):
    valid, rejects = _pmks(
        base, "kode_desa", ["3523012001", "35.23.01.2001", "35 23 01 2001", "35.23.01", "35.23.01.2009", "352301200"]
    )
    assert list(valid["kode_desa"]) == ["35.23.01.2001"] * 3
    assert {b: k for b, (k, _) in reasons(rejects).items()} == {5: "kode_desa", 6: "kode_desa", 7: "kode_desa"}
    assert reasons(rejects)[5][1] == "kolom kode_desa: kode desa tidak ada dalam daftar Kemendagri 2025: '35.23.01'"


def test_spaces_are_trimmed_and_formula_like_text_is_ordinary_text(base):
    rows = [
        dict(CASE, nama="  Siti Aminah  ", status=" Aktif ", kode_pmks=" 24 ", jenis_kelamin=" P"),
        dict(CASE, nama='=HYPERLINK("http://x")', sumber="+62 812"),
        dict(CASE, nama="@SUM(A1)", sumber="-Musdes"),
        dict(CASE, nama="   "),
    ]
    _, valid, rejects = run(base, PMKS, rows)
    assert list(valid["nama"]) == ["Siti Aminah", '=HYPERLINK("http://x")', "@SUM(A1)"]
    assert list(valid["sumber"]) == ["SIKS-NG", "+62 812", "-Musdes"]
    assert (valid["status"].iloc[0], valid["kode_pmks"].iloc[0], valid["jenis_kelamin"].iloc[0]) == ("aktif", "24", "P")
    assert reasons(rejects) == {5: ("nama", "kolom nama: wajib diisi")}
