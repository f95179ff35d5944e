"""Rencana Kuota PSM: where the next N PSM should go in a kabupaten/kecamatan, by a stated method, with a
reason per desa, before/after figures, a map and an Excel sheet to hand on."""

import datetime as dt

import streamlit as st

from petakesos import data, excel, fmt, maps, ui
from petakesos.allocate.engine import (
    BEBAN_DEFINITION,
    METHOD_LABELS,
    METHODS,
    NEED_LABELS,
    NEEDS,
    AllocationError,
    AllocationParams,
    allocate,
    summarize,
)
from petakesos.features import cakupan, kuota, peta

TEXT = {
    "title": "Rencana Kuota PSM",
    "sekarang": "Saat ini: {headline}",
    "slot": "Jumlah slot PSM baru",
    "slot_ph": "mis. 50",
    "slot_help": "Bilangan bulat 0 atau lebih, paling banyak 10 × jumlah desa/kelurahan.",
    "metode": "Metode pembagian",
    "metode_help": (
        "**Satu PSM per desa dulu**: desa tanpa PSM dengan kasus terbanyak lebih dulu, sisanya ke desa "
        "dengan beban kasus tertinggi. **Webster**: slot dibagi dulu antarkecamatan sebanding kasus di "
        "desanya yang belum ber-PSM, lalu ke desa di dalamnya. **Min-maks**: setiap slot ke desa dengan "
        "beban kasus tertinggi (desa tanpa PSM menanggung seluruh kasusnya), sehingga beban tertinggi "
        "serendah mungkin. Nilai yang sama diurutkan menurut kode desa."
    ),
    "kebutuhan": "Ukuran kebutuhan",
    "batasan": "Batasan (opsional)",
    "maks": "Batas slot baru per desa",
    "maks_help": "Kosongkan bila tidak ada batas.",
    "kecuali": "Desa/kelurahan yang dikecualikan",
    "kecuali_ph": "pilih desa (nama atau kode)…",
    "lantai": "Setiap kecamatan paling sedikit 1 slot",
    "kuota": "Tetapkan kuota per kecamatan",
    "kuota_help": "Isi kuota tiap kecamatan; sel kosong = 0. Jumlah kuota harus sama dengan jumlah slot.",
    "kuota_jumlah": "Jumlah kuota: {n} dari {slots} slot.",
    "isi": "Isi jumlah slot PSM baru di atas untuk menghitung pembagian.",
    "hasil": "Hasil pembagian",
    "beban_note": BEBAN_DEFINITION,
    "peta": "Slot PSM baru per desa/kelurahan",
    "klik": "Klik desa pada peta untuk melihat alasannya; semua alasan juga ada di tabel di bawah.",
    "tabel": "Alasan per desa/kelurahan",
    "hanya": "Hanya desa yang mendapat slot",
    "per_kec": "Ringkasan per kecamatan",
    "samar": 'Angka kasus 1–4 per desa (dan bebannya) ditampilkan "<5" (lihat sidebar); juga di berkas Excel.',
    "unduh": "Unduh rencana kuota (Excel)",
    "source": "Data PSM dan kasus PMKS Peta Kesos",
}

filters = ui.page_filters()
suppress = filters.samarkan_kecil
ui.page_heading(TEXT["title"], filters)
try:
    kuota.check_scope(filters.tingkat)
except AllocationError as exc:
    st.info(str(exc))
    st.stop()
rows = data.query("app/psm_kasus_by_desa", wilayah=filters.wilayah, tahun=filters.tahun)
if rows.empty:
    st.error(cakupan.MSG["no_data"].format(nama=filters.nama, tahun=filters.tahun))
    st.stop()
units = kuota.units(rows)
names = dict(zip(units["kode_desa"], units["nama_desa"]))
kec_of = dict(zip(units["kode_desa"], units["nama_kec"]))
st.markdown(TEXT["sekarang"].format(headline=cakupan.headline(cakupan.totals(cakupan.coverage(rows)))))

