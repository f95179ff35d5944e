"""Hostile and hopeless files are refused before parsing, each with a message naming the file and what to do."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from petakesos.ingest import guard
from petakesos.ingest.guard import UnreadableFile, check
from petakesos.ingest.readers import read_table

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xlsx(path):
    wb = openpyxl.Workbook()
    wb.active.append(["NIK", "Nama", "Kode Desa"])
    wb.active.append(["3523011201900011", "Ana", "35.23.01.2001"])
    wb.save(path)
    return path


def _ole2(path, *stream_names):
    """An OLE2 container as far as the guard looks: the magic number and directory names in UTF-16 LE."""
    body = b"".join(name.encode("utf-16-le") + b"\x00" * 8 for name in stream_names)
    path.write_bytes(OLE2 + b"\x00" * 504 + body + b"\x00" * 1024)
    return path


def test_ordinary_files_pass(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("nik,nama\n1,Ana\n", encoding="utf-8")
    assert check(csv_path) == "csv"
    assert check(_xlsx(tmp_path / "a.xlsx")) == "xlsx"
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes("nik\tnama\r\n1\tAna\r\n".encode("utf-16"))  # Excel "Unicode text": BOM, NUL bytes
    assert check(utf16) == "csv"
    no_bom = tmp_path / "utf16_tanpa_bom.csv"
    no_bom.write_bytes("nik,nama\n1,Ana\n".encode("utf-16-le"))
    assert check(no_bom) == "csv"


def test_missing_directory_and_empty_files(tmp_path):
    with pytest.raises(UnreadableFile, match=r"Berkas hilang\.csv tidak ditemukan"):
        check(tmp_path / "hilang.csv")
    with pytest.raises(UnreadableFile, match=r"bukan berkas biasa"):
        check(tmp_path)
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match=r"Berkas kosong\.xlsx kosong \(0 byte\): tidak berisi baris data"):
        check(empty)


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "besar.csv"
    path.write_text("nik,nama\n" + "1,Ana\n" * 300, encoding="utf-8")  # 1,809 bytes
    with pytest.raises(UnreadableFile, match=r"Berkas besar\.csv terlalu besar .*PETAKESOS_IMPOR_MAKS_MB"):
        check(path, max_bytes=1000)
    assert check(path, max_bytes=2000) == "csv"
    with pytest.raises(UnreadableFile, match="terlalu besar"):
        read_table(path, max_bytes=1000)
    monkeypatch.setenv("PETAKESOS_IMPOR_MAKS_MB", "5")
    assert guard.max_bytes_from_env() == 5 * 1024 * 1024
    monkeypatch.delenv("PETAKESOS_IMPOR_MAKS_MB")
    assert guard.max_bytes_from_env() == 200 * 1024 * 1024


def test_unknown_suffix_and_old_xls(tmp_path):
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(UnreadableFile, match=r"laporan\.pdf: jenis berkas '\.pdf' tidak didukung"):
        check(pdf)
    xls = _ole2(tmp_path / "lama.xls", "Workbook")
    with pytest.raises(
        UnreadableFile, match=r"lama\.xls: format \.xls lama tidak didukung; simpan ulang sebagai \.xlsx"
    ):
        check(xls)


def test_xlsx_names_that_hide_something_else(tmp_path):
    text = tmp_path / "teks.xlsx"
    text.write_text("nik,nama\n1,Ana\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match=r"teks\.xlsx bukan berkas Excel \.xlsx.*ganti\s+akhiran"):
        check(text)
    old = _ole2(tmp_path / "xls_menyamar.xlsx", "Workbook", "SummaryInformation")
    with pytest.raises(UnreadableFile, match=r"xls_menyamar\.xlsx berformat \.xls lama"):
        check(old)
    docx = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnreadableFile, match=r"surat\.xlsx bukan buku kerja Excel"):
        check(docx)
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x01" * 200)
    with pytest.raises(UnreadableFile, match=r"rusak\.xlsx rusak"):
        check(broken)


def test_password_protected_workbook(tmp_path):
    locked = _ole2(tmp_path / "terkunci.xlsx", "EncryptionInfo", "EncryptedPackage")
    with pytest.raises(UnreadableFile, match=r"terkunci\.xlsx dilindungi kata sandi; buka di Excel, hapus kata sandi"):
        check(locked)


def _bomb(path, megabytes):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (megabytes * 1024 * 1024))
    return path


def test_zip_bomb_is_refused_from_its_directory(tmp_path, monkeypatch):
    bomb = _bomb(tmp_path / "bom.xlsx", 2)  # 2 MB of zeros packed into a few kB
    with pytest.raises(UnreadableFile, match=r"bom\.xlsx ditolak: .*bom zip"):
        check(bomb, max_bytes=100 * 1024)  # over 20 x the limit
    monkeypatch.setattr(guard, "BOMB_FLOOR", 1024 * 1024)
    with pytest.raises(UnreadableFile, match="bom zip"):
        check(bomb)  # within 20 x 200 MB, but it packs 2 MB into a few kB: ratio far over 100

    def no_parsing(*args, **kwargs):
        raise AssertionError("the workbook must not be opened")

    monkeypatch.setattr(openpyxl, "load_workbook", no_parsing)
    with pytest.raises(UnreadableFile, match="bom zip"):
        read_table(bomb)


@pytest.mark.parametrize(
    "content, hint",
    [
        (b"\x00\x01\x02garbage\x00\xff" * 50, "data biner"),
        (b"PK\x03\x04" + b"\x00" * 100, r"ganti akhiran namanya menjadi \.xlsx"),
        (OLE2 + b"\x00" * 100, r"\.xls lama"),
    ],
)
def test_binary_content_in_a_csv(tmp_path, content, hint):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=rf"Berkas data\.csv bukan berkas CSV: .*{hint}"):
        check(path)
