"""Peta Kesos: page config and the page list; each page lives in pages/ and starts with ui.page_filters()."""

import streamlit as st

st.set_page_config(page_title="Peta Kesos", page_icon="🗺️", layout="wide")

# Material icons ship with Streamlit's own fonts, so the navigation draws offline (emoji need a system font).
# The tab icon stays an emoji: Streamlit would fetch a material favicon from the internet.
PAGES = [
    st.Page("pages/beranda.py", title="Beranda", icon=":material/home:", default=True),
    st.Page("pages/peta.py", title="Peta PMKS", icon=":material/map:"),
    st.Page("pages/cakupan.py", title="Cakupan PSM", icon=":material/groups:"),
    st.Page("pages/kuota.py", title="Rencana Kuota PSM", icon=":material/calculate:"),
    st.Page("pages/pelatihan.py", title="Pelatihan PSM", icon=":material/school:"),
    st.Page("pages/bandingkan.py", title="Bandingkan Kabupaten", icon=":material/leaderboard:"),
    st.Page("pages/impor.py", title="Impor Data", icon=":material/upload_file:"),
]

st.navigation(PAGES).run()
