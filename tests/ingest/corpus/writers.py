"""Bytes of CSV and XLSX files as Excel and export tools write them, reproducible byte for byte.

openpyxl stamps the time of saving into docProps/core.xml and every zip entry; `xlsx_bytes` rewrites
both with a fixed instant so the generator's output is the same on every run."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def cols(text: str) -> list[str]:
    """Header cells written 'A|B|C' (one line per header keeps the builders readable)."""
    return text.split("|")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",") -> str:
    """CSV text with Excel's CRLF line ends; None becomes an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def utf16_text(text: str) -> bytes:
    """Excel's "Unicode Text": UTF-16 little-endian with its byte-order mark."""
    return b"\xff\xfe" + text.encode("utf-16-le")


def text_cell(ws: Worksheet, row: int, column: int, value: str) -> None:
    """Write `value` as a text cell even when it starts with '=' (openpyxl would store a formula)."""
    cell = ws.cell(row=row, column=column, value=value)
    cell.data_type = "s"


def xlsx_bytes(fill: Callable[[Worksheet], None], title: str = "Data") -> bytes:
    """A one-sheet workbook filled by `fill`, with fixed timestamps."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    fill(ws)
    raw = io.BytesIO()
    wb.save(raw)
    return _fix_times(raw.getvalue())


def _fix_times(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIME.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sheet_rows(ws: Worksheet, first_row: int, rows: Iterable[Sequence[object]]) -> int:
    """Write rows from `first_row` down (None leaves a cell empty); returns the next free row."""
    r = first_row
    for row in rows:
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
        r += 1
    return r
