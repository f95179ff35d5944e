"""Read a CSV or XLSX export as it comes into a RawTable: canonical columns of trimmed text plus row numbers.

Real Dinsos exports have title rows above the header, merged two-row headers, their own column
spellings, total rows, cp1252 or UTF-16 text and `;` or tab delimiters. This module finds the header
(columns.find_header), names the columns (columns.name_columns, data/impor/kolom.csv), keeps the row
numbers a person sees in Excel in `_baris`, and drops blank rows silently and total rows with a
reason. guard.check runs first, so hostile files never reach a parser.

CSVs are read by DuckDB (queries/ingest/read_csv.sql: all text, explicit dialect, skipped to the
first data row); non-UTF-8 text is transcoded to a temporary UTF-8 file first, in chunks. XLSX is
streamed by openpyxl (read_only, data_only: formulas give their cached value, text cells such as
'=SUM(A1)' stay text). Benchmark by hand, e.g. for a 1,000,000-row CSV:

    import time; from pathlib import Path; from petakesos.ingest.readers import read_table
    t = time.perf_counter(); r = read_table(Path("kasus.csv")); print(r.table.num_rows, time.perf_counter() - t)
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.compute as pc

from petakesos import sql
from petakesos.ingest import columns
from petakesos.ingest.columns import normalize_column
from petakesos.ingest.guard import DEFAULT_MAX_BYTES, UnreadableFile, check, text_encoding

ROW_COL = "_baris"
DELIMITERS = (",", ";", "\t")
HEAD_BYTES = 256 * 1024  # enough for the title rows and the header of any export
CHUNK = 8 * 1024 * 1024
TOTAL_PATTERN = r"^(grand\s*total|sub\s*total|jumlah|total)\b"  # 'JUMLAH', 'Jumlah PMKS', 'Grand Total', ...
TOTAL_REASON = "baris jumlah/total, dilewati"
PERSON_COLUMNS = ("nik", "nik_psm", "nama")  # a total row names nobody (beyond its own label)
__all__ = ["ROW_COL", "RawTable", "UnreadableFile", "normalize_column", "read_table"]


@dataclass(frozen=True)
class RawTable:
    file_name: str
    table: pa.Table  # one pa.string() column per header column (canonical names) plus ROW_COL (int64)
    header_row: int  # spreadsheet row number of the (first) header row, 1-based
    headers: dict[str, str]  # column name in `table` -> header as written in the file
    dropped: tuple[tuple[int, str], ...]  # (row number, reason) of total/summary rows left out


@dataclass(frozen=True)
class _Grid:
    """Cells as read, before naming: positional text columns and the row number of each."""

    header_row: int
    header: list[str | None]
    cells: list[pa.ChunkedArray | pa.Array]
    rows: pa.Array


def read_table(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawTable:
    """Read one export; raise UnreadableFile with a message naming the file when that is impossible."""
    path = Path(path)
    fmt = check(path, max_bytes)
    try:
        grid = _read_csv(path) if fmt == "csv" else _read_xlsx(path)
        return _finish(path.name, grid)
    except UnreadableFile:
        raise
    except Exception as exc:  # any parser failure becomes one clear message, never a traceback
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableFile(f"Berkas {path.name} tidak dapat dibaca sebagai tabel: {reason}") from exc


def _no_rows(file_name: str) -> UnreadableFile:
    return UnreadableFile(
        f"Berkas {file_name} tidak berisi baris data (hanya judul, baris kosong atau baris jumlah). "
        "Periksa bahwa berkasnya benar, lalu ekspor ulang."
    )


def _finish(file_name: str, grid: _Grid) -> RawTable:
    """Name the columns, drop blank and total rows, and attach row numbers."""
    names = columns.name_columns(file_name, grid.header)
    cells = grid.cells
    keep = [
        j
        for j, name in enumerate(names)
        if name is not None and not (grid.header[j] is None and cells[j].null_count == len(cells[j]))
    ]
    if not keep or len(grid.rows) == 0:
        raise _no_rows(file_name)
    table = pa.table({ROW_COL: grid.rows, **{names[j]: cells[j] for j in keep}})
    total = _total_rows(cells, {names[j]: cells[j] for j in keep})
    blank = None
    if all(cells[j].null_count for j in keep):  # a column without nulls means no blank rows: skip the work
        blank = pc.is_null(cells[keep[0]])
        for j in keep[1:]:
            blank = pc.and_(blank, pc.is_null(cells[j]))
        blank = blank.to_numpy(zero_copy_only=False)
    drop = total if blank is None else total | blank
    dropped = tuple((int(r), TOTAL_REASON) for r in grid.rows.to_numpy()[total])
    if drop.any():
        table = table.filter(pa.array(~drop))
    if table.num_rows == 0:
        raise _no_rows(file_name)
    headers = {names[j]: grid.header[j] or "" for j in keep}
    return RawTable(file_name, table, grid.header_row, headers, dropped)


def _total_rows(cells: list, named: dict) -> np.ndarray:
    """Mask of total rows: the first non-empty cell (running-number column included) reads JUMLAH/TOTAL/...
    and the row names no person (no NIK or name other than that label). Column by column, only over the
    rows still empty so far, so a table whose first column is filled costs one regex pass."""
    n = len(cells[0])
    total = np.zeros(n, dtype=bool)
    pending = np.arange(n)
    for col in cells:
        values = col if len(pending) == n else col.take(pending)
        hit = pc.fill_null(pc.match_substring_regex(values, TOTAL_PATTERN, ignore_case=True), False)
        total[pending[hit.to_numpy(zero_copy_only=False)]] = True
        pending = pending[pc.is_null(values).to_numpy(zero_copy_only=False)]
        if len(pending) == 0:
            break
    for at in np.flatnonzero(total):  # few rows: check them one by one
        row = {name: col[int(at)].as_py() for name, col in named.items()}
        label = next(c[int(at)].as_py() for c in cells if c[int(at)].is_valid)
        if any(row.get(c) not in (None, label) for c in PERSON_COLUMNS):
            total[at] = False
    return total


# ---- CSV --------------------------------------------------------------------------------------------


def _is_utf8(data: bytes, final: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
    except UnicodeDecodeError:
        return False
    return True


def _file_is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _transcode(source: Path, codec: str, target: Path, cr_to_lf: bool = False) -> Path:
    """Write `source` decoded with `codec` to `target` as UTF-8, chunk by chunk (memory stays flat);
    `cr_to_lf` for old Mac files whose lines end in CR alone."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    with source.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        first = True
        while chunk := src.read(CHUNK):
            text = decoder.decode(chunk)
            text = text.replace("\r", "\n") if cr_to_lf else text
            dst.write(text.lstrip("\ufeff") if first else text)
            first = False
        dst.write(decoder.decode(b"", final=True))
    return target


