"""Build the interactive choropleth (Leaflet, canvas renderer) from a layer and a values frame.

``map_parts`` makes the payloads once; the app sends them to the map component (``component_args``)
and the HTML export wraps them in a folium page (``choropleth``). Leaflet is loaded from
``/app/static/leaflet`` (Streamlit static serving), never from a CDN; the map draws without any tile
layer. The drawing JavaScript is ``component/frontend/petakesos_map.js``; ``render.js`` is
the folium glue.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from petakesos.maps.breaks import (
    NO_DATA_COLOR,
    NO_DATA_HATCH,
    Classes,
    classify,
    fmt_number,
    format_value,
    palette_colors,
)
from petakesos.maps.component import FRONTEND
from petakesos.maps.encode import _dumps, encode_layer, fit_bounds, level_of
from petakesos.maps.spec import TEXT, UNIT_BY_LEVEL, MapSpec

STATIC_URL = "/app/static"
LEAFLET_JS = ("leaflet", f"{STATIC_URL}/leaflet/leaflet.js")
LEAFLET_CSS = ("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")
# The drawing code is one library shared with the Streamlit map component (component/frontend);
# the export inlines it followed by the folium glue in render.js.
_LIB_JS = (FRONTEND / "petakesos_map.js").read_text(encoding="utf-8")
_JS = (Path(__file__).with_name("render.js")).read_text(encoding="utf-8")
# Only these value columns may reach the browser; anything else (nik, nama_orang…) never does.
TOOLTIP_COLUMNS = ("peringkat", "teks")
BUBBLE_MAX_PX = 18

NORTH_SVG = (
    '<svg width="26" height="40" viewBox="0 0 26 40" role="img" aria-label="Arah utara">'
    '<text x="13" y="11" text-anchor="middle" font-size="11" font-weight="700" '
    f'font-family="sans-serif">{TEXT["north"]}</text>'
    '<polygon points="13,13 22,37 13,31 4,37" fill="#222"/>'
    '<polygon points="13,13 13,31 4,37" fill="#fff" stroke="#222" stroke-width="1"/></svg>'
)

_CSS = "<style>\n" + (FRONTEND / "petakesos_map.css").read_text(encoding="utf-8") + "</style>\n"


class _Choropleth(MacroElement):
    """Leaflet script element: payloads in, canvas polygons, legend and map furniture out."""

    _template = Template(
        "{% macro header(this, kwargs) %}" + _CSS + "{% endmacro %}"
        "{% macro script(this, kwargs) %}{{ this.render_js(this._parent.get_name()) }}{% endmacro %}"
    )

    def __init__(self, geo: str, values: str, outline: str | None, options: dict) -> None:
        super().__init__()
        self._name = "PetaKesosChoropleth"
        self.geo, self.values, self.outline, self.options = geo, values, outline, options

    def render_js(self, map_name: str) -> str:
        opts = dict(self.options, name=map_name)
        slots = {
            "__MAP__": map_name,
            "__GEO__": self.geo,
            "__VAL__": self.values,
            "__OUT__": self.outline or "null",
            "__OPT__": _dumps(opts),
        }
        # One pass, so a payload that happens to contain a slot name is left alone.
        return _LIB_JS + re.sub(r"__(MAP|GEO|VAL|OUT|OPT)__", lambda mo: slots[mo.group(0)], _JS)


def align_values(layer: gpd.GeoDataFrame, values: pd.DataFrame, value_col: str) -> pd.DataFrame:
    """Values reindexed to the layer's feature order by kode (string); missing desa get NaN."""
    if "kode" not in values.columns or value_col not in values.columns:
        raise KeyError(f"Kolom 'kode' dan {value_col!r} wajib ada")
    vals = values.assign(kode=values["kode"].astype(str))
    if vals["kode"].duplicated().any():
        dup = vals.loc[vals["kode"].duplicated(), "kode"].iloc[0]
        raise ValueError(f"Kode ganda di data nilai: {dup}")
    out = vals.set_index("kode").reindex(layer["kode"].astype(str))
    out[value_col] = pd.to_numeric(out[value_col], errors="coerce")
    return out.reset_index()


