"""Case figures of a kabupaten that holds desa shown "<5" elsewhere (Peta PMKS), as the range they can take.

Its exact total minus the desa Peta PMKS shows would give the masked ones back, so with masking a total is
"cases in desa of 5 or more, plus 1 to 4 per desa of 1–4": the low end adds 1 per such desa, the high end 4.
Both ends are public (the shown desa and how many are masked), so ranking, sorting, colouring and drawing by
the low end reveals nothing the range does not; the table, tooltips and Excel show "low–high" (the low end as a
number where both ends read the same), never the exact number.
A change since a base year runs from (low now − high then) to (high now − low then).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakesos import fmt

LOW, HIGH = 1, 4  # what one desa shown "<5" adds at each end
SMALL = "<5"
# The sums columns a range is built from (app/sums_by_kabupaten_tahun); frames without them have no range.
PARTS = {
    "kasus": ("kasus_besar", "desa_kasus_kecil"),
    "kasus_berpenduduk": ("kasus_besar_berpenduduk", "desa_kecil_berpenduduk"),
}


def small(rows: pd.DataFrame) -> pd.Series:
    """Rows (kabupaten × year, or desa) whose case count, or cases in desa with a population, is 1–4."""
    return rows["kasus"].between(1, 4) | rows["kasus_berpenduduk"].between(1, 4)


def masked(rows: pd.DataFrame, hide: pd.Series) -> pd.DataFrame:
    """`rows` with the cases of the `hide` rows left out (NaN): every rate from them is then empty, a median
    or rank skips them, and the other sums (desa, population, PSM) stay."""
    keep = ~hide
    return rows.assign(
        kasus=rows["kasus"].astype(float).where(keep),
        kasus_berpenduduk=rows["kasus_berpenduduk"].astype(float).where(keep),
    )


def _has_parts(rows: pd.DataFrame) -> bool:
    return all(c in rows for parts in PARTS.values() for c in parts)


def hidden(rows: pd.DataFrame) -> pd.Series:
    """Rows masked whole ("<5", no case figure): those of 1–4 cases when the sums do not say how their
    cases lie in desa. With the parts, such a row is a range like any other ('2–8' for two desa "<5", as
    on Beranda): "<5" beside the number of its desa shown "<5" could pin them (four desa → 1 each)."""
    return pd.Series(False, index=rows.index) if _has_parts(rows) else small(rows)


def end(rows: pd.DataFrame, per_desa: int) -> pd.DataFrame:
    """Sums rows with their cases at one end of their range (`per_desa` = LOW or HIGH), or without the
    parts, exact with the `hidden` rows masked."""
    if not _has_parts(rows):
        return masked(rows, small(rows))
    out = rows.copy()
    for col, (big, n_small) in PARTS.items():
        out[col] = (rows[big] + per_desa * rows[n_small]).astype(float)
    return out


def crossed(rows: pd.DataFrame, tahun: int, base: int | None, per_now: int) -> pd.DataFrame:
    """Rows of `tahun` at one end and of `base` at the other: a change computed from them is the lowest
    (per_now = LOW) or highest (HIGH) it can be; the level of `tahun` is that end of its range."""
    per_then = HIGH if per_now == LOW else LOW
    out, then = end(rows, per_now), end(rows, per_then)
    if base is not None:
        at_base = rows["tahun"].eq(base)
        out.loc[at_base] = then.loc[at_base]
    return out


def text(low: str, high: str, signed: bool = False) -> str:
    """'10–13'; a signed change reads '−0,10 s.d. +0,25'; one text when both ends read the same."""
    if low == high:
        return low
    return f"{low} s.d. {high}" if signed else f"{low}–{high}"


def shown(low: pd.Series, high: pd.Series, show, signed: bool = False) -> pd.Series:
    """Per row with a range, its text; None where the number is exact or both ends read the same ('7,5'),
    so the cell keeps its number, the low end: public, read as the screen reads it, and a number in Excel."""
    out = []
    for lo, hi in zip(low, high):
        exact = pd.isna(lo) or pd.isna(hi) or lo == hi or show(lo) == show(hi)
        out.append(None if exact else text(show(lo), show(hi), signed))
    return pd.Series(out, index=low.index, dtype=object)


def count_text(low: float, high: float) -> str:
    """A case total as people read it: '10–13', or the number when there is nothing masked in it."""
    return text(fmt.number(low), fmt.number(high)) if not (np.isnan(low) or np.isnan(high)) else fmt.MISSING
