"""Peta Kesos: page config and the page list; each page lives in pages/ and starts with ui.page_filters()."""

import streamlit as st

st.set_page_config(page_title="Peta Kesos", page_icon="🗺️", layout="wide")

PAGES = [
    st.Page("pages/beranda.py", title="Beranda", icon="🏠", default=True),
]

st.navigation(PAGES).run()
