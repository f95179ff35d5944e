"""Class breaks, colours and number labels for choropleths, shared by the HTML and PNG maps.

Kept apart from rendering so that two maps (split view, two periods) can share one ``Classes``
and so the legend counts can be tested without a browser.
"""

from __future__ import annotations

import math
import warnings

import mapclassify
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.colors import to_hex

from petakesos.maps.classes import Classes

SCHEMES = ("quantile", "fisher_jenks", "equal_interval")
# Sequential, colour-blind-safe palettes (ColorBrewer single/multi-hue + viridis).
PALETTES = ("YlOrRd", "Blues", "Purples", "YlGnBu", "Greens", "Oranges", "viridis")
NO_DATA_COLOR = "#bdbdbd"
NO_DATA_HATCH = "#7f7f7f"
NO_DATA_LABEL = "Tidak ada data"
K_MIN, K_MAX = 3, 7

_MAPCLASSIFY = {
    "quantile": mapclassify.Quantiles,
    "fisher_jenks": mapclassify.FisherJenks,
    "equal_interval": mapclassify.EqualInterval,
}


def fmt_number(x: float, decimals: int = 0) -> str:
    """Indonesian number format: 1.234,5."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def _decimals(values: np.ndarray) -> int:
    span = float(np.nanmax(values) - np.nanmin(values)) if values.size else 0.0
    if span >= 100:
        return 0
    if span >= 10:
        return 1
    return 2


def _labels(bins: np.ndarray, minimum: float, integer: bool, decimals: int, exact: bool) -> list[str]:
    if exact:  # one distinct value per class
        return [fmt_number(b, 0 if integer else decimals) for b in bins]
    labels = []
    lower = minimum
    for i, upper in enumerate(bins):
        if integer:
            lo = int(math.ceil(lower)) if i == 0 else int(math.floor(lower)) + 1
            hi = int(math.floor(upper))
            labels.append(fmt_number(lo) if lo == hi else f"{fmt_number(lo)} – {fmt_number(hi)}")
        else:
            labels.append(f"{fmt_number(lower, decimals)} – {fmt_number(upper, decimals)}")
        lower = upper
    return labels


def classify(values: pd.Series, scheme: str = "quantile", k: int = 5) -> Classes:
    """Classify values with mapclassify; NaN is 'no data' (-1), never the lowest class.

    Fewer distinct values than k gives fewer classes; equal values give one class; all-NaN gives
    none. Empty classes (possible with quantiles on tied data) are merged into the next one.
    """
    if scheme not in _MAPCLASSIFY:
        raise ValueError(f"Skema klasifikasi tidak dikenal: {scheme!r}")
    if not K_MIN <= k <= K_MAX:
        raise ValueError(f"Jumlah kelas harus {K_MIN}–{K_MAX}, bukan {k}")
    v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float, copy=True)
    v[np.isinf(v)] = np.nan
    valid = v[~np.isnan(v)]
    if valid.size == 0:
        return Classes((), math.nan, True, (), (), int(v.size), tuple([-1] * v.size))
    integer = bool(np.all(np.equal(np.mod(valid, 1), 0)))
    uniques = np.unique(valid)
    if uniques.size == 1:
        bins = np.array([uniques[0]])
    elif uniques.size <= k:
        # Every distinct value gets its own class: exact and easy to read.
        bins = uniques.copy()
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bins = np.asarray(_MAPCLASSIFY[scheme](valid, k=k).bins, dtype=float)
        bins = np.unique(bins)
        bins[-1] = max(bins[-1], valid.max())
    # Drop empty classes so every legend row describes at least one desa.
    idx = np.clip(np.searchsorted(bins, valid, side="left"), 0, bins.size - 1)
    keep = np.isin(np.arange(bins.size), idx)
    bins = bins[keep]
    minimum = float(valid.min())
    proto = Classes(tuple(float(b) for b in bins), minimum, integer, (), (), 0, ())
    index = proto.assign(pd.Series(v))
    counts = [int((index == i).sum()) for i in range(bins.size)]
    labels = _labels(bins, minimum, integer, _decimals(valid), exact=uniques.size <= k)
    return Classes(
        bins=proto.bins,
        minimum=minimum,
        integer=integer,
        labels=tuple(labels),
        counts=tuple(counts),
        n_no_data=int((index == -1).sum()),
        index=tuple(int(i) for i in index),
    )


def palette_colors(palette: str, k: int) -> list[str]:
    """k hex colours from light to dark; viridis runs from light yellow to dark purple."""
    if palette not in PALETTES:
        raise ValueError(f"Palet tidak dikenal: {palette!r}")
    if k <= 0:
        return []
    if palette == "viridis":
        cmap, lo, hi = colormaps["viridis_r"], 0.0, 0.92
    else:
        cmap, lo, hi = colormaps[palette], 0.12, 0.95
    if k == 1:
        return [to_hex(cmap((lo + hi) / 2))]
    return [to_hex(cmap(x)) for x in np.linspace(lo, hi, k)]


def format_value(x: float, integer: bool, suppress_small: bool = False) -> str:
    """Tooltip text for one value; counts 1–4 become '<5' when small numbers are suppressed."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return NO_DATA_LABEL
    if suppress_small and integer and 1 <= x <= 4:
        return "<5"
    if integer:
        return fmt_number(x)
    return fmt_number(x, 2 if abs(x) < 10 else 1)
