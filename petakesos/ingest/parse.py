"""Vectorised parsing of the text cells of an export into typed columns (failures become missing)."""

from __future__ import annotations

import pandas as pd

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")


def dates(raw: pd.Series) -> pd.Series:
    """Parse dates in any of the accepted formats; anything else becomes NaT."""
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[s]")
    for fmt in _DATE_FORMATS:
        todo = out.isna() & raw.notna()
        if not todo.any():
            break
        out[todo] = pd.to_datetime(raw[todo], format=fmt, errors="coerce")
    return out


def integers(raw: pd.Series) -> pd.Series:
    """Parse whole numbers ('1.234' thousands separators are not guessed); others become <NA>."""
    cleaned = raw.str.replace(r"\s", "", regex=True)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    whole = numbers.notna() & (numbers % 1 == 0)
    return numbers.where(whole).astype("Int64")


def desa_codes(raw: pd.Series) -> pd.Series:
    """'3523012001' or '35.23.01.2001' -> '35.23.01.2001'; anything else is kept for the error message."""
    digits = raw.str.replace(r"[.\s]", "", regex=True)
    ok = digits.str.fullmatch(r"\d{10}").fillna(False).astype(bool)
    dotted = digits.str[0:2] + "." + digits.str[2:4] + "." + digits.str[4:6] + "." + digits.str[6:10]
    return dotted.where(ok, raw)


def sex(raw: pd.Series) -> pd.Series:
    """'L', 'Laki-laki', 'P', 'Perempuan' -> 'L' / 'P'; anything else stays as written."""
    first = raw.str.strip().str.upper().str[0]
    return first.where(first.isin(["L", "P"]), raw)


def yes_no(raw: pd.Series) -> pd.Series:
    """'Y', 'Ya', 'T', 'Tidak', '1', '0' -> True / False; anything else <NA>."""
    norm = raw.str.strip().str.lower()
    mapping = {"y": True, "ya": True, "1": True, "true": True, "t": False, "tidak": False, "0": False, "false": False}
    return norm.map(mapping).astype("boolean")


def category_codes(raw: pd.Series) -> pd.Series:
    """'9' -> '09', so a code written as a number in Excel still matches the code table."""
    stripped = raw.str.strip()
    return stripped.where(~stripped.str.fullmatch(r"\d").fillna(False).astype(bool), "0" + stripped)
