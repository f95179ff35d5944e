"""Choropleth maps of cases per wilayah: what pages and commands import for maps.

The work is split by job: ``classes`` (class breaks as data), ``breaks`` (class breaks, colours,
labels), ``encode`` (compact geometry/value payloads), ``render`` (the Leaflet map and the Streamlit
component's arguments), ``export`` (offline HTML and PNG), ``spec`` (what a map shows), ``assets``
(Leaflet in static/), ``component/`` (the browser side). Typical page use::

    clicked = ui.map_panel(layer, values, spec, key="peta", outline=kec)   # in a page
    maps.export_html(maps.choropleth(layer, values, spec, outline_layer=kec), "peta.html")

Names are loaded on first use (PEP 562), so ``maps.Classes`` does not pull in folium, geopandas or
matplotlib: a pure module such as the quota planner stays light.
"""

from __future__ import annotations

import importlib

_SOURCES = {
    "Classes": "classes",
    "PALETTES": "breaks",
    "SCHEMES": "breaks",
    "classify": "breaks",
    "palette_colors": "breaks",
    "export_html": "export",
    "export_png": "export",
    "export_png_pair": "export",
    "map_html": "export",
    "pair_html": "export",
    "choropleth": "render",
    "map_parts": "render",
    "payload_bytes": "render",
    "restyle_payload": "render",
    "PALETTE_LABELS": "spec",
    "MapSpec": "spec",
}
__all__ = sorted(_SOURCES)


def __getattr__(name: str):
    if name not in _SOURCES:
        raise AttributeError(f"module 'petakesos.maps' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"petakesos.maps.{_SOURCES[name]}"), name)
    globals()[name] = value
    return value
