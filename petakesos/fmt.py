"""Number and date formatting in Indonesian style (1.234,5), and small-count suppression."""

from __future__ import annotations

import datetime as dt

import pandas as pd

_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember")
MISSING = "–"


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def number(value) -> str:
    """1234567 -> '1.234.567'."""
    return MISSING if _missing(value) else f"{int(round(float(value))):,}".replace(",", ".")


def decimal(value, digits: int = 1) -> str:
    """1234.56 -> '1.234,6'."""
    if _missing(value):
        return MISSING
    text = f"{float(value):,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def percent(value, digits: int = 1) -> str:
    return MISSING if _missing(value) else f"{decimal(value, digits)}%"


def date(value) -> str:
    """2025-06-26 -> '26 Juni 2025'."""
    if _missing(value):
        return MISSING
    d = pd.Timestamp(value).date() if not isinstance(value, dt.date) else value
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def small_count(value, suppress: bool) -> str:
    """A count for display: 1–4 become '<5' when suppression is on, so a small village cannot be singled out."""
    if _missing(value):
        return MISSING
    if suppress and 1 <= int(value) <= 4:
        return "<5"
    return number(value)