c1, c2, c3 = st.columns([1, 2, 1.3])
slots_text = c1.text_input(TEXT["slot"], key="kuota_slot", placeholder=TEXT["slot_ph"], help=TEXT["slot_help"])
method = c2.selectbox(
    TEXT["metode"], METHODS, format_func=METHOD_LABELS.get, key="kuota_metode", help=TEXT["metode_help"]
)
need = c3.radio(TEXT["kebutuhan"], NEEDS, format_func=NEED_LABELS.get, key="kuota_kebutuhan")
quota, floor_one = None, False
with st.expander(TEXT["batasan"]):
    b1, b2 = st.columns([1, 3])
    max_per_desa = b1.number_input(
        TEXT["maks"], min_value=0, value=None, step=1, key="kuota_maks", help=TEXT["maks_help"]
    )
    exclude = b2.multiselect(
        TEXT["kecuali"],
        list(names),
        key=f"kuota_kecuali_{filters.wilayah}",
        placeholder=TEXT["kecuali_ph"],
        format_func=lambda k: f"{names[k]} ({k}) — Kec. {kec_of[k]}",
    )
    if method == "webster_kecamatan":
        floor_one = st.checkbox(TEXT["lantai"], key="kuota_lantai")
    if units["kode_kec"].nunique() > 1 and st.toggle(TEXT["kuota"], key="kuota_pakai_kuota", help=TEXT["kuota_help"]):
        frame = kuota.quota_frame(units)
        edited = st.data_editor(
            frame,
            hide_index=True,
            key=f"kuota_kec_{filters.wilayah}",
            disabled=[c for c in frame.columns if c != kuota.QUOTA_LABELS["kuota"]],
            column_config={
                kuota.QUOTA_LABELS["kuota"]: st.column_config.NumberColumn(min_value=0, step=1, format="%d")
            },
        )
        quota = kuota.quota_from_editor(edited)
        st.caption(TEXT["kuota_jumlah"].format(n=fmt.number(sum(quota.values())), slots=slots_text or "?"))

if not slots_text.strip():
    st.info(TEXT["isi"])
    st.stop()
try:
    params = AllocationParams(
        slots=kuota.parse_slots(slots_text),
        method=method,
        need=need,
        max_per_desa=None if max_per_desa is None else int(max_per_desa),
        exclude=frozenset(exclude),
        kecamatan_quota=quota,
        floor_one=floor_one,
    )
    result = allocate(units, params)
except AllocationError as exc:
    st.error(str(exc))
    st.stop()
if need == "kasus" and not kuota.has_population(units):
    st.warning(cakupan.MSG["no_pop"].format(nama=filters.nama))
summary = summarize(result)

st.header(TEXT["hasil"])
left, right = st.columns([2, 3])
with left:
    st.table(kuota.summary_table(summary).set_index("Ukuran"))
    st.caption(TEXT["beban_note"])
with right:
    st.markdown(f"**{TEXT['peta']}**")
    layer, outline = data.map_layers(filters.wilayah, "desa")
    clicked = ui.map_panel(
        layer,
        kuota.slot_values(result),
        maps.MapSpec(
            title=TEXT["peta"],
            subtitle=f"{filters.nama} · {filters.tahun} · {fmt.number(params.slots)} slot, {METHOD_LABELS[method]}",
            value_label="Slot baru",
            scheme="equal_interval",
            k=5,
            palette="Greens",
            source_note=TEXT["source"],
        ),
        key=f"kuota_peta_{filters.wilayah}",
        outline=outline,
        height=520,
    )
with left:
    picked = kuota.reason_of(result, clicked)
    if picked:
        st.info(ui.plain(f"{picked[0]} — {picked[1]}"))
    else:
        st.caption(TEXT["klik"])

st.subheader(TEXT["tabel"])
only = st.toggle(TEXT["hanya"], value=True, key="kuota_hanya")
st.table(fmt.styled(kuota.allocation_table(result, suppress, screen=True, only_slots=only)))  # reasons wrap
st.subheader(TEXT["per_kec"])
st.dataframe(
    fmt.styled(cakupan.labelled(kuota.kecamatan_summary(result), kuota.KEC_LABELS)),
    hide_index=True,
    key="kuota_tabel_kec",
)
if suppress:
    st.caption(TEXT["samar"])

sheet = kuota.parameters(
    nama=filters.nama,
    kode=filters.wilayah,
    tahun=filters.tahun,
    params=params,
    names=names,
    kec_names=dict(zip(units["kode_kec"], units["nama_kec"])),
    demo=peta.is_demo(data.query("app/dataset_meta")),
    suppress=suppress,
    generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
)
st.download_button(
    TEXT["unduh"],
    data=lambda: kuota.workbook(result, summary, sheet, suppress),
    file_name=f"rencana_kuota_psm_{filters.wilayah}_{filters.tahun}_{params.slots}_{method}.xlsx",
    mime=excel.MIME,
    key="kuota_xlsx",
    on_click="ignore",
    icon=":material/download:",
)
