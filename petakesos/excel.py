"""Excel workbooks for download: one sheet per frame, a first sheet with the parameters, no NIK ever."""

from __future__ import annotations

import io
import numbers
import re
from collections.abc import Mapping

import pandas as pd

FORBIDDEN_COLUMNS = frozenset({"nik", "nik_psm", "nik_hash"})
SHEET_NAME_MAX = 31  # Excel's limit
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # Excel refuses these characters in a sheet name


def sheet_name(name: str, taken: set[str] | None = None) -> str:
    """A name Excel accepts: forbidden characters become '-', at most 31 characters, unique in `taken`."""
    base = _SHEET_NAME_FORBIDDEN.sub("-", str(name)).strip("'") or "Lembar"
    candidate = base[:SHEET_NAME_MAX]
    n = 2
    while taken is not None and candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return candidate


def workbook(sheets: Mapping[str, pd.DataFrame], parameters: Mapping[str, object] | None = None) -> bytes:
    """XLSX bytes: an optional 'Parameter' sheet (key/value), then one sheet per frame, columns sized."""
    buffer = io.BytesIO()
    taken: set[str] = set()
    # Text is written as text: a cell such as '=HYPERLINK(...)' or '+62…' from an import never becomes a
    # formula or a link in the user's Excel.
    inert = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs=inert) as writer:
        if parameters:
            frame = pd.DataFrame({"parameter": list(parameters), "nilai": [str(v) for v in parameters.values()]})
            _write(writer, "Parameter", frame, taken)
        for name, frame in sheets.items():
            leaked = FORBIDDEN_COLUMNS & {str(c).lower() for c in frame.columns}
            if leaked:
                raise ValueError(f"Kolom pribadi tidak boleh diekspor: {sorted(leaked)}")
            _write(writer, name, frame, taken)
    return buffer.getvalue()


def _write(writer: pd.ExcelWriter, name: str, frame: pd.DataFrame, taken: set[str]) -> None:
    sheet = sheet_name(name, taken)
    taken.add(sheet)
    frame.to_excel(writer, sheet_name=sheet, index=False)
    ws = writer.sheets[sheet]
    ws.freeze_panes(1, 0)
    for i, col in enumerate(frame.columns):
        width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)]) + 2
        ws.set_column(i, i, min(width, 60), writer.book.add_format({"num_format": number_format(frame[col])}))


def number_format(values: pd.Series) -> str:
    """Excel's number format for a column: thousands separated, no decimals for whole numbers.
    Excel shows it with the reader's own separators (1.234,5 in an Indonesian Excel)."""
    real = values[values.map(lambda v: isinstance(v, numbers.Real) and not isinstance(v, bool))]
    found = pd.to_numeric(real, errors="coerce").dropna()
    if found.empty or (found == found.round()).all():
        return "#,##0"
    return "#,##0.0" if (found * 10 == (found * 10).round()).all() else "#,##0.00"


MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
