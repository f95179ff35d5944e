"""Cakupan PSM: which desa/kelurahan have no PSM or only untrained PSM, and where one PSM carries too
many PMKS cases — headline, two maps, tables per kabupaten/kecamatan/desa and an Excel download."""

import datetime as dt

import streamlit as st

from petakesos import data, excel, fmt, maps, ui
from petakesos.features import cakupan, peta

TEXT = {
    "title": "Cakupan PSM",
    "tanpa": "Desa/kelurahan tanpa PSM",
    "belum": "Desa dengan PSM belum terlatih",
    "tercakup": "Desa tercakup (PSM terlatih)",
    "kasus_tanpa": "Kasus di desa tanpa PSM",
    "median": "Median kasus per PSM",
    "maks": "Kasus per PSM tertinggi",
    "dari": "{n} dari {total} desa/kelurahan",
    "map_status": "Peta status cakupan",
    "map_beban": "Peta kasus per PSM",
    "status_label": "Status PSM",
    "status_note": (
        "Merah tua = **tanpa PSM**; jingga = **PSM belum terlatih** (ada PSM aktif, belum ada yang lulus "
        "Bimtek Dasar); kuning muda = **tercakup** (paling sedikit satu PSM terlatih)."
    ),
    "beban_note": (
        "Warna = kasus PMKS per PSM aktif di desa itu. Desa berarsir = **tanpa PSM (belum terlayani)**: "
        'kasusnya belum dilayani PSM mana pun dan dihitung sebagai "Kasus di desa tanpa PSM", bukan '
        "dibagi nol; arahkan kursor untuk jumlah kasusnya."
    ),
    "tanpa_data": "{n} desa/kelurahan di peta tidak memiliki data tahun ini; di peta ikut berarsir, dengan "
    'keterangan "Tidak ada data" saat kursor diarahkan.',
    "nasional": "Pilih provinsi, kabupaten/kota atau kecamatan di sidebar untuk melihat peta per desa/kelurahan.",
    "urut": "Urut dari bagian desa tanpa PSM terbesar. Klik judul kolom untuk mengurutkan ulang.",
    "urut_desa": "Desa tanpa PSM dengan kasus terbanyak di atas. Klik judul kolom untuk mengurutkan ulang.",
    "samar": 'Angka kasus 1–4 per desa (dan bebannya) ditampilkan "<5" (lihat sidebar).',
    "unduh": "Unduh tabel cakupan (Excel)",
    "kosong": "Tidak ada desa/kelurahan dengan data untuk pilihan ini.",
    "source": "Data PSM dan kasus PMKS Peta Kesos",
}
HELP = {
    "psm": "PSM dengan SK bertanggal paling lambat 31 Desember tahun ini dan masih aktif pada tanggal itu.",
    "kasus": (
        "Kasus PMKS yang terbuka pada suatu waktu dalam tahun ini, di desa yang tidak memiliki PSM aktif: "
        "kasus yang belum terlayani PSM."
    ),
    "beban": "Kasus PMKS desa dibagi jumlah PSM aktifnya, hanya di desa yang memiliki PSM.",
    "terlatih": "Terlatih = lulus Bimtek Dasar paling lambat 31 Desember tahun ini.",
}

filters = ui.page_filters()
suppress = filters.samarkan_kecil
ui.page_heading(TEXT["title"], filters)

cov = cakupan.coverage(data.query("app/psm_kasus_by_desa", wilayah=filters.wilayah, tahun=filters.tahun))
if cov.empty:
    st.info(TEXT["kosong"])
    st.stop()
t = cakupan.totals(cov)
st.header(cakupan.headline(t))


def share(n: int) -> str:
    """'183 dari 260 desa/kelurahan' under a metric."""
    return TEXT["dari"].format(n=fmt.number(n), total=fmt.number(t["desa"]))