def _ranks(v: pd.Series) -> tuple[list[int], int]:
    r = v.rank(ascending=False, method="min")
    return [0 if np.isnan(x) else int(x) for x in r], int(v.notna().sum())


def values_payload(
    aligned: pd.DataFrame,
    spec: MapSpec,
    value_col: str,
    classes: Classes,
    unit: str,
    bubbles_col: str | None = None,
) -> str:
    """Per-feature JSON (class char, tooltip value, rank, bubble radius) plus the legend."""
    v = aligned[value_col]
    idx = classes.assign(v)
    counts, n_nd = classes.count(v)
    colors = palette_colors(spec.palette, classes.k)
    integer = classes.integer
    texts = [format_value(x, integer, spec.suppress_small) for x in v.to_numpy(dtype=float)]
    if "teks" in aligned.columns:  # a category map: the tooltip reads the category, not its number
        texts = [t if isinstance(t, str) else old for t, old in zip(aligned["teks"], texts)]
    if "peringkat" in aligned.columns:
        pr = pd.to_numeric(aligned["peringkat"], errors="coerce")
        ranks, rn = [0 if np.isnan(x) else int(x) for x in pr], int(pr.notna().sum())
    else:
        ranks, rn = _ranks(v)
    payload: dict[str, object] = {
        "label": spec.value_label,
        "c": "".join("." if i < 0 else chr(48 + int(i)) for i in idx),
        "t": texts,
        "r": ranks,
        "rn": rn,
        "colors": colors,
        "legend": [[lab, fmt_number(n)] for lab, n in zip(classes.labels, counts)],
        "nd": n_nd,
        "nd_n": fmt_number(n_nd),
        "nd_label": spec.no_data_label,
        "unit": unit,
        "cls": spec.classification_text(classes.k),
    }
    if bubbles_col:
        b = pd.to_numeric(aligned[bubbles_col], errors="coerce").fillna(0).clip(lower=0)
        if spec.suppress_small:
            b = b.where(~b.between(1, 4), 4)  # size must not reveal counts below 5
        bmax = float(b.max())
        radius = np.sqrt(b / bmax) * BUBBLE_MAX_PX if bmax > 0 else b * 0
        payload["bub"] = [round(float(x), 1) for x in radius]
        payload["bmax"] = f"{TEXT['bubbles']} ({TEXT['max']} {fmt_number(bmax)})"
    return _dumps(payload)


@dataclass(frozen=True)
class MapParts:
    """Everything the browser needs for one map, as the JSON texts the drawing library reads.

    ``geo_key`` names the geometry (layer + outline) by content: while it stays the same, the browser
    keeps its decoded polygons and only restyles them from ``values``.
    """

    geo: str
    values: str
    outline: str | None
    options: dict
    bounds: tuple[tuple[float, float], tuple[float, float]]
    geo_key: str


def _options(spec: MapSpec, n_feat: int) -> dict:
    return {
        "presentation": spec.presentation,
        "fill": spec.presentation,  # the component fills the browser window's height
        "show_title": spec.presentation or spec.show_title,
        "basemap": spec.basemap,
        "title": spec.title,
        "subtitle": spec.subtitle,
        "footer": spec.footer_text(),
        "north_svg": NORTH_SVG,
        "nd_fill": NO_DATA_COLOR,
        "nd_hatch": NO_DATA_HATCH,
        "weight": 0.25 if n_feat > 2000 else 0.6,
        "outline_weight": 1.0 if n_feat > 2000 else 1.6,
        "stroke": "#555555",
        "fill_opacity": 0.85 if spec.basemap else 1.0,
        "t_kec": TEXT["kec"],
        "t_rank": TEXT["rank"],
        "t_of": TEXT["of"],
    }


