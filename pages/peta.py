"""Peta PMKS: PMKS cases per 1,000 residents (or counts) per desa, with drill-down, desa panel and exports."""

from functools import partial

import streamlit as st

from petakesos import data, excel, fmt, maps, ui
from petakesos.features import peta
from petakesos.features.peta import detail

TEXT = {
    "title": "Peta PMKS",
    "ukuran": "Ukuran",
    "kategori": "Kategori PMKS",
    "kategori_ph": "Semua kategori (26)",
    "awal": "Mulai tahun",
    "tampilan": "Tampilan peta dan perbandingan",
    "skema": "Klasifikasi",
    "kelas": "Jumlah kelas",
    "palet": "Palet warna (aman buta warna)",
    "lingkaran": "Lingkaran kasus",
    "lingkaran_help": "Lingkaran sebanding dengan jumlah kasus absolut, di atas warna per 1.000 penduduk.",
    "banding": "Bandingkan dua periode",
    "banding_help": "Dua peta berdampingan dengan kelas dan warna yang sama, agar perubahan terlihat jujur.",
    "banding_awal": "Periode pembanding: mulai",
    "banding_akhir": "sampai",
    "presentasi": "Mode presentasi",
    "presentasi_help": "Huruf besar, peta selebar layar, judul dan legenda di atas peta — untuk rapat.",
    "hint_zoom": "Klik sebuah wilayah pada peta untuk memperbesar ke kabupatennya.",
    "hint_desa": "Klik desa pada peta (atau pilih baris di tabel) untuk melihat rinciannya.",
    "kembali": "Kembali ke {nama}",
    "perbesar": "Perbesar ke Kecamatan {nama}",
    "unduh_html": "Peta (HTML offline)",
    "unduh_png": "Peta (PNG)",
    "unduh_html_2": "2 peta berdampingan (HTML offline)",
    "unduh_png_2": "2 peta berdampingan (PNG, satu slide)",
    "unduh_xlsx": "Tabel (Excel)",
    "keluar": "Keluar dari mode presentasi",
    "daftar": "Daftar wilayah pada peta",
    "cari": "Cari desa/kecamatan",
    "cari_ph": "ketik nama atau kode…",
    "n_baris": "{n} dari {total} wilayah ditampilkan. Klik judul kolom untuk mengurutkan.",
    "kategori_desa": "Kasus per kategori",
    "tren": "Tren per tahun",
    "samar": 'Angka 1–4 ditampilkan "<5" (lihat sidebar).',
    "tanpa_data": "Tidak ada desa dengan data untuk pilihan ini.",
}
SCHEMES = {"quantile": "Kuantil", "fisher_jenks": "Natural breaks (Fisher-Jenks)", "equal_interval": "Interval sama"}


# A map click that zooms is applied before the sidebar draws its pickers.
pending = st.session_state.pop("peta_drill", None)
if pending:
    ui.move_pickers(pending)

presentation = bool(st.session_state.get("peta_presentasi"))
filters = ui.page_filters(banner=not presentation)  # presentation: the map's footer says "data contoh"
suppress = filters.samarkan_kecil
if presentation:
    ui.presentation_layout(TEXT["keluar"], "peta_presentasi")
hidden = st.container(key="presentasi_sembunyi") if presentation else st.container()
hidden.title(TEXT["title"])

# --- Filters: measure, categories, period (hidden, still running, in presentation mode) ----------
years = [
    y for y in data.query("app/tahun_with_data", wilayah=filters.wilayah)["tahun"].astype(int) if y <= filters.tahun
]
years = years or [filters.tahun]
if st.session_state.get("peta_awal") not in years:
    st.session_state["peta_awal"] = filters.tahun
kat = data.query("app/kategori_with_kasus", wilayah=filters.wilayah, tahun=filters.tahun)
kat_names = dict(zip(kat["kode"], kat["nama"]))
c1, c2, c3 = hidden.columns([1.1, 3, 1.1])
ukuran = c1.radio(TEXT["ukuran"], list(peta.UKURAN), format_func=peta.UKURAN.get, key="peta_ukuran")
kategori = c2.multiselect(
    TEXT["kategori"],
    list(kat_names),
    key="peta_kategori",
    placeholder=TEXT["kategori_ph"],
    format_func=lambda c: f"{c} {kat_names[c]}",
)
awal = c3.selectbox(TEXT["awal"], years, key="peta_awal", help=peta.HELP_PERIODE)
c3.caption(f"sampai {filters.tahun} (tahun di sidebar)")
periode = peta.Periode(awal, filters.tahun)

