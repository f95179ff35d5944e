"""Peta PMKS: PMKS cases per 1,000 residents (or counts) per desa, with drill-down, desa panel and exports."""

import streamlit as st

from petakesos import data, maps, ui
from petakesos.features import peta
from petakesos.features.peta import detail, view
from petakesos.features.peta.text import HELP_PERIODE, SCHEMES, TEXT, UKURAN
from petakesos.ui import access, blocks, no_data

access.require("admin", "provinsi", "kabupaten", "viewer")
# A map click that zooms is applied before the sidebar draws its pickers.
if pending := st.session_state.pop("peta_drill", None):
    ui.move_pickers(pending)
presentation = bool(st.session_state.get("peta_presentasi"))
filters = ui.page_filters(banner=not presentation)  # presentation: the map's footer says "data contoh"
no_data.stop_without_data(filters)
if presentation:
    ui.presentation_layout(TEXT["keluar"], "peta_presentasi")
hidden = st.container(key="presentasi_sembunyi") if presentation else st.container()
hidden.title(TEXT["title"])

# --- Filters: measure, categories, period (hidden, still running, in presentation mode) ----------
years = view.years_until(data.query("app/tahun_with_data", wilayah=filters.wilayah), filters.tahun)
if st.session_state.get("peta_awal") not in years:
    st.session_state["peta_awal"] = filters.tahun
kat = data.query("app/kategori_with_kasus", wilayah=filters.wilayah, tahun=filters.tahun)
kat_names = dict(zip(kat["kode"], kat["nama"]))
c1, c2, c3 = hidden.columns([1.1, 3, 1.1])
ukuran = c1.radio(TEXT["ukuran"], list(UKURAN), format_func=UKURAN.get, key="peta_ukuran")
kategori = c2.multiselect(
    TEXT["kategori"],
    list(kat_names),
    key="peta_kategori",
    placeholder=TEXT["kategori_ph"],
    format_func=lambda c: f"{c} {kat_names[c]}",
)
awal = c3.selectbox(TEXT["awal"], years, key="peta_awal", help=HELP_PERIODE)
c3.caption(TEXT["sampai_tahun"].format(tahun=filters.tahun))
banding = None
with hidden.expander(TEXT["tampilan"], expanded=False):
    e1, e2, e3, e4 = st.columns(4)
    scheme = e1.selectbox(TEXT["skema"], list(SCHEMES), format_func=SCHEMES.get, key="peta_skema")
    k = e2.slider(TEXT["kelas"], 3, 7, 5, key="peta_kelas")
    palette = e3.selectbox(TEXT["palet"], list(maps.PALETTES), format_func=maps.PALETTE_LABELS.get, key="peta_palet")
    e4.toggle(TEXT["presentasi"], key="peta_presentasi", help=TEXT["presentasi_help"])
    bubbles = e4.toggle(TEXT["lingkaran"], key="peta_lingkaran", help=TEXT["lingkaran_help"], disabled=ukuran != "rate")
    if e1.toggle(TEXT["banding"], key="peta_banding", help=TEXT["banding_help"]):
        b_awal = e2.selectbox(TEXT["banding_awal"], years, key="peta_banding_awal", index=0)
        b_akhir = e3.selectbox(TEXT["banding_akhir"], [y for y in years if y >= b_awal], key="peta_banding_akhir")
        banding = peta.Periode(b_awal, b_akhir)
periode = peta.Periode(awal, filters.tahun)
choice = view.Choice.of(
    filters, ukuran, kategori, kat_names, periode, scheme, k, palette, presentation, bubbles, banding
)

# --- Data ----------------------------------------------------------------------------------------
m = view.map_set(data.query, choice)
if m is None:
    st.info(TEXT["tanpa_data"])
    st.stop()
