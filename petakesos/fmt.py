"""Number and date formatting in Indonesian style (1.234,5), and small-count suppression."""

from __future__ import annotations

import datetime as dt
import numbers
import re

import pandas as pd

_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
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


def cell(value, digits: int | None = 1) -> str:
    """One table cell for display: text as is, numbers in Indonesian format with `digits` decimals
    (None: a whole number without decimals, another with one)."""
    if _missing(value):
        return MISSING
    if not _is_number(value):
        return str(value)
    if digits is None:
        return number(value) if float(value).is_integer() else decimal(value, 1)
    return number(value) if digits == 0 else decimal(value, digits)


def styled(frame: pd.DataFrame, digits: dict[str, int] | None = None, default_digits: int = 1):
    """A Styler showing every number of `frame` in Indonesian format (1.234,5) while the cells keep
    their numbers, so st.dataframe still sorts by value. A column whose numbers are all whole shows no
    decimals; `digits` sets the decimals of a column, otherwise `default_digits`. Text ('<5') stays."""
    digits = digits or {}
    formats = {}
    for col in frame.columns:
        found = frame[col][frame[col].map(_is_number)]
        if found.empty:
            continue
        whole = bool((found.astype(float).dropna() % 1 == 0).all())
        n = digits.get(col, 0 if whole else default_digits)
        formats[col] = lambda v, n=n: cell(v, n)
    return frame.style.format(formats, na_rep=MISSING).hide(axis="index")


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not pd.isna(value)


def small_count(value, suppress: bool) -> str:
    """A count for display: 1–4 become '<5' when suppression is on, so a small village cannot be singled out."""
    if _missing(value):
        return MISSING
    if suppress and 1 <= int(value) <= 4:
        return "<5"
    return number(value)


def _small(counts) -> pd.Series:
    return pd.to_numeric(pd.Series(counts), errors="coerce").fillna(0).between(1, 4)


def masked_total(counts, suppress: bool) -> str:
    """The sum of per-desa `counts` for display. With `suppress`, a sum that includes desa shown as "<5"
    is the range it can take ('217–220'): the exact sum minus the desa shown elsewhere would give the
    hidden ones back."""
    values = pd.to_numeric(pd.Series(counts), errors="coerce").fillna(0)
    hidden = _small(values) if suppress else pd.Series(False, index=values.index)
    shown, n = values[~hidden].sum(), int(hidden.sum())
    return number(shown) if n == 0 else f"{number(shown + n)}–{number(shown + 4 * n)}"


def masked_rate(counts, population, suppress: bool, per: float = 1000.0, digits: int = 1) -> str:
    """Cases per `per` residents over the desa with a population figure, for display; with `suppress`
    and desa of 1–4 cases among them, the range the rate can take (rate × population is the total)."""
    values = pd.to_numeric(pd.Series(counts), errors="coerce").fillna(0).reset_index(drop=True)
    pop = pd.to_numeric(pd.Series(population), errors="coerce").reset_index(drop=True)
    counted = pop > 0
    total = pop[counted].sum()
    if total <= 0:
        return MISSING
    hidden = (_small(values) & counted) if suppress else pd.Series(False, index=values.index)
    shown, n = values[counted & ~hidden].sum(), int(hidden.sum())
    low, high = per * (shown + n) / total, per * (shown + 4 * n) / total
    return decimal(low, digits) if n == 0 else f"{decimal(low, digits)}–{decimal(high, digits)}"


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~:$&]")


def plain(text: object) -> str:
    """Text from a URL, file or database made inert for st.markdown-like calls (no links, no formatting)."""
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), str(text)).replace("\n", " ")


def literal(text: object) -> str:
    """Untrusted text shown verbatim as an inline code span: never a link, not even a bare URL."""
    return "`" + str(text).replace("`", "'").replace("\n", " ") + "`"


def chart_text(text: object) -> str:
    """Untrusted text made inert for Plotly, which reads <a href>, <b> and entities in any label."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TRACE_TEXT = ("name", "text", "hovertext", "x", "y", "customdata", "labels", "legendgroup")


def inert_figure(fig):
    """The figure with every string its traces carry (names, categories, hover text) made inert;
    developer-written templates and titles keep their markup."""
    import numpy as np

    inert = np.vectorize(lambda v: chart_text(v) if isinstance(v, str) else v, otypes=[object])
    for trace in fig.data:
        for attr in _TRACE_TEXT:
            value = getattr(trace, attr, None)
            if isinstance(value, str):
                setattr(trace, attr, chart_text(value))
            elif value is not None and not isinstance(value, dict):
                array = np.asarray(value, dtype=object)
                if array.size and any(isinstance(v, str) for v in array.ravel()):
                    setattr(trace, attr, inert(array))
    return fig
