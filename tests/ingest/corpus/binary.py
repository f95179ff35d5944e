"""Hostile files built from bytes: a zip bomb, OLE2 compound files (encrypted workbook, old .xls), garbage.

They are built here rather than kept as binaries so that anyone can read what each one is. The OLE2 writer
is the smallest valid version-3 compound file (one FAT sector, one directory sector, every stream at
least 4,096 bytes so no mini stream is needed): enough for `file`, olefile or a reader looking for the
stream names, which is how an encrypted OOXML workbook ('EncryptionInfo', 'EncryptedPackage') or a BIFF
workbook ('Workbook') is recognised."""

from __future__ import annotations

import io
import random
import struct
import zipfile

from tests.ingest.corpus.writers import FIXED_ZIP_TIME

OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_SECTOR = 512
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def zip_bomb(claimed_mb: int = 300) -> bytes:
    """An .xlsx-shaped zip whose sheet inflates to `claimed_mb` MB of zeros (about 0.3 MB on disk).

    The member is deflated in 1 MB chunks so the zeros never exist in memory or on disk whole."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        types = zipfile.ZipInfo("[Content_Types].xml", date_time=FIXED_ZIP_TIME)
        zf.writestr(types, b'<?xml version="1.0"?><Types/>', zipfile.ZIP_DEFLATED)
        book = zipfile.ZipInfo("xl/workbook.xml", date_time=FIXED_ZIP_TIME)
        zf.writestr(book, b'<?xml version="1.0"?><workbook/>', zipfile.ZIP_DEFLATED)
        sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=FIXED_ZIP_TIME)
        sheet.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(1024 * 1024)
        with zf.open(sheet, "w", force_zip64=True) as member:
            for _ in range(claimed_mb):
                member.write(chunk)
    return out.getvalue()


def _dir_entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, object type, colour black
        + struct.pack("<III", _NOSTREAM, right, child)  # left sibling, right sibling, child
        + bytes(16 + 4 + 8 + 8)  # CLSID, state bits, creation and modification times
        + struct.pack("<IQ", start, size)
    )


def ole2(streams: list[tuple[str, bytes]]) -> bytes:
    """A compound file holding `streams` (at most three, names in directory order: shorter names first)."""
    assert len(streams) <= 3
    data = [body.ljust(max(4096, -(-len(body) // _SECTOR) * _SECTOR), b"\0") for _, body in streams]
    fat = [_FATSECT, _END]  # sector 0 is the FAT, sector 1 the directory
    starts = []
    for body in data:
        starts.append(len(fat))
        n = len(body) // _SECTOR
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [_END]
    assert len(fat) <= _SECTOR // 4
    fat += [_FREE] * (_SECTOR // 4 - len(fat))
    header = (
        OLE2_SIGNATURE
        + bytes(16)  # CLSID
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)  # minor, major 3, byte order, sector shifts
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))  # DIFAT: the FAT is sector 0
    )
    entries = [_dir_entry("Root Entry", 5, 1 if streams else _NOSTREAM, _NOSTREAM, _END, 0)]
    for i, ((name, body), start) in enumerate(zip(streams, starts)):
        right = i + 2 if i + 1 < len(streams) else _NOSTREAM
        entries.append(_dir_entry(name, 2, _NOSTREAM, right, start, len(body)))
    entries += [_dir_entry("", 0, _NOSTREAM, _NOSTREAM, 0, 0)] * (4 - len(entries))
    return header + struct.pack(f"<{_SECTOR // 4}I", *fat) + b"".join(entries) + b"".join(data)


def encrypted_workbook() -> bytes:
    """What Excel writes for a workbook with a password to open: an OLE2 file with the encrypted package."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'  # agile encryption header
    package = struct.pack("<Q", 8192) + random.Random(7).randbytes(8192)
    return ole2([("EncryptionInfo", info), ("EncryptedPackage", package)])


def old_xls() -> bytes:
    """An Excel 97-2003 (.xls, BIFF8) container: an OLE2 file with a 'Workbook' stream starting with BOF."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0)
    return ole2([("Workbook", bof)])


def garbage() -> bytes:
    """Random bytes with NULs (not UTF-16: no byte-order mark), such as a photo saved under .csv."""
    body = bytearray(random.Random(11).randbytes(6000))
    body[0:4] = b"\x89\x00\x13\x00"
    return bytes(body)
