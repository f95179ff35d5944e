"""The page shown instead of the app when the store cannot serve it: missing, unreadable or of an older
schema. It says what is wrong and the command that fixes it, as plain text, never a traceback."""

from __future__ import annotations

import streamlit as st

from petakesos import data
from petakesos.fmt import plain

TITLE = "Peta Kesos belum dapat menampilkan data"


def require_store() -> None:
    """Stop the run with a clear page when the store is not usable; call before st.navigation(...).run()."""
    problem = data.store_problem()
    if problem is None:
        return
    st.title(TITLE)
    st.error(plain(problem), icon=":material/database:")
    st.stop()
