"""The two forms of the Impor Data page: the kind and column mapping of one upload, and the confirmation
of unsure desa names (widgets, so they live in ui/; the page composes them)."""

from __future__ import annotations

import streamlit as st

from petakesos import data, ui
from petakesos.config import settings
from petakesos.features.impor import kolom, report, text, uploads, view
from petakesos.ingest import mapping


def choose(p: uploads.Preview) -> dict | None:
    """The kind and columns chosen for one readable upload (remembered ones pre-selected), its preview as
    mapped; None, with the reason shown, while it cannot be imported as mapped."""
    remembered = mapping.parse(data.query("app/impor_pemetaan"), p.layout_key)
    if p.correction:
        st.caption(text.CORRECTION.format(source=ui.plain(p.source)))
    own = p.path.parent.name  # the upload's generated folder: its widgets' keys
    kind = st.selectbox(
        text.KIND_SELECT, kolom.KIND_NAMES, kolom.KIND_NAMES.index(p.kind), text.KIND_LABELS.get, key=f"jenis_{own}"
    )
    st.caption(f"**{text.MAPPING_HEADING}** · {text.MAPPING_REMEMBERED if remembered else text.MAPPING_CAPTION}")
    suggested, grid = kolom.suggestion(p, remembered), st.columns(4)
    picks = [
        grid[i % 4].selectbox(
            ui.plain(h or f"(kolom {i + 1})"),
            kolom.options(kind),
            kolom.index_of(kind, suggested[h]),
            key=f"kolom_{own}_{kind}_{i}",
        )
        for i, h in enumerate(kolom.to_map(p))
    ]
    choice = kolom.chosen(p, picks)
    st.caption(view.preview_caption(p, kind))
    rows = kolom.preview_rows(p, choice)
    st.dataframe(rows, hide_index=True, height=ui.table_height(len(rows), 5))
    if problem := kolom.problem(p, choice, kind):
        st.error(ui.plain(problem), icon=":material/block:")
        return None
    return kolom.picked(p, kind, choice)


def confirm_desa(kabupaten: str, wilayah: str, store) -> None:
    """The unsure desa names of the quarantine with their candidates, to accept in a table; the choices are
    saved (desa_alias) and reused by the next import."""
    kab_code = report.kabupaten_of(kabupaten)
    unsure = report.unsure_desa(
        data.query("app/impor_karantina", wilayah=kab_code or wilayah, file_name="", alasan=report.DESA_REASON)
    )
    if unsure.empty or not kab_code:
        st.caption(text.DESA_NONE if unsure.empty else text.KABUPATEN_HELP)
    else:
        options = report.choices(data.connection(), kab_code, unsure)
        locked = [c for c in options.columns if c != "Pilih"]
        edited = st.data_editor(options, hide_index=True, disabled=locked, key="impor_desa_pilih")
        if st.button(text.DESA_SAVE, key="impor_desa_simpan"):
            try:
                n = report.confirm(settings(), store, kab_code, report.chosen(edited))
                (st.success if n else st.warning)(text.DESA_SAVED.format(n=n) if n else text.DESA_NO_CHOICE)
            except ValueError as exc:
                st.error(ui.plain(exc))
