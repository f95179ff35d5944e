"""Cakupan PSM: which desa/kelurahan have no PSM or only untrained PSM, and where one PSM carries too
many PMKS cases — headline, two maps, tables per kabupaten/kecamatan/desa and an Excel download."""

import streamlit as st

from petakesos import data, fmt, ui
from petakesos.features import cakupan, peta
from petakesos.features.cakupan import text, view
from petakesos.ui import access, no_data

access.require("admin", "provinsi", "kabupaten", "viewer")
filters = ui.page_filters()
no_data.stop_without_data(filters)
suppress = filters.samarkan_kecil
ui.page_heading(text.TITLE, filters)

cov = cakupan.coverage(data.query("app/psm_kasus_by_desa", wilayah=filters.wilayah, tahun=filters.tahun))
if cov.empty:
    st.info(text.EMPTY)
    st.stop()
t = cakupan.totals(cov)
st.header(cakupan.headline(t))
for column, card in zip([*st.columns(3), *st.columns(3)], view.metric_cards(t, suppress)):
    column.metric(**card)

if filters.tingkat == "nasional":
    st.info(text.NASIONAL)
else:
    layer, outline = data.map_layers(filters.wilayah, "desa")
    status = cakupan.status_values(cov)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{text.MAP_STATUS}**")
        clicked_a = ui.map_panel(
            layer,
            status.assign(peringkat=float("nan")),
            view.status_spec(filters),
            key=f"ck_status_{filters.wilayah}",
            outline=outline,
            classes=cakupan.status_classes(status["nilai"]),
            height=view.MAP_HEIGHT,
        )
        st.caption(text.STATUS_NOTE)
    with right:
        st.markdown(f"**{text.MAP_BEBAN}**")
        nd_label, n_missing = cakupan.unserved_legend(cov, layer["kode"])
        clicked_b = ui.map_panel(
            layer,
            cakupan.load_values(cov, suppress),
            view.load_spec(filters, nd_label),
            key=f"ck_beban_{filters.wilayah}",
            outline=outline,
            height=view.MAP_HEIGHT,
        )
        st.caption(text.BEBAN_NOTE)
        if n_missing:
            st.caption(text.NO_DATA_NOTE.format(n=fmt.number(n_missing)))
    if line := cakupan.click_text(cov, clicked_b or clicked_a, suppress):
        st.markdown(ui.plain(line))

tables = cakupan.coverage_tables(cov, filters.tingkat, suppress, text=True)
for i, ((name, table), caption) in enumerate(zip(tables.items(), view.table_captions(tables))):
    st.subheader(name)
    st.caption(caption)
    ui.table(table, key=f"ck_tabel_{i}", digits=cakupan.TABLE_DIGITS)
if suppress:
    st.caption(text.SMALL_NOTE)
ui.excel_download(
    text.EXCEL,
    lambda: cakupan.coverage_tables(cov, filters.tingkat, suppress, text=False),
    view.parameters(filters, demo=peta.is_demo(data.query("app/dataset_meta"))),
    file_name=view.file_name(filters),
    key="ck_xlsx",
)
