"""The footer line of every page: which import the figures come from, linking to the import history on the
Impor Data page, so any figure can be traced to the files behind it (issue 12)."""

from __future__ import annotations

import streamlit as st

from petakesos import data, fmt
from petakesos.features.impor import text

IMPOR_PAGE = "pages/impor.py"
LAST = "Data terakhir diimpor: {tanggal} — {berkas} ({jenis})"
UPDATED = "Data terakhir diperbarui: {tanggal}"
NONE = "Data contoh (sintetis), belum ada impor"
LINK = "Riwayat impor"


def line(last, detail: bool = True) -> str:
    """The caption for the newest row of queries/app/impor_terakhir.sql (None or empty: no import yet);
    the file name made inert, never Markdown. Without `detail` (roles that may not open Impor Data) only the
    date: a file name may name another district."""
    if last is None or last.empty:
        return NONE
    row = last.iloc[0]
    if not detail:
        return UPDATED.format(tanggal=fmt.date(row["imported_at"]))
    kind = text.KIND_LABELS.get(row["kind"], row["kind"])
    return LAST.format(tanggal=fmt.date(row["imported_at"]), berkas=fmt.plain(row["file_name"]), jenis=kind)


def show(page=IMPOR_PAGE, detail: bool = True) -> None:
    """One small caption naming the last import and a link to the Impor Data page (`page`: its path or its
    st.Page); only the date and no link without `detail`; nothing when the store cannot be read (the page
    itself says why)."""
    try:
        last = data.query("app/impor_terakhir")
    except data.DatabaseMissing:
        return
    if not detail:
        st.caption(line(last, detail=False))
        return
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.caption(line(last))
    right.page_link(page, label=LINK, icon=":material/history:")