c1, c2, c3 = st.columns(3)
c1.metric(
    TEXT["tanpa"],
    fmt.number(t["tanpa"]),
    delta=share(t["tanpa"]),
    delta_color="off",
    delta_arrow="off",
    help=HELP["psm"],
)
c2.metric(
    TEXT["belum"],
    fmt.number(t["belum"]),
    delta=share(t["belum"]),
    delta_color="off",
    delta_arrow="off",
    help=HELP["terlatih"],
)
c3.metric(
    TEXT["tercakup"],
    fmt.number(t["tercakup"]),
    delta=share(t["tercakup"]),
    delta_color="off",
    delta_arrow="off",
    help=HELP["terlatih"],
)
c4, c5, c6 = st.columns(3)
c4.metric(
    TEXT["kasus_tanpa"],
    fmt.number(t["kasus_tanpa_psm"]),
    delta=f"dari {fmt.number(t['kasus'])} kasus PMKS",
    delta_color="off",
    delta_arrow="off",
    help=HELP["kasus"],
)
c5.metric(TEXT["median"], fmt.decimal(t["median_beban"]), help=HELP["beban"])
c6.metric(TEXT["maks"], fmt.decimal(t["max_beban"]), help=HELP["beban"])

subtitle = f"{filters.nama} · {filters.tahun}"
if filters.tingkat == "nasional":
    st.info(TEXT["nasional"])
else:
    layer, outline = data.map_layers(filters.wilayah, "desa")
    status = cakupan.status_values(cov)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{TEXT['map_status']}**")
        clicked_a = ui.map_panel(
            layer,
            status.assign(peringkat=float("nan")),
            maps.MapSpec(
                title=TEXT["map_status"],
                subtitle=subtitle,
                value_label=TEXT["status_label"],
                scheme="equal_interval",
                k=3,
                palette="YlOrRd",
                source_note=TEXT["source"],
            ),
            key=f"ck_status_{filters.wilayah}",
            outline=outline,
            classes=cakupan.status_classes(status["nilai"]),
            height=540,
        )
        st.caption(TEXT["status_note"])
    with right:
        st.markdown(f"**{TEXT['map_beban']}**")
        nd_label, n_missing = cakupan.unserved_legend(cov, layer["kode"])
        clicked_b = ui.map_panel(
            layer,
            cakupan.load_values(cov, suppress),
            maps.MapSpec(
                title=TEXT["map_beban"],
                subtitle=subtitle,
                value_label="Kasus per PSM",
                scheme="quantile",
                k=5,
                palette="Purples",
                source_note=TEXT["source"],
                suppress_small=suppress,
                no_data_label=nd_label,
            ),
            key=f"ck_beban_{filters.wilayah}",
            outline=outline,
            height=540,
        )
        st.caption(TEXT["beban_note"])
        if n_missing:
            st.caption(TEXT["tanpa_data"].format(n=fmt.number(n_missing)))
    text = cakupan.click_text(cov, clicked_b or clicked_a, suppress)
    if text:
        st.markdown(ui.plain(text))

tables = cakupan.coverage_tables(cov, filters.tingkat, suppress, text=True)
for i, (name, table) in enumerate(tables.items()):
    st.subheader(name)
    st.caption(TEXT["urut_desa"] if i == len(tables) - 1 else TEXT["urut"])
    st.dataframe(
        fmt.styled(table, digits=cakupan.TABLE_DIGITS),
        hide_index=True,
        key=f"ck_tabel_{i}",
        height=min(len(table), 12) * 35 + 38,
    )
if suppress:
    st.caption(TEXT["samar"])
params = cakupan.coverage_parameters(
    nama=filters.nama,
    kode=filters.wilayah,
    tahun=filters.tahun,
    suppress=suppress,
    demo=peta.is_demo(data.query("app/dataset_meta")),
    generated=dt.date.today().isoformat(),
)
st.download_button(
    TEXT["unduh"],
    data=lambda: excel.workbook(cakupan.coverage_tables(cov, filters.tingkat, suppress, text=False), params),
    file_name=f"cakupan_psm_{filters.wilayah or 'semua'}_{filters.tahun}.xlsx",
    mime=excel.MIME,
    key="ck_xlsx",
    on_click="ignore",
    icon=":material/download:",
)
