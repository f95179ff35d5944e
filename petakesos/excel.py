"""Excel workbooks for download: one sheet per frame, a first sheet with the parameters, no NIK ever."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

FORBIDDEN_COLUMNS = frozenset({"nik", "nik_psm", "nik_hash"})
SHEET_NAME_MAX = 31  # Excel's limit


def workbook(sheets: Mapping[str, pd.DataFrame], parameters: Mapping[str, object] | None = None) -> bytes:
    """XLSX bytes: an optional 'Parameter' sheet (key/value), then one sheet per frame, columns sized."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        if parameters:
            frame = pd.DataFrame({"parameter": list(parameters), "nilai": [str(v) for v in parameters.values()]})
            _write(writer, "Parameter", frame)
        for name, frame in sheets.items():
            leaked = FORBIDDEN_COLUMNS & {str(c).lower() for c in frame.columns}
            if leaked:
                raise ValueError(f"Kolom pribadi tidak boleh diekspor: {sorted(leaked)}")
            _write(writer, name, frame)
    return buffer.getvalue()


def _write(writer: pd.ExcelWriter, name: str, frame: pd.DataFrame) -> None:
    sheet = name[:SHEET_NAME_MAX]
    frame.to_excel(writer, sheet_name=sheet, index=False)
    ws = writer.sheets[sheet]
    ws.freeze_panes(1, 0)
    for i, col in enumerate(frame.columns):
        width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)]) + 2
        ws.set_column(i, i, min(width, 60))


MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
