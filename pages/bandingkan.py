"""Bandingkan Kabupaten: every kabupaten/kota of a province side by side, to decide where to push."""

import datetime as dt

import streamlit as st

from petakesos import data, excel, maps, ui
from petakesos.features import bandingkan
from petakesos.features.bandingkan import INDICATORS
from petakesos.features.bandingkan import charts as charts_bandingkan
from petakesos.features.bandingkan import table as bandingkan_table

TITLE = "Bandingkan Kabupaten/Kota"
ALL_PROVINCES = "Semua provinsi"
INTRO = (
    "Peringkat 1 = paling perlu didorong menurut indikator yang dipilih. Baris abu-abu adalah "
    "pembanding: nilai provinsi (dijumlah dulu, lalu dibagi) dan median semua kabupaten/kota di "
    "provinsi yang tercakup ({median}). Klik judul kolom untuk mengurutkan menurut kolom lain."
)
HELP_BASE = "Kolom Δ membandingkan tahun terpilih dengan tahun ini. Pilih tahun lalu untuk perubahan tahunan."
WORST_HEADING = "**Tiga terburuk — {label} ({tahun})**"
SMALL_COUNT_NOTE = 'Angka orang 1–4 (kasus, PSM) ditampilkan "<5".'
MAP_HEADING = "Peta kabupaten/kota"
MULTI_HEADING = "Berdampingan: desa/kelurahan di kabupaten/kota terpilih"
MULTI_LABEL = "Kabupaten/kota yang dibandingkan (2–6)"
MAP_NOTE = "Satu warna per kabupaten/kota ({n} kab/kota). "
COLOUR_RULE = (
    "Warna: oranye/merah = masalah (makin gelap makin buruk); hijau/biru = kapasitas (makin gelap makin baik)."
)
MULTI_NOTE = "Warna memakai kelas yang sama di semua peta, jadi dapat dibandingkan. Nilai per desa: {label}."
MULTI_TOO_FEW = "Pilih paling sedikit dua kabupaten/kota."
SCATTER_HEADING = "Kebutuhan dan kapasitas"
SCATTER_LABEL = "Kapasitas (sumbu mendatar)"
SCATTER_NOTE = (
    "Satu titik per kabupaten/kota, besar titik = jumlah penduduk. Garis putus-putus: median "
    "kabupaten/kota yang tampil di grafik ini (bisa berbeda dari baris median tabel, yang memakai "
    "{median}). Kiri atas = kebutuhan tinggi, kapasitas rendah."
)
TREND_HEADING = "Perubahan dari tahun ke tahun"
TREND_NOTE = (
    "Garis abu-abu: kabupaten/kota lain; garis putus-putus hitam: provinsi (untuk jumlah desa: median "
    "kabupaten/kota provinsi itu, dinamai di legenda). Untuk indikator perubahan (Δ) ditampilkan "
    "nilainya per tahun."
)
CLICKED = "Diklik: {text}"
SOURCE = "Data Peta Kesos (PMKS, PSM, penduduk desa)"
EXPORT_LABEL = "Unduh tabel (Excel)"

filters = ui.page_filters()
prov = filters.wilayah[:2]
highlight = filters.wilayah[:5] if filters.tingkat in ("kab", "kec") else None

scope_rows = data.query("app/sums_by_kabupaten_tahun", wilayah=prov)
all_rows = scope_rows if prov == "" else data.query("app/sums_by_kabupaten_tahun", wilayah="")
years = data.query("app/tahun_with_data", wilayah=prov)["tahun"].astype(int).tolist()
names = dict(zip(scope_rows["kode_kab"], scope_rows["nama_kab"]))
scope_name = ui.display_name(prov) if prov else f"{ALL_PROVINCES} ({', '.join(all_rows['nama_prov'].unique())})"

st.title(TITLE)
st.subheader(f"{scope_name} — {filters.tahun}")

c1, c2, c3 = st.columns([2, 1, 1])
key = c1.selectbox(
    "Indikator",
    list(INDICATORS),
    format_func=lambda k: INDICATORS[k].label,
    key="bk_indikator",
    help=INDICATORS[st.session_state.get("bk_indikator", "desa_tanpa_psm")].help,
)
base_options = bandingkan.base_year_options(years, filters.tahun)
base_default = bandingkan.default_base_year(years, filters.tahun)
base = c2.selectbox(
    "Tahun pembanding",
    base_options,
    key="bk_tahun_dasar",
    help=HELP_BASE,
    index=base_options.index(base_default) if base_options else None,
)
indicator = INDICATORS[key]