with hidden.expander(TEXT["tampilan"], expanded=False):
    e1, e2, e3, e4 = st.columns(4)
    scheme = e1.selectbox(TEXT["skema"], list(SCHEMES), format_func=SCHEMES.get, key="peta_skema")
    k = e2.slider(TEXT["kelas"], 3, 7, 5, key="peta_kelas")
    palette = e3.selectbox(TEXT["palet"], list(maps.PALETTES), format_func=maps.PALETTE_LABELS.get, key="peta_palet")
    e4.toggle(TEXT["presentasi"], key="peta_presentasi", help=TEXT["presentasi_help"])
    bubbles = e4.toggle(TEXT["lingkaran"], key="peta_lingkaran", help=TEXT["lingkaran_help"], disabled=ukuran != "rate")
    compare = e1.toggle(TEXT["banding"], key="peta_banding", help=TEXT["banding_help"])
    if compare:
        b_awal = e2.selectbox(TEXT["banding_awal"], years, key="peta_banding_awal", index=0)
        b_akhir = e3.selectbox(TEXT["banding_akhir"], [y for y in years if y >= b_awal], key="peta_banding_akhir")
        periods = peta.chronological(peta.Periode(b_awal, b_akhir), periode)  # earlier period on the left

# --- Data ----------------------------------------------------------------------------------------
level = peta.map_level(filters.wilayah)


def period_values(p: peta.Periode):
    return peta.values_frame(peta.aggregate(peta.fetch_rows(data.query, filters.wilayah, p, kategori), level), ukuran)


values = period_values(periode)
layer, outline = data.map_layers(filters.wilayah, level)
if level == "kab":
    layer, outline = peta.within_provinces(layer, values), peta.within_provinces(outline, values)
if values.empty:
    st.info(TEXT["tanpa_data"])
    st.stop()
kategori_text = peta.kategori_label(kategori, kat_names)
demo = peta.is_demo(data.query("app/dataset_meta"))


def spec_for(p: peta.Periode, **extra):
    asof = fmt.date(data.query("app/last_case_date", wilayah=filters.wilayah, tahun=p.akhir)["data_per"].iloc[0])
    return peta.map_spec(
        ukuran=ukuran,
        kategori_text=kategori_text,
        wilayah_nama=filters.nama,
        scheme=scheme,
        k=k,
        palette=palette,
        asof=asof,
        demo=demo,
        presentation=presentation,
        suppress_small=suppress,
        level=level,
        periode=p,
        **extra,
    )


spec = spec_for(periode)
bubbles_col = "kasus" if bubbles and ukuran == "rate" else None
if compare:
    pair = [values if p == periode else period_values(p) for p in periods]
    pair_specs = [spec_for(p, show_title=True) for p in periods]
    classes = peta.shared_classes(pair[0]["nilai"], pair[1]["nilai"], scheme, k)
else:
    classes = maps.classify(values["nilai"], scheme, k)

table = detail.table_frame(values, classes, ukuran, suppress, level)
table_key = f"peta_tabel_{filters.wilayah}_{st.session_state.get('peta_cari', '')}"
shown = detail.filter_table(table, st.session_state.get("peta_cari", ""))
rows_selected = (st.session_state.get(table_key) or {}).get("selection", {}).get("rows", [])
row_kode = (
    str(shown[detail.COL_KODE].iloc[rows_selected[0]]) if rows_selected and rows_selected[0] < len(shown) else None
)

# --- Map(s) and the desa panel -------------------------------------------------------------------
up = peta.parent_target(filters.wilayah)
if up:
    parent = up["pilih_kec"] or up["pilih_kab"] or up["pilih_prov"]
    hidden.button(
        TEXT["kembali"].format(nama=ui.display_name(parent)),
        on_click=ui.move_pickers,
        args=(up,),
        icon=":material/arrow_upward:",
    )
zooms = filters.tingkat in ("nasional", "prov")
hidden.caption(TEXT["hint_zoom"] if zooms else TEXT["hint_desa"])
if zooms:  # clicks zoom here, so only a table row can open the panel: no empty column beside the map
    st.session_state["peta_pilihan"] = peta.choose(
        st.session_state.get("peta_pilihan", peta.Pilihan()), None, row_kode, filters.wilayah
    )
side = not presentation and not compare and (not zooms or st.session_state["peta_pilihan"].kode is not None)
map_area, panel = st.columns([2.4, 1.6]) if side else (st.container(), st.container())
key = f"peta_{filters.wilayah or 'semua'}"
with map_area:
    sides = list(zip(pair, pair_specs)) if compare else [(values, spec)]
    clicked = None
    for i, ((v, s), spot) in enumerate(zip(sides, st.columns(2) if compare else [st.container()])):
        with spot:
            clicked = (
                ui.map_panel(
                    layer,
                    v,
                    s,
                    key=key + ("_b" if i else ""),
                    outline=outline,
                    classes=classes,
                    bubbles_col=bubbles_col,
                    height=620,
                )
                or clicked
            )
            if compare:
                st.caption(ui.plain(f"{s.subtitle} · Data per {s.asof}"))
    about = (
        f"{spec.classification_text(classes.k)}, sama untuk kedua peta"
        if compare
        else f"{spec.subtitle} · {spec.classification_text(classes.k)}"
    )
    st.caption(ui.plain(f"{spec.title} · {about}. {peta.HELP_PERIODE}"))

