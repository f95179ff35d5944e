"""The one choropleth widget every page uses (the offline map component), the note on villages the map
cannot draw, and presentation mode."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from petakesos import data, fmt, maps
from petakesos.maps import render as maps_render
from petakesos.maps.component import COMPONENT_NAME, FRONTEND
from petakesos.ui.sidebar import plain

# The one map widget (petakesos/maps/component): declared once per process, served from its folder.
_map_component = components.declare_component(COMPONENT_NAME, path=str(FRONTEND))


def map_panel(
    layer: gpd.GeoDataFrame,
    values: pd.DataFrame,
    spec: maps.MapSpec,
    *,
    key: str,
    outline: gpd.GeoDataFrame | None = None,
    value_col: str = "nilai",
    classes: maps.Classes | None = None,
    bubbles_col: str | None = None,
    height: int = 620,
) -> str | None:
    """Draw the one choropleth every page uses; return the code of the clicked polygon, if any.

    The map component keeps its Leaflet map for as long as `key` stays the same: a rerun with the same
    polygons only restyles them, and panning or zooming never reruns the script. The last click stays
    the answer until the next one, as a widget value does.
    """
    if layer.empty:
        st.info("Tidak ada batas wilayah untuk pilihan ini.")
        return None
    scope = _common_scope(layer)
    if str(layer["kode"].iloc[0]).count(".") == 3:
        unmapped_note(scope)
    parts = maps_render.map_parts(
        layer, values, spec, value_col=value_col, outline_layer=outline, bubbles_col=bubbles_col, classes=classes
    )
    state = _map_component(**maps_render.component_args(parts, name=key, height=height), key=key, default=None)
    kode = state.get("kode") if isinstance(state, dict) else None
    # The browser only names polygons it was sent, but a stale click may name one of an older layer.
    return str(kode) if kode is not None and (layer["kode"].astype(str) == str(kode)).any() else None


def _common_scope(layer: gpd.GeoDataFrame) -> str:
    """The narrowest code that contains every polygon of the layer ('' when they span provinces)."""
    for column in ("kode_kec", "kode_kab", "kode_prov"):
        if column in layer and layer[column].nunique() == 1:
            return str(layer[column].iloc[0])
    return ""


def unmapped_note(scope: str) -> None:
    """Name the villages the map cannot draw, so nobody reads their absence as zero."""
    missing = data.query("app/desa_without_polygon", wilayah=scope)
    if missing.empty:
        return
    names = ", ".join(f"{plain(r.nama)} (Kec. {plain(r.nama_kec)})" for r in missing.head(12).itertuples())
    more = f" dan {fmt.number(len(missing) - 12)} lainnya" if len(missing) > 12 else ""
    st.caption(
        f"{fmt.number(len(missing))} desa/kelurahan belum memiliki batas peta: {names}{more}. Angkanya tetap dihitung "
        "di tabel dan pada kecamatannya; di peta desa, wilayahnya kemungkinan masih tergambar sebagai bagian "
        "desa induknya."
    )


# Presentation mode: the page's own content only, edge to edge (sidebar, header and page padding hidden).
_PRESENTATION_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], .st-key-presentasi_sembunyi { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.4rem 0.6rem 0 0.6rem !important;
  max-width: 100% !important; }
.st-key-presentasi_keluar { position: fixed; top: 8px; right: 80px; z-index: 999990; width: auto !important; }
</style>"""


def presentation_layout(exit_label: str, state_key: str) -> None:
    """Hide the sidebar, header and everything put in ``st.container(key="presentasi_sembunyi")`` (those
    widgets still run, so they keep their values), and float a button that turns `state_key` off."""
    st.html(_PRESENTATION_CSS)
    st.button(
        exit_label,
        key="presentasi_keluar",
        icon=":material/close_fullscreen:",
        on_click=lambda: st.session_state.update({state_key: False}),
    )
