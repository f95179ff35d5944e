"""Beranda: headline figures of the chosen wilayah and year, named and defined as in the glossary."""

import streamlit as st

from petakesos import data, fmt, ui
from petakesos.glossary import DEFINITIONS, NAMES
from petakesos.ui import access, no_data

access.require("admin", "provinsi", "kabupaten", "viewer")
TITLE = "Peta Kesos"
ASOF = "Data per: {tanggal}"
HELP_ASOF = "Tanggal pencatatan kasus terakhir dalam data untuk wilayah ini, sampai tahun yang dipilih."

filters = ui.page_filters()
no_data.stop_without_data(filters)
ui.page_heading(TITLE, filters)

row = data.query("app/headline_figures", wilayah=filters.wilayah, tahun=filters.tahun).iloc[0]

cases, rate = fmt.number(row["kasus"]), fmt.decimal(row["kasus_per_1000"])
if filters.samarkan_kecil:  # a total over desa shown "<5" elsewhere is the range it can take, never exact
    desa = data.query("app/psm_kasus_by_desa", wilayah=filters.wilayah, tahun=filters.tahun)
    cases, rate = fmt.masked_total(desa["kasus"], True), fmt.masked_rate(desa["kasus"], desa["penduduk"], True)
c1, c2, c3 = st.columns(3)
c1.metric(NAMES["kasus"], cases, help=DEFINITIONS["kasus"])
c2.metric(NAMES["kasus_per_1000"], rate, help=DEFINITIONS["kasus_per_1000"])
c3.metric(NAMES["jumlah_desa"], fmt.number(row["jumlah_desa"]))
c4, c5, c6 = st.columns(3)
c4.metric(NAMES["psm_aktif"], fmt.number(row["psm_aktif"]), help=DEFINITIONS["psm_aktif"])
c5.metric(
    NAMES["persen_desa_psm"],
    fmt.percent(row["persen_desa_psm"]),
    delta=f"{fmt.number(row['desa_dengan_psm'])} dari {fmt.number(row['jumlah_desa'])}",
    delta_color="off",
    delta_arrow="off",
    help=DEFINITIONS["persen_desa_psm"],
)
c6.metric(
    NAMES["persen_terlatih"],
    fmt.percent(row["persen_psm_terlatih"]),
    delta=f"{fmt.number(row['psm_terlatih'])} dari {fmt.number(row['psm_aktif'])}",
    delta_color="off",
    delta_arrow="off",
    help=DEFINITIONS["persen_terlatih"],
)
st.caption(ASOF.format(tanggal=fmt.date(row["data_per"])), help=HELP_ASOF)