def _head_records(text: str, delimiter: str) -> tuple[list[list[str | None]], list[int]]:
    """The first rows of the text split on one delimiter, and the physical line each row ends on."""
    records, ends = [], []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for rec in reader:
            records.append([c.strip() or None for c in rec])
            ends.append(reader.line_num)
            if len(records) > columns.HEADER_SCAN:
                break
    except csv.Error:
        pass
    return records, ends


def _read_csv(path: Path) -> _Grid:
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
    whole = len(head) < HEAD_BYTES
    codec = text_encoding(head) or ("utf-8" if _is_utf8(head, final=whole) else "cp1252")
    old_mac = b"\r" in head and b"\n" not in head  # "CSV (Macintosh)": lines end in CR alone
    with tempfile.TemporaryDirectory(prefix="petakesos-impor-") as tmp:
        source = path
        if codec not in ("utf-8", "utf-8-sig") or old_mac:
            source = _transcode(path, codec, Path(tmp) / "utf8.csv", cr_to_lf=old_mac)
            with source.open("rb") as f:
                head = f.read(HEAD_BYTES)
            whole = len(head) < HEAD_BYTES
        text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
        if not whole:
            text = text[: text.rfind("\n") + 1]  # only whole lines
        delimiter, records, ends, (h, depth) = _sniff(path.name, text)
        header = columns.merge_header(records[h : h + depth])
        skip = ends[h + depth - 1]  # physical lines up to the end of the header
        params = {"delim": delimiter, "skip": skip, "columns": {f"c{j}": "VARCHAR" for j in range(len(header))}}
        parallel = True
        while True:
            try:
                table = _duckdb_read(source, dict(params, parallel=parallel))
                break
            except duckdb.Error as exc:
                if source is path and not _file_is_utf8(path):  # UTF-8 at the top, cp1252 further down
                    source = _transcode(path, "cp1252", Path(tmp) / "utf8.csv")
                elif parallel and "parallel" in str(exc):  # DuckDB 2's parallel reader: quoted line breaks
                    parallel = False
                else:
                    raise _csv_error(path.name, exc) from exc
        rows = _data_row_numbers(source, skip, table.num_rows)
    header_row = (ends[h - 1] if h else 0) + 1
    return _Grid(header_row, header, table.columns, rows)


def _csv_error(file_name: str, exc: Exception) -> UnreadableFile:
    """DuckDB's CSV error as one Indonesian sentence with the line number."""
    text = str(exc)
    line = re.search(r"Line: (\d+)", text)
    where = f" pada baris {line.group(1)}" if line else ""
    counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if counts:
        why = f"ada {counts.group(2)} kolom, padahal judulnya {counts.group(1)} kolom"
    elif "unterminated quote" in text:
        why = 'tanda kutip (") dibuka tetapi tidak ditutup'
    elif "line size" in text.lower():
        why = "barisnya terlalu panjang"
    else:
        why = text.strip().splitlines()[0]
    return UnreadableFile(
        f"Berkas {file_name} tidak dapat dibaca sebagai CSV{where}: {why}. Perbaiki baris itu atau ekspor ulang."
    )