layer, outline = view.clip_layers(data.map_layers(filters.wilayah, choice.level), choice.level, m.values)
table = detail.table_frame(m.values, m.classes, ukuran, choice.suppress, choice.level)
table_key = f"peta_tabel_{filters.wilayah}_{st.session_state.get('peta_cari', '')}"
shown = detail.filter_table(table, st.session_state.get("peta_cari", ""))
row_kode = view.selected_code(shown, st.session_state.get(table_key))

# --- Map(s) and the desa panel -------------------------------------------------------------------
if up := peta.parent_target(filters.wilayah):
    back = TEXT["kembali"].format(nama=ui.display_name(view.parent_code(up)))
    hidden.button(back, on_click=ui.move_pickers, args=(up,), icon=":material/arrow_upward:")
zooms = filters.tingkat in ("nasional", "prov")
hidden.caption(TEXT["hint_zoom"] if zooms else TEXT["hint_desa"])
previous = st.session_state.get("peta_pilihan", peta.Pilihan())
if zooms:  # clicks zoom here, so only a table row can open the panel: no empty column beside the map
    previous = st.session_state["peta_pilihan"] = peta.choose(previous, None, row_kode, filters.wilayah)
side = not presentation and not m.compare and (not zooms or previous.kode is not None)
map_area, panel = st.columns([2.4, 1.6]) if side else (st.container(), st.container())
key = f"peta_{filters.wilayah or 'semua'}"
with map_area:
    clicked = None
    for i, ((v, s), spot) in enumerate(zip(m.sides, st.columns(2) if m.compare else [st.container()])):
        with spot:
            kwargs = {"outline": outline, "classes": m.classes, "bubbles_col": m.bubbles_col, "height": 620}
            clicked = ui.map_panel(layer, v, s, key=key + ("_b" if i else ""), **kwargs) or clicked
            if m.compare:
                st.caption(ui.plain(view.side_caption(s)))
    st.caption(ui.plain(view.about(m)))

target = peta.drill_target(filters.wilayah, clicked) if zooms else None
if target and st.session_state.get("peta_klik_diproses") != (filters.wilayah, clicked):
    st.session_state["peta_klik_diproses"] = (filters.wilayah, clicked)
    st.session_state["peta_drill"] = target
    st.rerun()

pilihan = peta.choose(previous, None if zooms else clicked, row_kode, filters.wilayah)
st.session_state["peta_pilihan"] = pilihan
with panel:
    p = view.desa_panel(data.query, choice, pilihan.kode, filters.tingkat)
    if p is None and not zooms:
        st.info(TEXT["hint_desa"])
    elif p is not None:
        st.subheader(ui.plain(p.title))
        st.caption(ui.plain(p.caption))
        st.table(p.figures)  # wraps in a narrow panel, never clips
        st.markdown(f"**{TEXT['kategori_desa']}**")
        st.table(p.categories)
        ui.chart(p.trend, width="stretch", config={"displayModeBar": False})
        if choice.suppress:
            st.caption(TEXT["samar"])
        if p.zoom:
            st.button(p.zoom_label, on_click=ui.move_pickers, args=(p.zoom,), type="primary", icon=":material/zoom_in:")

# --- Downloads and the list ----------------------------------------------------------------------
for column, d in zip(st.columns(3), view.downloads(layer, outline, choice, m, shown)):
    blocks.file_download(column, d.label, d.data, d.file_name, d.mime)
st.subheader(TEXT["daftar"])
st.text_input(TEXT["cari"], key="peta_cari", placeholder=TEXT["cari_ph"])
selection = {"on_select": "rerun", "selection_mode": "single-row", "hide_index": True, "width": "stretch"}
listed = shown.head(view.LIST_MAX_ROWS)  # the top of the ranking; the search box reaches any other row
st.dataframe(detail.table_styler(listed), key=table_key, height=420, **selection)
st.caption(view.rows_caption(len(listed), len(shown), len(table)))
if choice.suppress and choice.level == "kab":  # what "10–13" means at the all-provinces view
    st.caption(TEXT["samar_kab"])