table = bandingkan.league_table(scope_rows, all_rows, filters.tahun, base, key)

st.markdown(WORST_HEADING.format(label=indicator.label, tahun=filters.tahun))
st.markdown("  \n".join(bandingkan_table.worst_lines(table, key, base)) or "–")
if highlight:
    st.caption(bandingkan_table.row_text(table, highlight, key))
median_of = bandingkan_table.median_of(table)
st.caption(INTRO.format(median=median_of) + (" " + SMALL_COUNT_NOTE if filters.samarkan_kecil else ""))
n_rows = len(table)
st.dataframe(
    bandingkan_table.styled_table(table, base, key, highlight, filters.samarkan_kecil),
    hide_index=True,
    height=min(n_rows, 45) * 35 + 38,
    placeholder="–",
    key="bk_tabel",
)
c3.download_button(
    EXPORT_LABEL,
    mime=excel.MIME,
    key="bk_unduh",
    on_click="ignore",
    icon=":material/download:",
    file_name=f"bandingkan_kabupaten_{prov or 'semua'}_{filters.tahun}.xlsx",
    data=excel.workbook(
        {"Bandingkan kabupaten": bandingkan_table.export_table(table, base, key, filters.samarkan_kecil)},
        bandingkan_table.export_parameters(
            scope_name, filters.tahun, base, key, filters.samarkan_kecil, dt.date.today()
        ),
    ),
)

st.header(MAP_HEADING)
layer, outline = data.map_layers(prov, level="kab")
look = bandingkan.kabupaten_map_look(key)
st.caption(MAP_NOTE.format(n=len(names)) + COLOUR_RULE)
spec = maps.MapSpec(
    title=indicator.label,
    subtitle=f"{scope_name} · {filters.tahun}",
    value_label=look.label,
    palette=look.palette,
    source_note=SOURCE,
    suppress_small=filters.samarkan_kecil,
    no_data_label=look.no_data_label,
)
clicked = ui.map_panel(layer, bandingkan.map_values(table, key), spec, key="bk_peta_kab", outline=outline, height=560)
if clicked:
    st.caption(CLICKED.format(text=bandingkan_table.row_text(table, clicked, key)))

st.header(MULTI_HEADING)
picked = st.multiselect(
    MULTI_LABEL,
    list(names),
    default=bandingkan.default_selection(table, key, highlight),
    format_func=names.get,
    max_selections=6,
    key="bk_pilih",
)
if len(picked) < 2:
    st.info(MULTI_TOO_FEW)
else:
    desa_look = bandingkan.desa_map_look(key)
    values, together = bandingkan.small_multiples(
        {kab: data.query("app/sums_by_desa", wilayah=kab, tahun=filters.tahun) for kab in picked}, key
    )
    classes = maps.classify(together, "quantile", 5)
    st.caption(MULTI_NOTE.format(label=desa_look.label) + " " + COLOUR_RULE)
    columns = st.columns(2)  # two per row: three maps of 1366 px screens leave no room beside the legend
    for i, kab in enumerate(picked):
        with columns[i % len(columns)]:
            st.markdown(f"**{names[kab]}**")
            kab_layer, kab_outline = data.map_layers(kab, level="desa")
            kab_spec = maps.MapSpec(
                title=names[kab],
                subtitle=str(filters.tahun),
                value_label=desa_look.label,
                palette=desa_look.palette,
                suppress_small=filters.samarkan_kecil,
                no_data_label=desa_look.no_data_label,
            )
            ui.map_panel(
                kab_layer,
                values[kab],
                kab_spec,
                key=f"bk_kecil_{kab}",
                outline=kab_outline,
                classes=classes,
                height=440,
            )

st.header(SCATTER_HEADING)
capacity = st.radio(
    SCATTER_LABEL,
    bandingkan.CAPACITY_KEYS,
    format_func=lambda k: INDICATORS[k].label,
    horizontal=True,
    key="bk_kapasitas",
)
st.caption(SCATTER_NOTE.format(median=median_of))
marked = list(dict.fromkeys([*([highlight] if highlight else []), *picked]))
st.plotly_chart(charts_bandingkan.need_capacity(table, capacity, marked, height=470), key="bk_sebaran")

st.header(TREND_HEADING)
kab_trend, prov_trend = bandingkan.trend(scope_rows, key, [y for y in years if y <= filters.tahun])
st.caption(TREND_NOTE)
st.plotly_chart(charts_bandingkan.over_time(kab_trend, prov_trend, key, marked, names), key="bk_tren")