target = peta.drill_target(filters.wilayah, clicked) if zooms else None
if target and st.session_state.get("peta_klik_diproses") != (filters.wilayah, clicked):
    st.session_state["peta_klik_diproses"] = (filters.wilayah, clicked)
    st.session_state["peta_drill"] = target
    st.rerun()

pilihan = peta.choose(
    st.session_state.get("peta_pilihan", peta.Pilihan()), None if zooms else clicked, row_kode, filters.wilayah
)
st.session_state["peta_pilihan"] = pilihan
with panel:
    if pilihan.kode:
        ctx = peta.values_frame(peta.fetch_rows(data.query, peta.kabupaten_of(pilihan.kode), periode, kategori), ukuran)
        d = detail.desa_detail(ctx, pilihan.kode, ukuran, suppress)
    else:
        d = None
    if d is None:
        if not zooms:
            st.info(TEXT["hint_desa"])
    else:
        st.subheader(ui.plain(d["nama"]))
        st.caption(ui.plain(f"Kec. {d['kecamatan']}, {d['kabupaten']} · {periode.label} · {kategori_text}"))
        psm = detail.psm_text(data.query("app/psm_summary", wilayah=d["kode"], tahun=filters.tahun).iloc[0])
        st.table(detail.figures_table(d, psm, ukuran, filters.tahun))  # wraps in a narrow panel, never clips
        st.markdown(f"**{TEXT['kategori_desa']}**")
        cats = data.query(
            "app/kasus_by_kategori",
            wilayah=d["kode"],
            tahun_awal=periode.awal,
            tahun=periode.akhir,
            kategori=tuple(kategori),
        )
        st.table(detail.table_styler(detail.category_table(cats, suppress)))
        trend = data.query("app/kasus_by_tahun", wilayah=d["kode"], kategori=tuple(kategori))
        st.plotly_chart(
            detail.trend_figure(trend, ukuran, suppress, f"{TEXT['tren']} ({peta.UKURAN_SHORT[ukuran]})"),
            width="stretch",
            config={"displayModeBar": False},
        )
        if suppress:
            st.caption(TEXT["samar"])
        drill = peta.drill_target(filters.wilayah, d["kode"]) if filters.tingkat == "kab" else None
        if drill:
            st.button(
                TEXT["perbesar"].format(nama=d["kecamatan"]),
                on_click=ui.move_pickers,
                args=(drill,),
                type="primary",
                icon=":material/zoom_in:",
            )

# --- Downloads and the list ----------------------------------------------------------------------
span = f"{periods[0].label}_{periods[1].label}" if compare else f"{periode.awal}-{periode.akhir}"
stem = f"peta_pmks_{(filters.wilayah or 'semua').replace('.', '')}_{span}".replace("–", "-")
params = detail.parameters(
    wilayah_nama=filters.nama,
    wilayah_kode=filters.wilayah,
    periode_label=" dan ".join(p.label for p in periods) if compare else periode.label,
    kategori_text=peta.kategori_label(kategori, kat_names, limit=None),
    ukuran=ukuran,
    spec=spec,
    suppress=suppress,
    definisi=peta.HELP_PERIODE,
)
if compare:
    html_data = partial(detail.pair_html_bytes, layer, pair, pair_specs, classes, outline, bubbles_col)
    png_data = partial(detail.pair_png_bytes, layer, pair, pair_specs, classes, outline, [p.label for p in periods])
    sheets = {
        f"Peta PMKS {p.label}": detail.table_frame(v, classes, ukuran, suppress, level) for p, v in zip(periods, pair)
    }
else:
    html_data = partial(detail.html_bytes, layer, values, spec, classes, outline, bubbles_col)
    png_data = partial(detail.png_bytes, layer, values, spec, classes, outline)
    sheets = {"Peta PMKS": shown}
d1, d2, d3 = st.columns(3)
d1.download_button(
    TEXT["unduh_html_2" if compare else "unduh_html"],
    on_click="ignore",
    file_name=f"{stem}.html",
    mime="text/html",
    data=html_data,
    icon=":material/download:",
)
d2.download_button(
    TEXT["unduh_png_2" if compare else "unduh_png"],
    on_click="ignore",
    file_name=f"{stem}.png",
    mime="image/png",
    data=png_data,
    icon=":material/download:",
)
d3.download_button(
    TEXT["unduh_xlsx"],
    on_click="ignore",
    file_name=f"{stem}.xlsx",
    mime=excel.MIME,
    data=lambda: excel.workbook(sheets, params),
    icon=":material/download:",
)

st.subheader(TEXT["daftar"])
st.text_input(TEXT["cari"], key="peta_cari", placeholder=TEXT["cari_ph"])
st.dataframe(
    detail.table_styler(shown),
    key=table_key,
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    width="stretch",
    height=420,
)
st.caption(TEXT["n_baris"].format(n=fmt.number(len(shown)), total=fmt.number(len(table))))
