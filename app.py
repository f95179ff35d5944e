"""Peta Kesos: page config, the login gate and the page list of the signed-in role; each page lives in
pages/ and starts with access.require(...) and ui.page_filters()."""

import streamlit as st

from petakesos.auth import roles
from petakesos.ui import access, footer, login, store_check

st.set_page_config(page_title="Peta Kesos", page_icon="🗺️", layout="wide")

# Material icons ship with Streamlit's own fonts, so the navigation draws offline (emoji need a system font).
# The tab icon stays an emoji: Streamlit would fetch a material favicon from the internet.
PAGES = {
    "beranda": st.Page("pages/beranda.py", title="Beranda", icon=":material/home:", default=True),
    "peta": st.Page("pages/peta.py", title="Peta PMKS", icon=":material/map:"),
    "peta_nasional": st.Page("pages/peta_nasional.py", title="Peta Nasional", icon=":material/public:"),
    "cakupan": st.Page("pages/cakupan.py", title="Cakupan PSM", icon=":material/groups:"),
    "kuota": st.Page("pages/kuota.py", title="Rencana Kuota PSM", icon=":material/calculate:"),
    "pelatihan": st.Page("pages/pelatihan.py", title="Pelatihan PSM", icon=":material/school:"),
    "bandingkan": st.Page("pages/bandingkan.py", title="Bandingkan Kabupaten", icon=":material/leaderboard:"),
    "impor": st.Page("pages/impor.py", title="Impor Data", icon=":material/upload_file:"),
    "audit": st.Page("pages/audit.py", title="Audit", icon=":material/policy:"),
}

store_check.require_store()  # a missing, unreadable or outdated store: one plain page saying what to do

# A visitor without a session, or a link to a page outside the role: every page is routed (so no link
# meets Streamlit's "page not found"), none is listed, and the page's own access.require() draws the login
# form, the no-account text or the refusal instead of the page.
who = access.check()
if who is not None and who.session is not None:
    login.logout_button(who.session)
hidden = set(PAGES) - set(roles.pages_for(who.role)) if who else set()
if who is None or access.asks_for_other_page(hidden - {"impor"} if who.role == roles.GUEST else hidden):
    st.navigation(list(PAGES.values()), position="hidden").run()
    st.stop()
mine = roles.pages_for(who.role)
if who.role == roles.GUEST:
    mine = (*mine, "impor")  # shown so the demo says how to get in; the page asks for an admin login
st.navigation([PAGES[name] for name in mine]).run()
footer.show(PAGES["impor"], detail="impor" in mine)  # the figures' source; file names only for who may import
