"""Read a CSV or XLSX export into a frame of text cells, keeping spreadsheet row numbers."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROW_COL = "_baris"


class UnreadableFile(ValueError):
    """The file cannot be read as a table; the message is for the user, in Bahasa Indonesia."""


@dataclass(frozen=True)
class RawTable:
    file_name: str
    frame: pd.DataFrame  # every cell text (or missing), normalised column names, plus ROW_COL


def normalize_column(name: object) -> str:
    """'Kode Desa ' -> 'kode_desa', so headers match however the export spelled them."""
    text = re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower())
    return text.strip("_")


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    from io import StringIO

    return pd.read_csv(StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)


def _read_xlsx(path: Path) -> pd.DataFrame:
    frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
    return frame.map(_cell_text)


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) or hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(path: Path) -> RawTable:
    """Read one export; raise UnreadableFile with a readable message when that is impossible."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(f"Berkas {path.name} tidak ditemukan ({path}).")
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            frame = _read_csv(path)
        elif suffix in (".xlsx", ".xlsm"):
            frame = _read_xlsx(path)
        else:
            raise UnreadableFile(
                f"Berkas {path.name}: jenis berkas '{suffix or '(tanpa akhiran)'}' tidak didukung; "
                "gunakan CSV atau XLSX."
            )
    except UnreadableFile:
        raise
    except Exception as exc:  # any parser failure becomes one clear message
        raise UnreadableFile(f"Berkas {path.name} tidak dapat dibaca sebagai tabel: {exc}") from exc
    frame.columns = [normalize_column(c) for c in frame.columns]
    frame = frame.loc[:, [c for c in frame.columns if c and not c.startswith("unnamed")]]
    frame = frame.apply(lambda s: s.astype(str).str.strip()).replace({"": None, "None": None})
    frame = frame.dropna(how="all")
    # Row numbers as a spreadsheet shows them: header is row 1, first data row is row 2.
    frame.insert(0, ROW_COL, frame.index.astype(int) + 2)
    return RawTable(file_name=path.name, frame=frame.reset_index(drop=True))
