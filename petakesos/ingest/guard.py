"""Refuse hostile or hopeless import files before any parser touches them.

An officer may hand the importer anything: a missing path, an empty file, a 2 GB dump, a Word file
renamed .xlsx, a zip bomb, a workbook with a password, an old .xls, binary garbage called .csv. Each
is turned into one `UnreadableFile` whose message (Bahasa Indonesia) names the file and says what to
do, within milliseconds: only the first bytes and the zip directory are read, nothing is
decompressed. `check` returns the format the readers should use ("csv" or "xlsx").
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

MB = 1024 * 1024
MAX_MB_ENV = "PETAKESOS_IMPOR_MAKS_MB"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and the wrapper of password-protected .xlsx
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTED_STREAMS = tuple(name.encode("utf-16-le") for name in ("EncryptedPackage", "EncryptionInfo"))
BOMS = (  # longest first: the UTF-32 LE BOM starts like the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
BOMB_FACTOR = 20  # uncompressed total may be at most this many times the size limit
BOMB_RATIO = 100  # ... and compress at most this well once it is past BOMB_FLOOR
BOMB_FLOOR = 50 * MB
HEAD = 8192


class UnreadableFile(ValueError):
    """The file cannot be read as a table; the message is for the user, in Bahasa Indonesia."""


def max_bytes_from_env() -> int:
    """Size limit for one import file: PETAKESOS_IMPOR_MAKS_MB megabytes, 200 when unset or not a number."""
    try:
        megabytes = float(os.environ.get(MAX_MB_ENV, "200"))
    except ValueError:
        megabytes = 200.0
    return int(megabytes * MB) if megabytes > 0 else 200 * MB


DEFAULT_MAX_BYTES = max_bytes_from_env()


def text_encoding(head: bytes) -> str | None:
    """Python codec for a text file's first bytes when they show it (BOM, or UTF-16 without BOM), else None.

    None means "UTF-8 or a one-byte code page": the readers decide between UTF-8 and cp1252.
    """
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec
    sample = head[: len(head) // 2 * 2]
    if len(sample) >= 8:
        even_nul = sample[0::2].count(0) / (len(sample) / 2)
        odd_nul = sample[1::2].count(0) / (len(sample) / 2)
        if odd_nul > 0.9 and even_nul < 0.1:
            return "utf-16-le"  # ASCII text saved as UTF-16 LE without BOM: every second byte is NUL
        if even_nul > 0.9 and odd_nul < 0.1:
            return "utf-16-be"
    return None


def _mb(n: int) -> str:
    return f"{n / MB:,.1f} MB".replace(",", ".")


def check(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """'csv' or 'xlsx' for a file worth parsing; UnreadableFile with a clear message otherwise."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise UnreadableFile(f"Berkas {name} tidak ditemukan ({path}). Periksa nama dan foldernya.")
    if not path.is_file():
        raise UnreadableFile(f"Berkas {name} bukan berkas biasa ({path}); pilih berkas CSV atau XLSX.")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile(f"Berkas {name} kosong (0 byte): tidak berisi baris data. Ekspor ulang datanya.")
    if size > max_bytes:
        raise UnreadableFile(
            f"Berkas {name} terlalu besar ({_mb(size)}; batas {_mb(max_bytes)}). Pecah berkasnya per "
            f"kecamatan atau per tahun, atau naikkan batas dengan variabel {MAX_MB_ENV}."
        )
    with path.open("rb") as f:
        head = f.read(HEAD)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnreadableFile(
            f"Berkas {name}: format .xls lama tidak didukung; simpan ulang sebagai .xlsx atau CSV di Excel."
        )
    if suffix in XLSX_SUFFIXES:
        _check_xlsx(path, head, max_bytes)
        return "xlsx"
    if suffix in TEXT_SUFFIXES:
        _check_text(name, head)
        return "csv"
    raise UnreadableFile(
        f"Berkas {name}: jenis berkas '{suffix or '(tanpa akhiran)'}' tidak didukung; "
        "simpan sebagai CSV (.csv) atau Excel (.xlsx)."
    )


def _check_text(name: str, head: bytes) -> None:
    if b"\x00" not in head or text_encoding(head) in ("utf-16", "utf-16-le", "utf-16-be"):
        return
    if head.startswith(ZIP_MAGIC):
        hint = "isinya tampaknya berkas Excel .xlsx (ZIP); ganti akhiran namanya menjadi .xlsx"
    elif head.startswith(OLE2_MAGIC):
        hint = "isinya tampaknya berkas Excel .xls lama; simpan ulang sebagai .xlsx atau CSV di Excel"
    else:
        hint = "isinya data biner, bukan teks; ekspor ulang sebagai CSV"
    raise UnreadableFile(f"Berkas {name} bukan berkas CSV: {hint}.")


def _is_encrypted_ole2(path: Path) -> bool:
    """Whether an OLE2 container holds the streams of an encrypted OOXML package (names stored as UTF-16 LE)."""
    overlap = max(len(s) for s in ENCRYPTED_STREAMS)
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(4 * MB):
            block = tail + chunk
            if any(s in block for s in ENCRYPTED_STREAMS):
                return True
            tail = block[-overlap:]
    return False


def _check_xlsx(path: Path, head: bytes, max_bytes: int) -> None:
    name = path.name
    if head.startswith(OLE2_MAGIC):
        if _is_encrypted_ole2(path):
            raise UnreadableFile(
                f"Berkas {name} dilindungi kata sandi; buka di Excel, hapus kata sandi "
                "(File > Info > Lindungi Buku Kerja), simpan ulang, lalu impor lagi."
            )
        raise UnreadableFile(
            f"Berkas {name} berformat .xls lama meski berakhiran {path.suffix}: format .xls lama tidak "
            "didukung; simpan ulang sebagai .xlsx atau CSV di Excel."
        )
    if not head.startswith(ZIP_MAGIC):
        raise UnreadableFile(
            f"Berkas {name} bukan berkas Excel .xlsx (isinya bukan lembar kerja). Jika ini CSV, ganti "
            "akhiran namanya menjadi .csv; jika bukan, ekspor ulang dari Excel sebagai .xlsx."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()  # the central directory only: nothing is decompressed
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(
            f"Berkas {name} rusak dan tidak dapat dibuka sebagai .xlsx ({exc}). Buka di Excel dan simpan ulang."
        ) from exc
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise UnreadableFile(
            f"Berkas {name} bukan buku kerja Excel (.xlsx), walau berupa ZIP. Ekspor ulang dari Excel "
            "sebagai .xlsx atau CSV."
        )
    unpacked = sum(e.file_size for e in entries)
    packed = max(1, sum(e.compress_size for e in entries))
    if unpacked > BOMB_FACTOR * max_bytes or (unpacked > BOMB_FLOOR and unpacked / packed > BOMB_RATIO):
        raise UnreadableFile(
            f"Berkas {name} ditolak: isinya mengembang menjadi {_mb(unpacked)} dari {_mb(packed)} "
            "(ciri 'bom zip'). Jika datanya sah, ekspor ulang sebagai CSV atau pecah berkasnya."
        )