def _sniff(file_name: str, text: str):
    """Delimiter, first rows, their line ends and (header index, header depth): the split that finds the best header."""
    best = None
    for delimiter in DELIMITERS:
        records, ends = _head_records(text, delimiter)
        found = columns.find_header(records)
        if found is None:
            continue
        cells = columns.merge_header(records[found[0] : found[0] + found[1]])
        rank = (columns.header_score(cells), sum(c is not None for c in cells))
        if best is None or rank > best[0]:
            best = (rank, delimiter, records, ends, found)
    if best is None:
        raise _no_rows(file_name)
    return best[1:]


def _duckdb_read(source: Path, params: dict) -> pa.Table:
    con = duckdb.connect()
    try:
        sql.execute(con, "ingest/read_csv", path=str(source), **params)
        with warnings.catch_warnings():  # DuckDB 1.5 warns that Arrow output of a DB-API result is a copy
            warnings.filterwarnings("ignore", message="Arrow output", category=UserWarning)
            return con.to_arrow_table()
    finally:
        con.close()


def _data_row_numbers(source: Path, skip: int, n: int) -> pa.Array:
    """Line number of each data row DuckDB returned: the lines after `skip`, less the empty lines it skips.

    One newline count usually settles it (as many lines as rows); otherwise the empty lines are located.
    Assumes no line breaks inside quoted cells, else rows after such a cell are numbered by line."""
    start = skip + 1
    lines, last = 0, b"\n"
    with source.open("rb") as f:
        while chunk := f.read(CHUNK):
            lines, last = lines + chunk.count(b"\n"), chunk[-1:]
    if lines + (last != b"\n") - skip == n:
        return pa.array(np.arange(start, start + n, dtype=np.int64))
    empty: list[np.ndarray] = []
    seen, prev = 0, b""  # newlines in the chunks before this one; the last two bytes of the previous chunk
    with source.open("rb") as f:
        while chunk := f.read(CHUNK):
            data = np.frombuffer(prev + chunk, dtype=np.uint8)
            nl = np.flatnonzero(data == 10)
            after = data[np.minimum(nl[:-1] + 1, len(data) - 1)]
            gap = np.diff(nl)
            k = np.flatnonzero((gap == 1) | ((gap == 2) & (after == 13)))
            # the line that starts after newline k of the buffer is line (newlines before the buffer) + k + 2
            empty.append(seen - prev.count(b"\n") + k + 2)
            seen += chunk.count(b"\n")
            prev = chunk[-2:]
    gaps = np.unique(np.concatenate(empty)) if empty else np.empty(0, dtype=np.int64)
    gaps = gaps[gaps >= start]
    candidates = np.arange(start, start + n + len(gaps), dtype=np.int64)
    return pa.array(candidates[~np.isin(candidates, gaps)][:n], type=pa.int64())


# ---- XLSX -------------------------------------------------------------------------------------------


def _general(value: float) -> str:
    """A large number as Excel's General format shows it: 3523011201900011 -> '3.52301E+15'."""
    mantissa, exponent = f"{value:.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):02d}"


def _cell_text(value: object) -> str | None:
    """One XLSX cell as the text a person sees: dates ISO, whole numbers as digits, 16+ digit numbers as 3.5E+15."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else _general(float(value))
    if isinstance(value, float):
        if abs(value) >= 1e15:
            return _general(value)
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    return str(value).strip() or None


def _sheet_rows(sheet):
    sheet.reset_dimensions()  # some exporters write a wrong <dimension>; read every row that exists
    return sheet.iter_rows(min_row=1, values_only=True)


def _head(sheet) -> list[list[str | None]]:
    head = []
    for values in _sheet_rows(sheet):
        head.append([_cell_text(v) for v in values])
        if len(head) > columns.HEADER_SCAN:
            break
    return head


def _read_xlsx(path: Path) -> _Grid:
    with warnings.catch_warnings():  # "no default style", unknown extensions: noise for the user, not errors
        warnings.simplefilter("ignore", UserWarning)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = [(ws, _head(ws)) for ws in book.worksheets]
        if not sheets:
            raise _no_rows(path.name)
        good = [(ws, head) for ws, head in sheets if max(map(columns.header_score, head), default=0) >= 3]
        sheet, head = (good or sheets)[0]
        found = columns.find_header(head)
        if found is None:
            raise _no_rows(path.name)
        h, depth = found
        header = columns.merge_header(head[h : h + depth])
        while header and header[-1] is None:
            header.pop()
        width = len(header)
        cells: list[list[str | None]] = [[] for _ in range(width)]
        rows: list[int] = []
        first_data = h + depth + 1
        for number, values in enumerate(_sheet_rows(sheet), start=1):
            if number < first_data:
                continue
            rows.append(number)
            for j in range(width):
                cells[j].append(_cell_text(values[j]) if j < len(values) else None)
    finally:
        book.close()
    arrays = [pa.array(c, type=pa.string()) for c in cells]
    return _Grid(h + 1, header, arrays, pa.array(rows, type=pa.int64()))
