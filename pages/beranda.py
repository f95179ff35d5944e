"""Beranda: headline figures of the chosen wilayah and year."""

import streamlit as st

from petakesos import data, fmt, ui

HELP_KASUS = (
    "Kasus PMKS yang terbuka pada suatu waktu dalam tahun ini: dicatat paling lambat 31 Desember "
    "dan tidak ditutup (status selesai) sebelum 1 Januari."
)
HELP_PSM = "PSM dengan SK bertanggal paling lambat 31 Desember tahun ini dan masih aktif pada tanggal itu."
HELP_PER_1000 = "Kasus PMKS (definisi di atas) per 1.000 penduduk desa/kelurahan pada tahun ini."
HELP_CAKUPAN = "Bagian desa/kelurahan yang memiliki paling sedikit satu PSM aktif (definisi PSM di atas)."
HELP_BIMTEK = "Bagian PSM aktif yang telah lulus Bimtek Dasar paling lambat 31 Desember tahun ini."
HELP_ASOF = "Tanggal pencatatan kasus terakhir dalam data untuk wilayah ini, sampai tahun yang dipilih."

filters = ui.page_filters()
ui.page_heading("Peta Kesos", filters)

row = data.query("app/headline_figures", wilayah=filters.wilayah, tahun=filters.tahun).iloc[0]

c1, c2, c3 = st.columns(3)
c1.metric("Kasus PMKS", fmt.number(row["kasus"]), help=HELP_KASUS)
c2.metric("Kasus per 1.000 penduduk", fmt.decimal(row["kasus_per_1000"]), help=HELP_PER_1000)
c3.metric("Desa/kelurahan", fmt.number(row["jumlah_desa"]))
c4, c5, c6 = st.columns(3)
c4.metric("PSM aktif", fmt.number(row["psm_aktif"]), help=HELP_PSM)
c5.metric(
    "Desa/kelurahan dengan PSM",
    fmt.percent(row["persen_desa_psm"]),
    delta=f"{fmt.number(row['desa_dengan_psm'])} dari {fmt.number(row['jumlah_desa'])}",
    delta_color="off",
    delta_arrow="off",
    help=HELP_CAKUPAN,
)
c6.metric(
    "PSM dengan Bimtek Dasar",
    fmt.percent(row["persen_psm_terlatih"]),
    delta=f"{fmt.number(row['psm_terlatih'])} dari {fmt.number(row['psm_aktif'])}",
    delta_color="off",
    delta_arrow="off",
    help=HELP_BIMTEK,
)
st.caption(f"Data per: {fmt.date(row['data_per'])}", help=HELP_ASOF)
