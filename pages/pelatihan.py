"""Pelatihan: how many PSM have Bimtek Dasar, whether that is improving, who is still waiting and which
areas lag — trends, training events, the readiness pipeline, Permensos 10/2019 checks and a map."""

import streamlit as st

from petakesos import data, ui
from petakesos.features import pelatihan
from petakesos.features.pelatihan import text, view
from petakesos.ui import access, no_data

access.require("admin", "provinsi", "kabupaten", "viewer")
filters = ui.page_filters()
no_data.stop_without_data(filters)
params = view.params(filters)


def show(build, *args) -> None:
    """The figure build(*args) makes, with its data as an Excel download beneath it (drawn once per data)."""
    ui.chart_with_download(build, *args, params=params)


ui.page_heading(text.TITLE, filters)

tren = data.query("app/psm_trained_by_unit_bulan", wilayah=filters.wilayah)
psm = data.query("app/psm_eligibility", wilayah=filters.wilayah, tahun=filters.tahun)
kegiatan = pelatihan.events(data.query("app/training_events", wilayah=filters.wilayah))
monthly, yearly = pelatihan.monthly_total(tren), pelatihan.yearly_total(tren)
if yearly.empty:
    st.info(text.NO_PSM)
    st.stop()

now, before = pelatihan.year_row(yearly, filters.tahun), pelatihan.year_row(yearly, filters.tahun - 1)
median = pelatihan.median_wait(psm, filters.tahun)
cards = view.metric_cards(now, before, median, pelatihan.n_failing(pelatihan.eligibility(psm)))
for column, card in zip([*st.columns(3), *st.columns(3)], cards):
    column.metric(**card)

st.header(text.TREND_HEADING)
st.caption(text.TREND_NOTE)
period = st.radio(
    text.PERIOD_LABEL, list(text.PERIODS), format_func=text.PERIODS.get, horizontal=True, key="pl_periode", index=1
)
show(view.trend_chart, monthly, yearly, period, filters)
per_unit = pelatihan.unit_years(tren)
show(view.percent_chart, per_unit, yearly, filters)
ranked = pelatihan.ranking(tren, filters.tahun)
if len(ranked) > 1:
    left, right = st.columns(2)
    with left:
        show(view.heatmap_chart, per_unit, ranked, filters)
    with right:
        show(view.ranking_chart, ranked, now, filters)

st.header(text.EVENTS_HEADING)
st.caption(text.EVENTS_NOTE)
if kegiatan.empty:
    st.info(text.NO_EVENTS)
else:
    show(view.events_chart, kegiatan, filters)
    ui.table(view.events_table(kegiatan), key="pl_tabel_kegiatan", digits=view.EVENT_DIGITS)

st.header(text.PIPELINE_HEADING.format(tahun=filters.tahun))
stages = pelatihan.pipeline(psm)
st.markdown(view.pipeline_note(stages, median, filters.tahun))
left, right = st.columns(2)
with left:
    show(view.funnel_chart, stages, filters)
with right:
    show(view.wait_chart, pelatihan.wait_histogram(psm, filters.tahun), filters)

st.header(text.CHECK_HEADING)
st.caption(text.CHECK_NOTE.format(tahun=filters.tahun))
ui.table(view.check_table(psm), key="pl_ringkas_syarat")
failing = pelatihan.failing(psm)
if failing.empty:
    st.success(text.CHECK_ALL_OK)
elif not access.sees_names():  # the list names people: only for the district's own staff
    st.info(text.CHECK_NAMES_HIDDEN)
else:
    ui.table(failing, key="pl_daftar_syarat")
    ui.excel_download(
        text.CHECK_EXCEL,
        lambda: {text.CHECK_SHEET: failing},
        params,
        file_name=view.file_name("psm_belum_memenuhi_syarat", filters),
        key="pl_xlsx_syarat",
    )

st.header(text.MAP_HEADING.format(tahun=filters.tahun))
tingkat = view.map_tingkat(filters.tingkat) or st.radio(
    text.MAP_LEVEL_LABEL, text.MAP_LEVEL_CHOICES, format_func=text.LEVELS.get, horizontal=True, key="pl_peta_tingkat"
)
level = view.MAP_LEVEL[tingkat]
peta = pelatihan.map_values(
    data.query("app/psm_trained_by_wilayah", wilayah=filters.wilayah, tahun=filters.tahun, tingkat=tingkat)
)
layer, outline = data.map_layers(filters.wilayah, level=level)
st.caption(text.MAP_NOTE)
clicked = ui.map_panel(layer, view.map_payload(peta), view.map_spec(filters), key=f"pl_peta_{level}", outline=outline)
# PSM counts are not masked: PSM are appointed by a public SK (only PMKS case counts are masked).
if note := view.clicked_text(peta, clicked):
    st.markdown(note)
shown = view.map_table(peta, tingkat)
ui.table(shown, key="pl_tabel_peta", digits=view.MAP_DIGITS, height=view.MAP_TABLE_HEIGHT)
ui.excel_download(
    text.MAP_EXCEL,
    lambda: {text.MAP_SHEET: shown},
    params,
    file_name=view.file_name("pelatihan_peta", filters),
    key="pl_xlsx_peta",
)
