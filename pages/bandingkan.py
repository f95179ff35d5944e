"""Bandingkan Kabupaten: every kabupaten/kota of a province side by side, to decide where to push."""

import streamlit as st

from petakesos import data, maps, ui
from petakesos.features import bandingkan
from petakesos.features.bandingkan import INDICATORS, charts, national, text, view
from petakesos.features.bandingkan import table as league
from petakesos.ui import access, no_data

access.require("admin", "provinsi", "kabupaten", "viewer")
filters = ui.page_filters()
no_data.stop_without_data(filters)
prov, highlight = view.scope(filters.wilayah, filters.tingkat)

scope_rows = data.query("app/sums_by_kabupaten_tahun", wilayah=prov)
all_rows = scope_rows if prov == "" else data.query("app/sums_by_kabupaten_tahun", wilayah="")
years = data.query("app/tahun_with_data", wilayah=prov)["tahun"].astype(int).tolist()
names = view.names(scope_rows)
scope_name = ui.display_name(prov) if prov else view.all_provinces_name(all_rows)

st.title(text.TITLE)
st.subheader(text.SUBTITLE.format(scope=scope_name, tahun=filters.tahun))

c1, c2, c3 = st.columns([2, 1, 1])
key = c1.selectbox(
    text.INDICATOR_LABEL,
    list(INDICATORS),
    format_func=lambda k: INDICATORS[k].label,
    key="bk_indikator",
    help=INDICATORS[st.session_state.get("bk_indikator", "desa_tanpa_psm")].help,
)
base_options = bandingkan.base_year_options(years, filters.tahun)
base_default = bandingkan.default_base_year(years, filters.tahun)
base = c2.selectbox(
    text.BASE_LABEL,
    base_options,
    key="bk_tahun_dasar",
    help=text.HELP_BASE,
    index=base_options.index(base_default) if base_options else None,
)
table = data.computed(view.league_table, scope_rows, all_rows, filters.tahun, base, key, filters.samarkan_kecil)

st.markdown(text.WORST_HEADING.format(label=INDICATORS[key].label, tahun=filters.tahun))
st.markdown("  \n".join(league.worst_lines(table, key, base)) or "–")
if highlight:
    st.caption(league.row_text(table, highlight, key))
st.caption(view.intro(table, filters.samarkan_kecil))
ui.replayed_dataframe(
    league.styled_table,
    *(table, base, key, highlight, filters.samarkan_kecil),
    hide_index=True,
    height=ui.table_height(len(table), 45),
    placeholder="–",
    key="bk_tabel",
)
sheets, params, file_name = view.export(table, base, key, filters.samarkan_kecil, scope_name, prov, filters.tahun)
with c3:
    ui.excel_download(text.EXPORT_LABEL, lambda: sheets, params, file_name=file_name, key="bk_unduh")

if filters.tingkat == "nasional":  # every kabupaten/kota of Indonesia, grey where no data yet
    nat = national.choropleth(data.query, data.boundaries, key, filters.tahun, base, filters.samarkan_kecil)
    st.header(nat.heading)
    st.caption(nat.caption)
    ui.map_panel(nat.layer, nat.values, nat.spec, key=nat.key, outline=nat.outline, height=560)

st.header(text.MAP_HEADING)
layer, outline = data.map_layers(prov, level="kab")
st.caption(text.MAP_NOTE.format(n=len(names)) + text.COLOUR_RULE)
spec = view.kabupaten_spec(key, scope_name, filters.tahun, filters.samarkan_kecil)
clicked = ui.map_panel(
    layer, data.computed(view.map_values, table, key), spec, key="bk_peta_kab", outline=outline, height=560
)
if clicked:
    st.caption(text.CLICKED.format(text=league.row_text(table, clicked, key)))

st.header(text.MULTI_HEADING)
picked = st.multiselect(
    text.MULTI_LABEL,
    list(names),
    default=bandingkan.default_selection(table, key, highlight),
    format_func=names.get,
    max_selections=6,
    key="bk_pilih",
)
if len(picked) < 2:
    st.info(text.MULTI_TOO_FEW)
else:
    values, together = view.small_multiples(
        {kab: data.query("app/sums_by_desa", wilayah=kab, tahun=filters.tahun) for kab in picked},
        key,
        filters.samarkan_kecil,
    )
    classes = maps.classify(together, "quantile", 5)
    st.caption(view.multi_note(key))
    columns = st.columns(2)  # two per row: three maps of 1366 px screens leave no room beside the legend
    for i, kab in enumerate(picked):
        with columns[i % len(columns)]:
            st.markdown(f"**{ui.plain(names[kab])}**")
            kab_layer, kab_outline = data.map_layers(kab, level="desa")
            kab_spec = view.desa_spec(key, names[kab], filters.tahun, filters.samarkan_kecil)
            kwargs = {"outline": kab_outline, "classes": classes, "height": 440}
            ui.map_panel(kab_layer, values[kab], kab_spec, key=f"bk_kecil_{kab}", **kwargs)

st.header(text.SCATTER_HEADING)
capacity = st.radio(
    text.SCATTER_LABEL,
    bandingkan.CAPACITY_KEYS,
    format_func=lambda k: INDICATORS[k].label,
    horizontal=True,
    key="bk_kapasitas",
)
st.caption(text.SCATTER_NOTE.format(median=league.median_of(table)))
marked = view.marked(highlight, picked)
ui.replayed_chart(charts.need_capacity, table, capacity, marked, 470, key="bk_sebaran")

st.header(text.TREND_HEADING)
trend_years = view.years_until(years, filters.tahun)
kab_trend, prov_trend = data.computed(view.trend, scope_rows, key, trend_years, filters.samarkan_kecil)
st.caption(text.TREND_NOTE)
ui.replayed_chart(charts.over_time, kab_trend, prov_trend, key, marked, names, key="bk_tren")
