"""Choropleth maps of cases per wilayah: the one module pages import for maps.

The work is split by job: ``maps_classify`` (class breaks, colours, labels), ``maps_encode``
(compact geometry/value payloads), ``maps_render`` (the Leaflet map), ``maps_export`` (offline
HTML and PNG). Typical page use::

    clicked = ui.map_panel(layer, values, spec, key="peta", outline=kec)   # in a page
    maps.export_html(maps.choropleth(layer, values, spec, outline_layer=kec), "peta.html")
"""

from __future__ import annotations

from petakesos.maps_classify import PALETTES, SCHEMES, Classes, classify, palette_colors
from petakesos.maps_export import (
    export_html,
    export_png,
    export_png_pair,
    map_html,
    pair_html,
)
from petakesos.maps_render import choropleth, map_parts, payload_bytes, restyle_payload
from petakesos.maps_spec import PALETTE_LABELS, MapSpec

__all__ = [
    "PALETTES",
    "PALETTE_LABELS",
    "SCHEMES",
    "Classes",
    "MapSpec",
    "choropleth",
    "classify",
    "export_html",
    "export_png",
    "export_png_pair",
    "map_html",
    "map_parts",
    "pair_html",
    "palette_colors",
    "payload_bytes",
    "restyle_payload",
]
