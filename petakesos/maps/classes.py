"""Class breaks of a choropleth as plain data (no plotting libraries), so pure feature modules such
as the quota planner can build or read them without loading the map stack."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Classes:
    """Class breaks: class i holds lower_i < v <= bins[i] (class 0 also holds v == minimum).

    ``index`` and ``counts`` describe the values the classes were computed from; use
    ``assign`` to place another map's values into the same classes.
    """

    bins: tuple[float, ...]  # upper bounds, ascending
    minimum: float
    integer: bool  # all values were whole numbers: labels use integer ranges
    labels: tuple[str, ...]
    counts: tuple[int, ...]
    n_no_data: int
    index: tuple[int, ...]  # per input value; -1 = no data

    @property
    def k(self) -> int:
        return len(self.bins)

    def assign(self, values: pd.Series) -> np.ndarray:
        """Class index per value (-1 for NaN); values outside the range are clipped."""
        v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        out = np.full(v.shape, -1, dtype=np.int64)
        ok = ~np.isnan(v)
        if self.k:
            idx = np.searchsorted(np.asarray(self.bins), v[ok], side="left")
            out[ok] = np.clip(idx, 0, self.k - 1)
        return out

    def count(self, values: pd.Series) -> tuple[list[int], int]:
        """Number of values per class and number without data, for a legend."""
        idx = self.assign(values)
        counts = [int((idx == i).sum()) for i in range(self.k)]
        return counts, int((idx == -1).sum())
