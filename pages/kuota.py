"""Rencana Kuota PSM: where the next N PSM should go in a kabupaten/kecamatan, by a stated method, with a
reason per desa, before/after figures, a map and an Excel sheet to hand on."""

import streamlit as st

from petakesos import data, fmt, ui
from petakesos.allocate import engine
from petakesos.features import cakupan, kuota, peta
from petakesos.features.kuota import text, view
from petakesos.ui import access, no_data

access.require("admin", "provinsi", "kabupaten", "viewer")
filters = ui.page_filters()
no_data.stop_without_data(filters)
suppress = filters.samarkan_kecil
ui.page_heading(text.TITLE, filters)
if problem := kuota.scope_problem(filters.tingkat):
    st.info(problem)
    st.stop()
rows = data.query("app/psm_kasus_by_desa", wilayah=filters.wilayah, tahun=filters.tahun)
if rows.empty:
    st.error(cakupan.MSG["no_data"].format(nama=filters.nama, tahun=filters.tahun))
    st.stop()
units = kuota.units(rows)
desa_options = kuota.desa_options(units)
st.markdown(text.NOW.format(headline=cakupan.headline(cakupan.totals(cakupan.coverage(rows)))))

c1, c2, c3 = st.columns([1, 2, 1.3])
slots_text = c1.text_input(text.SLOTS, key="kuota_slot", placeholder=text.SLOTS_PLACEHOLDER, help=text.SLOTS_HELP)
method = c2.selectbox(
    text.METHOD, engine.METHODS, format_func=engine.METHOD_LABELS.get, key="kuota_metode", help=text.METHOD_HELP
)
need = c3.radio(text.NEED, engine.NEEDS, format_func=engine.NEED_LABELS.get, key="kuota_kebutuhan")
quota, floor_one = None, False
with st.expander(text.LIMITS):
    b1, b2 = st.columns([1, 3])
    max_per_desa = b1.number_input(
        text.MAX_PER_DESA, min_value=0, value=None, step=1, key="kuota_maks", help=text.MAX_PER_DESA_HELP
    )
    exclude = b2.multiselect(
        text.EXCLUDE,
        list(desa_options),
        key=f"kuota_kecuali_{filters.wilayah}",
        placeholder=text.EXCLUDE_PLACEHOLDER,
        format_func=desa_options.get,
    )
    if method == "webster_kecamatan":
        floor_one = st.checkbox(text.FLOOR_ONE, key="kuota_lantai")
    if kuota.several_kecamatan(units) and st.toggle(text.QUOTA, key="kuota_pakai_kuota", help=text.QUOTA_HELP):
        edited = st.data_editor(
            kuota.quota_frame(units, suppress),
            hide_index=True,
            key=f"kuota_kec_{filters.wilayah}",
            disabled=kuota.QUOTA_READONLY,
            column_config={kuota.QUOTA_COLUMN: st.column_config.NumberColumn(min_value=0, step=1, format="%d")},
        )
        quota = kuota.quota_from_editor(edited)
        st.caption(text.QUOTA_SUM.format(n=fmt.number(sum(quota.values())), slots=slots_text or "?"))

if not slots_text.strip():
    st.info(text.ASK_SLOTS)
    st.stop()
try:
    params = kuota.allocation_params(
        slots_text,
        method=method,
        need=need,
        max_per_desa=max_per_desa,
        exclude=exclude,
        quota=quota,
        floor_one=floor_one,
    )
    result = engine.allocate(units, params)
except engine.AllocationError as exc:
    st.error(str(exc))
    st.stop()
if need == "kasus" and not kuota.has_population(units):
    st.warning(cakupan.MSG["no_pop"].format(nama=filters.nama))
summary = engine.summarize(result)

st.header(text.RESULT)
left, right = st.columns([2, 3])
with left:
    st.table(kuota.summary_shown(summary, suppress))
    st.caption(engine.BEBAN_DEFINITION)
with right:
    st.markdown(f"**{text.MAP}**")
    layer, outline = data.map_layers(filters.wilayah, "desa")
    clicked = ui.map_panel(
        layer,
        kuota.slot_values(result),
        view.map_spec(filters, params),
        key=f"kuota_peta_{filters.wilayah}",
        outline=outline,
        height=view.MAP_HEIGHT,
    )
with left:
    if line := kuota.reason_line(result, clicked, suppress):
        st.info(ui.plain(line))
    else:
        st.caption(text.CLICK)

st.subheader(text.REASONS)
only = st.toggle(text.ONLY_SLOTS, value=True, key="kuota_hanya")
st.table(fmt.styled(kuota.allocation_table(result, suppress, screen=True, only_slots=only)))  # reasons wrap
st.subheader(text.PER_KEC)
ui.table(kuota.kecamatan_table(result, suppress), key="kuota_tabel_kec")
if suppress:
    st.caption(text.SMALL_NOTE)
ui.excel_download(
    text.EXCEL,
    lambda: kuota.sheets(result, summary, suppress),
    view.sheet(filters, params, units, demo=peta.is_demo(data.query("app/dataset_meta"))),
    file_name=view.file_name(filters, params),
    key="kuota_xlsx",
)
