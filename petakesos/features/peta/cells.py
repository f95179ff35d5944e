"""How a cell of the Peta PMKS tables reaches a person: a count, "<5" for 1–4, a range ('10–13') for a total
over desa shown "<5", a number in Indonesian format. One place, so the table on screen (a Styler that keeps
numbers to sort by) and the Excel sheet (text only where masking put text) agree.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from petakesos import fmt
from petakesos.features.peta import ranges
from petakesos.features.peta.text import UKURAN_SHORT

MASKED = "<5"


def count_column(values: pd.Series, suppress: bool) -> pd.Series:
    """Counts as numbers; with suppression on, 1–4 become the text '<5' (the only text cells, so an
    Excel sheet keeps numbers everywhere else)."""
    counts = pd.to_numeric(values, errors="coerce").astype("Int64")
    if not suppress:
        return counts
    return pd.Series(
        [MASKED if pd.notna(v) and 1 <= v <= 4 else (None if pd.isna(v) else int(v)) for v in counts],
        index=values.index,
        dtype=object,
    )


def _number(v):
    """A cell as the number the browser receives: '<5' none, a range its low end, a number itself."""
    if isinstance(v, str):
        return ranges.low_end(v) if ranges.is_range(v) else None
    return v


def table_styler(table: pd.DataFrame, digits: Mapping[str, int] | None = None):
    """The table for st.dataframe/st.table: numbers in Indonesian format (1.234, 3,00) that still sort as
    numbers. A '<5' cell travels as an empty number and is drawn as '<5', so the value 1–4 never
    reaches the browser; a range cell travels as its low end (public) and is drawn as the range."""
    digits = {UKURAN_SHORT["rate"]: 2, **(digits or {})}
    texts = {c: table[c].map(lambda v: isinstance(v, str) and (v == MASKED or ranges.is_range(v))) for c in table}
    texts = {c: hit for c, hit in texts.items() if hit.any()}
    masked = [c for c in texts if table[c].map(lambda v: isinstance(v, str) and v == MASKED).any()]
    shown = table.assign(**{c: pd.to_numeric(table[c].map(_number), errors="coerce") for c in texts})
    styler = fmt.styled(shown, digits={c: n for c, n in digits.items() if c in shown})
    if masked:
        styler = styler.format(lambda v: MASKED if pd.isna(v) else fmt.number(v), subset=masked)
    for col, hit in texts.items():
        for label in hit.index[hit & table[col].map(ranges.is_range)]:
            styler = styler.format(lambda _, t=table.at[label, col]: t, subset=([label], [col]))
    return styler
