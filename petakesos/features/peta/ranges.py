"""Figures of an area above desa on Peta PMKS (a kabupaten of the all-provinces map) as the range they can take.

A kabupaten's map shows its desa of 1–4 cases as "<5"; the exact total of that kabupaten beside them would
give the masked ones back (total − shown desa). So with masking an aggregated row's cases are "cases in desa
of 5 or more, plus 1 to 4 per desa shown <5" — Bandingkan's rule (features.bandingkan.ranges), reused here.
Both ends are public, so the map's value, class, rank and bubble use the low end; the tooltip, the table and
the Excel sheet read "low–high" (the low end's number where both ends read the same). The exact figure stays
here.
"""

from __future__ import annotations

import pandas as pd

from petakesos import fmt
from petakesos.features.bandingkan.ranges import HIGH, LOW, shown

BIG, N_SMALL = "kasus_besar", "desa_kasus_kecil"  # sums over desa: cases in desa of ≥5, desa of 1–4
KASUS_TEXT, NILAI_TEXT = "kasus_teks", "nilai_teks"  # values_frame: a range as the table and Excel show it


def parts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per desa row: its cases when 5 or more (else 0) and 1 when it is shown "<5" (1–4 cases)."""
    kasus = pd.to_numeric(rows["kasus"], errors="coerce").fillna(0)
    small = kasus.between(1, 4)
    return pd.DataFrame({BIG: kasus.where(~small, 0), N_SMALL: small.astype(int)}, index=rows.index)


def has_parts(rows: pd.DataFrame) -> bool:
    """Whether rows are sums over desa (aggregate) that say how their cases lie in masked desa."""
    return BIG in rows and N_SMALL in rows


def _rate(x: float) -> str:
    return fmt.decimal(x, 2)  # as the table's rate column (value_text)


def at_low_end(out: pd.DataFrame, penduduk: pd.Series, ukuran: str) -> pd.DataFrame:
    """values_frame's aggregated rows with `kasus` and `nilai` at the low end of their range, `teks` (the
    tooltip) and NILAI_TEXT the range of the mapped measure, KASUS_TEXT that of the cases; None where exact."""
    big, n_small = out[BIG].astype(float), out[N_SMALL].astype(float)
    low, high = big + LOW * n_small, big + HIGH * n_small
    out = out.assign(kasus=low.round().astype("Int64"))  # never the exact sum: the bubbles read this column
    out[KASUS_TEXT] = shown(low, high, fmt.number)
    if ukuran == "rate":
        per = 1000.0 / penduduk.where(penduduk > 0)
        out["nilai"], out[NILAI_TEXT] = low * per, shown(low * per, high * per, _rate)
    else:
        out["nilai"], out[NILAI_TEXT] = low, out[KASUS_TEXT]
    out["teks"] = out[NILAI_TEXT]
    return out


def with_text(numbers: pd.Series, texts: pd.Series | None) -> pd.Series:
    """A table column: the range text where a row has one, else its number (an Excel cell stays a number;
    a range whose ends read the same has no text, `ranges.shown`, and keeps the low end)."""
    if texts is None:
        return numbers
    texts = texts.reindex(numbers.index)
    return numbers.astype(object).where(~texts.map(is_range), texts)


def is_range(value) -> bool:
    """Whether a table cell is a range text such as '10–13' or '5,00–6,50'."""
    if not isinstance(value, str) or value.count("–") != 1:
        return False
    return all(p and p.replace(".", "").replace(",", "").isdigit() for p in value.split("–"))


def low_end(value: str) -> float:
    """'1.234–1.240' -> 1234.0, '5,00–6,50' -> 5.0: the number a range cell sorts by (its public low end)."""
    return float(value.split("–")[0].replace(".", "").replace(",", "."))
