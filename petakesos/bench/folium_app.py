"""The two maps petakesos.bench.folium serves: one Jawa Timur desa choropleth, by folium or the component.

Both draw all 8,494 desa (province view, kabupaten outlines) with bench_map's random values and the same
classes; a radio button switches between two value sets (a "category" change). The Streamlit scripts
themselves are the texts ``COMPONENT_APP`` and ``FOLIUM_APP``, written to a temporary folder at run time
(only the seams import streamlit). Each run of a script appends a line to the file named by
``PK_BENCH_RUNS``, which is how the benchmark counts reruns.
"""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from petakesos.bench import map as bench_map
from petakesos.maps.breaks import (
    NO_DATA_COLOR,
    classify,
    format_value,
    palette_colors,
)
from petakesos.maps.encode import fit_bounds
from petakesos.maps.render import LEAFLET_CSS, LEAFLET_JS, align_values
from petakesos.maps.spec import MapSpec

HEIGHT = 620
# bench_map's random values: seed 1 is its map, 3 its restyle. Each change goes to a value set the browser
# has not seen yet: Streamlit's message cache would otherwise send a reference instead of the map again.
SEEDS = {"Kategori A": 1, "Kategori B": 3, "Kategori C": 4, "Kategori D": 5}
# st_folium narrowed to what a page needs (a click), so panning and zooming send nothing back.
RETURNED = ["last_object_clicked"]
SPEC = MapSpec(
    title="Jumlah PMKS per desa (acak)",
    subtitle="Provinsi Jawa Timur · 2025",
    value_label="Jumlah kasus",
    source_note="Data contoh acak (bukan data nyata)",
    asof="30-06-2025",
)

_PRELUDE = """import os
import streamlit as st
from petakesos.bench import folium_app as bench
st.set_page_config(page_title="bench", layout="wide")
with open(os.environ["PK_BENCH_RUNS"], "a", encoding="utf-8") as runs:
    runs.write("run\\n")
layer, outline, geometry = st.cache_resource(bench.layers)()
label = st.radio("Kategori", list(bench.SEEDS), horizontal=True)
values = st.cache_data(bench.values)(bench.SEEDS[label])
"""
COMPONENT_APP = (
    _PRELUDE
    + """from petakesos import ui
ui.map_panel(layer, values, bench.SPEC, key="bench", outline=outline, height=bench.HEIGHT)
"""
)
FOLIUM_APP = (
    _PRELUDE
    + """from streamlit_folium import st_folium
returned = None if st.query_params.get("ro") == "default" else bench.RETURNED
st_folium(bench.folium_map(layer, geometry, outline, values), key="bench", height=bench.HEIGHT,
          use_container_width=True, returned_objects=returned)
"""
)


def layers() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, list[dict]]:
    """Desa and kabupaten layers of Jawa Timur (province zoom) and the desa geometries as GeoJSON dicts."""
    layer = bench_map.load("desa", "prov", "35")
    outline = bench_map.load("kab", "prov", "35")
    geometry = [f["geometry"] for f in json.loads(layer[["geometry"]].to_json(drop_id=True))["features"]]
    return layer, outline, geometry


def values(seed: int) -> pd.DataFrame:
    """bench_map's random counts per desa for this seed (a few desa without data)."""
    return bench_map.random_values(layers()[0], seed)


class _DrawnMark(MacroElement):
    """Marks the folium map the way the project's component marks its own (petakesos_map.markDrawn):
    ``window.__pkDrawn`` two animation frames after the layers were added, and ``PETAKESOS`` naming the
    map and its largest layer group, so bench_peta's helpers read both maps alike."""

    _template = Template("""{% macro script(this, kwargs) %}
(function (map) {
  var g = null;
  map.eachLayer(function (l) { if (l.getLayers && (!g || l.getLayers().length > g.getLayers().length)) g = l; });
  window.PETAKESOS = { folium: { map: map, group: g } };
  requestAnimationFrame(function () { requestAnimationFrame(function () { window.__pkDrawn = performance.now(); }); });
})({{ this._parent.get_name() }});
{% endmacro %}""")


def folium_map(
    layer: gpd.GeoDataFrame, geometry: list[dict], outline: gpd.GeoDataFrame, vals: pd.DataFrame
) -> folium.Map:
    """The same choropleth as folium would draw it: canvas renderer, one GeoJson of desa with the same
    classes and colours and a name + value tooltip, kabupaten outlines, Leaflet from /app/static."""
    aligned = align_values(layer, vals, "nilai")
    classes = classify(aligned["nilai"], SPEC.scheme, SPEC.k)
    colors = palette_colors(SPEC.palette, classes.k)
    fill = {k: colors[i] if i >= 0 else NO_DATA_COLOR for k, i in zip(layer["kode"], classes.assign(aligned["nilai"]))}
    texts = [format_value(x, classes.integer, SPEC.suppress_small) for x in aligned["nilai"].to_numpy(dtype=float)]
    features = [
        {"type": "Feature", "properties": {"kode": k, "nama": n, "nilai": t}, "geometry": g}
        for k, n, t, g in zip(layer["kode"], layer["nama"], texts, geometry)
    ]
    m = folium.Map(tiles=None, prefer_canvas=True, zoom_control=False, attribution_control=False, zoom_snap=0.25)
    m.default_js = [LEAFLET_JS]  # no CDN: Leaflet from the app's static folder, nothing else
    m.default_css = [LEAFLET_CSS]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {
            "fillColor": fill[f["properties"]["kode"]],
            "color": "#555555",
            "weight": 0.25,
            "fillOpacity": 1.0,
        },
        tooltip=folium.GeoJsonTooltip(fields=["nama", "nilai"], aliases=["Desa", SPEC.value_label]),
    ).add_to(m)
    folium.GeoJson(
        json.loads(outline[["geometry"]].to_json(drop_id=True)),
        style_function=lambda f: {"fill": False, "color": "#252525", "weight": 1.0},
    ).add_to(m)
    _DrawnMark().add_to(m)
    (south, west), (north, east) = fit_bounds(layer)
    m.fit_bounds([[south, west], [north, east]])
    return m
