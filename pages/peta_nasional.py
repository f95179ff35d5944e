"""Peta Nasional: every desa of the boundary store on one vector-tile map, coloured like the Peta PMKS page,
with the same desa panel on click."""

import streamlit as st

from petakesos import data, ui
from petakesos.config import settings
from petakesos.features import peta_nasional as pn
from petakesos.features.peta import view
from petakesos.features.peta.text import HELP_PERIODE
from petakesos.features.peta.text import TEXT as PETA_TEXT
from petakesos.features.peta_nasional.text import TEXT, UKURAN
from petakesos.ui import access, no_data
from petakesos.ui.vector_map import vector_map

access.require("admin", "provinsi", "kabupaten", "viewer")
filters = ui.page_filters()
no_data.stop_without_data(filters)
st.title(TEXT["title"])
st.caption(TEXT["intro"])
cfg = settings()
tiles = pn.tiles_state(cfg.static_dir, cfg.geo_dir)
if tiles is None:
    st.warning(TEXT["tanpa_ubin"])
    st.stop()
if tiles.stale:
    st.info(TEXT["ubin_lama"])

# --- Filters: measure, categories, period (the Peta page's, for all provinces) -------------------
years = view.years_until(data.query("app/tahun_with_data", wilayah=""), filters.tahun)
if st.session_state.get("pn_awal") not in years:
    st.session_state["pn_awal"] = filters.tahun
kat = data.query("app/kategori_with_kasus", wilayah="", tahun=filters.tahun)
kat_names = dict(zip(kat["kode"], kat["nama"]))
c1, c2, c3 = st.columns([1.1, 3, 1.1])
ukuran = c1.radio(TEXT["ukuran"], list(UKURAN), format_func=UKURAN.get, key="pn_ukuran")
kategori = c2.multiselect(
    TEXT["kategori"],
    list(kat_names),
    key="pn_kategori",
    placeholder=TEXT["kategori_ph"],
    format_func=lambda c: f"{c} {kat_names[c]}",
)
awal = c3.selectbox(TEXT["awal"], years, key="pn_awal", help=HELP_PERIODE)
c3.caption(TEXT["sampai_tahun"].format(tahun=filters.tahun))
choice = pn.choice_of(filters, ukuran, kategori, kat_names, awal)

# --- Map and the desa panel ------------------------------------------------------------------------
values = pn.map_values(data.query, choice)
if values.empty:
    st.info(TEXT["tanpa_data"])
    st.stop()
national = pn.national_map(tiles, values, choice)
map_area, panel = st.columns([2.8, 1.4])
with map_area:
    clicked = pn.clicked_code(vector_map(national.args, key="peta_nasional"), values)
    st.caption(ui.plain(national.about))
with panel:
    p = view.desa_panel(data.query, choice, clicked, "nasional")
    if p is None:
        st.info(TEXT["klik"])
    else:
        st.subheader(ui.plain(p.title))
        st.caption(ui.plain(p.caption))
        st.table(p.figures)
        st.markdown(f"**{PETA_TEXT['kategori_desa']}**")
        st.table(p.categories)
        ui.chart(p.trend, width="stretch", config={"displayModeBar": False})
        if choice.suppress:
            st.caption(PETA_TEXT["samar"])