def map_parts(
    layer: gpd.GeoDataFrame,
    values: pd.DataFrame,
    spec: MapSpec,
    value_col: str = "nilai",
    outline_layer: gpd.GeoDataFrame | None = None,
    bubbles_col: str | None = None,
    classes: Classes | None = None,
) -> MapParts:
    """Geometry, values and options payloads of one choropleth (shared by folium and the component).

    ``bounds`` (and the option ``fit``) is the view the map opens on: fit_bounds, the main land masses."""
    aligned = align_values(layer, values, value_col)
    if classes is None:
        classes = classify(aligned[value_col], spec.scheme, spec.k)
    geo = encode_layer(layer)
    level = level_of(geo.kode[0]) if geo.kode else "desa"
    unit = UNIT_BY_LEVEL.get(level, "wilayah")
    outline = encode_layer(outline_layer, with_names=False).json if outline_layer is not None else None
    vals = values_payload(aligned, spec, value_col, classes, unit, bubbles_col)
    bounds = geo.fit or fit_bounds(layer)
    options = dict(_options(spec, len(layer)), fit=[list(bounds[0]), list(bounds[1])])
    h = hashlib.blake2b(geo.json.encode(), digest_size=12)
    h.update(b"\x00" + (outline or "").encode())
    return MapParts(geo.json, vals, outline, options, bounds, h.hexdigest())


def choropleth(
    layer: gpd.GeoDataFrame,
    values: pd.DataFrame,
    spec: MapSpec,
    value_col: str = "nilai",
    outline_layer: gpd.GeoDataFrame | None = None,
    bubbles_col: str | None = None,
    classes: Classes | None = None,
) -> folium.Map:
    """Interactive choropleth of `layer` coloured by `values[value_col]`, joined on kode.

    Pass `classes` (from ``classify``) to give two maps the same bins. NaN/missing = no data.
    Used for the offline HTML export; the app draws the same parts with the map component.
    """
    parts = map_parts(layer, values, spec, value_col, outline_layer, bubbles_col, classes)
    m = folium.Map(
        tiles="OpenStreetMap" if spec.basemap else None,
        prefer_canvas=True,
        zoom_control=False,
        attribution_control=spec.basemap,
        zoom_snap=0.25,
        font_size="12px",
    )
    m.default_js = [LEAFLET_JS]
    m.default_css = [LEAFLET_CSS]
    _Choropleth(parts.geo, parts.values, parts.outline, parts.options).add_to(m)
    m.fit_bounds([list(parts.bounds[0]), list(parts.bounds[1])])
    return m


def component_args(parts: MapParts, name: str, height: int) -> dict:
    """Arguments of the Streamlit map component: payload texts (parsed in the browser), options, size.

    The texts are sent as strings so the browser parses the geometry only when ``geo_key`` changes.
    """
    return {
        "geo": parts.geo,
        "geo_key": parts.geo_key,
        "values": parts.values,
        "outline": parts.outline,
        "options": dict(parts.options, name=name),
        "height": int(height),
    }


def restyle_payload(
    layer: gpd.GeoDataFrame,
    values: pd.DataFrame,
    spec: MapSpec,
    value_col: str = "nilai",
    classes: Classes | None = None,
    bubbles_col: str | None = None,
) -> str:
    """Values-only JSON for ``PETAKESOS[<map>].restyle(...)`` in the browser (no geometry)."""
    aligned = align_values(layer, values, value_col)
    if classes is None:
        classes = classify(aligned[value_col], spec.scheme, spec.k)
    unit = UNIT_BY_LEVEL.get(level_of(str(layer["kode"].iloc[0])), "wilayah")
    return values_payload(aligned, spec, value_col, classes, unit, bubbles_col)


def payload_bytes(m: folium.Map) -> int:
    """Bytes of map data (geometry + values + outline JSON) this map sends to the browser."""
    total = 0
    for child in m._children.values():
        if isinstance(child, _Choropleth):
            total += len(child.geo.encode()) + len(child.values.encode())
            total += len((child.outline or "").encode()) + len(json.dumps(child.options).encode())
    return total
