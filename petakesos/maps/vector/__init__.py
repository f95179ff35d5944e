"""The national desa map's component: MapLibre GL drawing the set-up's PMTiles (geo/tiles.py), coloured
by a code → class join sent as one character per desa.

Why its own component: the Leaflet component (maps/component) sends every polygon to the browser, fine for
a province (Jawa Timur: 0.86 MB) but not for ~83,000 desa; here the browser fetches only the tiles in view
and a category or period change sends classes and values only (a restyle by feature state, no tile is
loaded again). Plain HTML/JS, no build step, no CDN; the ``declare_component`` call sits in the page (only
pages and the seams import streamlit). ``component_args`` is pure and testable without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from petakesos.geo.tiles import INDEX_FILE, TILES_FILE
from petakesos.maps.classes import Classes

FRONTEND = Path(__file__).with_name("frontend")
COMPONENT_NAME = "peta_nasional"
STATIC_URL = "../../app/static/tiles/"  # from /component/<name>/index.html to Streamlit's static folder
MASKED, NO_DATA = "m", "n"  # class characters of a masked small count and of a desa without a value
DESA_CODE = r"\d{2}\.\d{2}\.\d{2}\.\d{4}"


def positions(ids: Sequence[int], kode: pd.Series) -> np.ndarray:
    """Position of each code in the tile index (ids in code order, geo.tiles.feature_id), -1 where the
    tiles lack that desa or the code is not a desa code."""
    ids = np.asarray(ids, dtype=np.int64)
    text = kode.astype(str)
    digits = text.str.replace(".", "", regex=False).where(text.str.fullmatch(DESA_CODE).fillna(False))
    fid = pd.to_numeric(digits, errors="coerce").fillna(-1).astype(np.int64).to_numpy()
    if not len(ids):
        return np.full(len(fid), -1)
    at = np.searchsorted(ids, fid).clip(0, len(ids) - 1)
    return np.where(ids[at] == fid, at, -1)


def class_string(at: np.ndarray, n: int, values: pd.DataFrame, classes: Classes, value_col: str = "nilai") -> str:
    """One character per desa of the index (`at`: positions of the rows): its class ('0'…), 'm' masked
    (1–4 cases), 'n' no value."""
    out = np.full(n, NO_DATA, dtype="<U1")
    found = at >= 0
    idx = classes.assign(values[value_col])
    chars = np.where(idx >= 0, idx.astype(str), NO_DATA)
    if "teks" in values:  # values_frame's '<5 kasus': no value and no class, as on the Peta page
        chars = np.where(values["teks"].notna().to_numpy(), MASKED, chars)
    out[at[found]] = chars[found]
    return "".join(out.tolist())


def value_tokens(at: np.ndarray, n: int, values: pd.DataFrame, decimals: int, value_col: str = "nilai") -> str:
    """One ',' separated token per desa of the index for the tooltip: the value rounded to `decimals`,
    'm' for a masked desa (never its count or rate), '' without a value."""
    out = np.full(n, "", dtype=object)
    found = at >= 0
    v = pd.to_numeric(values[value_col], errors="coerce").astype(float)
    text = v.round(decimals).map(f"{{:.{decimals}f}}".format).where(v.notna(), "").to_numpy(dtype=object)
    if "teks" in values:
        text = np.where(values["teks"].notna().to_numpy(), MASKED, text)
    out[at[found]] = text[found]
    return ",".join(out.tolist())


def legend_rows(
    classes: Classes, colors: Sequence[str], chars: str, no_data_label: str, no_data_color: str
) -> list[dict[str, str]]:
    """Legend rows (label with the number of desa drawn, colour): each class, then desa without colour."""
    drawn = np.frombuffer(chars.encode("ascii"), dtype=np.uint8)
    rows = []
    for i, (label, color) in enumerate(zip(classes.labels, colors)):
        n = int((drawn == ord(str(i))).sum())
        rows.append({"label": f"{label} ({_number(n)})", "color": color})
    rest = int(len(drawn) - sum((drawn == ord(str(i))).sum() for i in range(classes.k)))
    rows.append({"label": f"{no_data_label} ({_number(rest)})", "color": no_data_color})
    return rows


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def component_args(
    index: Mapping,
    values: pd.DataFrame,
    classes: Classes,
    colors: Sequence[str],
    *,
    texts: Mapping[str, str],
    decimals: int,
    no_data_color: str,
    version: str = "",
    height: int = 620,
) -> dict:
    """Everything the component needs for one render: tile URLs (with the build's version, so a new
    archive is not taken from the browser cache), bounds, classes, values, colours, legend and words.

    `texts` holds 'value_label', 'masked', 'no_data' (tooltip) and 'legend_title', 'legend_no_data'."""
    ids = index["ids"]
    at = positions(ids, values["kode"])
    chars = class_string(at, len(ids), values, classes)
    query = f"?v={version}" if version else ""
    return {
        "tiles": STATIC_URL + TILES_FILE + query,
        "index": STATIC_URL + INDEX_FILE + query,
        "bounds": list(index["bounds"]),
        "height": height,
        "classes": chars,
        "values": value_tokens(at, len(ids), values, decimals),
        "decimals": decimals,
        "colors": list(colors),
        "no_data_color": no_data_color,
        "legend_title": texts["legend_title"],
        "legend": legend_rows(classes, colors, chars, texts["legend_no_data"], no_data_color),
        "texts": {k: texts[k] for k in ("value_label", "masked", "no_data")},
    }
