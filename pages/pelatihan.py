"""Pelatihan: how many PSM have Bimtek Dasar, whether that is improving, who is still waiting and which
areas lag — trends, training events, the readiness pipeline, Permensos 10/2019 checks and a map."""

import datetime as dt

import streamlit as st

from petakesos import data, excel, fmt, maps, ui
from petakesos.features import pelatihan
from petakesos.features.pelatihan import charts

TITLE = "Pelatihan PSM"
SOURCE_NOTE = "data PSM dan pelatihan Peta Kesos"
SOURCE = f"Sumber: {SOURCE_NOTE}"
EXCEL_LABEL = "Unduh data grafik (Excel)"
UNIT = {"nasional": "Provinsi", "prov": "Kabupaten/Kota", "kab": "Kecamatan", "kec": "Kecamatan"}
HELP = {
    "aktif": "PSM dengan SK bertanggal paling lambat 31 Desember tahun ini dan masih aktif pada tanggal itu.",
    "terlatih": "Bagian PSM aktif yang telah lulus Bimtek Dasar paling lambat 31 Desember tahun ini.",
    "sertifikat": "PSM aktif yang lulus Bimtek Dasar dan memiliki nomor sertifikat.",
    "baru": "PSM (di wilayah ini) yang pertama kali lulus Bimtek Dasar dalam tahun ini.",
    "tunggu": (
        "Median bulan penuh dari tanggal SK sampai selesai Bimtek Dasar, di antara PSM aktif yang "
        "sudah lulus (0 bila lulus sebelum SK)."
    ),
    "syarat": "PSM aktif tahun ini yang belum memenuhi paling sedikit satu syarat yang dapat diperiksa dari data.",
}
TREND_HEADING = "Tren: apakah makin banyak PSM yang terlatih?"
TREND_NOTE = (
    "Garis = keadaan pada akhir bulan/tahun (PSM yang keluar tidak lagi dihitung); batang = PSM yang "
    "pertama kali lulus Bimtek Dasar dalam periode itu. Grafik memuat seluruh riwayat data."
)
PERIOD_LABEL = "Periode"
PERIODS = {"bulan": "Bulanan", "tahun": "Tahunan"}
EVENTS_HEADING = "Kegiatan pelatihan"
EVENTS_NOTE = (
    "Satu kegiatan = jenis pelatihan + penyelenggara + tanggal mulai. Angka hanya menghitung PSM "
    "yang bertugas di wilayah ini."
)
PIPELINE_HEADING = "Tahapan kesiapan PSM — {tahun}"
PIPELINE_NOTE = (
    "PSM aktif pada 31 Desember {tahun}. Median waktu tunggu SK → Bimtek Dasar: **{median}** "
    "({n} PSM sudah lulus). {waiting} PSM masih menunggu Bimtek Dasar."
)
CHECK_HEADING = "Pemeriksaan syarat PSM (Permensos No. 10 Tahun 2019)"
CHECK_NOTE = (
    "Syarat yang dapat diperiksa dari data: umur paling rendah 18 tahun pada tanggal SK (umur dalam "
    "tahun penuh; yang lahir 29 Februari berulang tahun 1 Maret pada tahun bukan kabisat), berdomisili "
    "(KTP) di desa/kelurahan tempat bertugas, dan telah lulus Bimtek Dasar paling lambat 31 Desember "
    "{tahun}. Daftar nama hanya untuk tindak lanjut oleh petugas dinas sosial; tidak memuat NIK."
)
CHECK_ALL_OK = "Semua PSM aktif memenuhi syarat yang dapat diperiksa."
CHECK_EXCEL = "Unduh daftar PSM yang belum memenuhi syarat (Excel)"
MAP_HEADING = "Peta: bagian PSM yang sudah Bimtek Dasar — {tahun}"
MAP_LEVEL_LABEL = "Tampilkan per"
MAP_LEVEL_CHOICES = (3, 2)  # at province scope: per kecamatan (default) or per kabupaten/kota
MAP_NOTE = (
    "Warna = persen PSM aktif yang sudah lulus Bimtek Dasar. Wilayah yang tidak memiliki PSM aktif "
    f'(persennya tidak dapat dihitung) tampil sebagai "{pelatihan.NO_PSM_LABEL}".'
)
MAP_EXCEL = "Unduh tabel peta (Excel)"
CLICKED = "**{nama}**: {terlatih} dari {aktif} PSM aktif sudah Bimtek Dasar ({persen})."
NO_PSM = "Belum ada PSM di wilayah ini pada data."

# Column headers of the tables and Excel sheets (column → header), in display order.
SERIES_LABELS = {
    "psm_aktif": "PSM aktif",
    "psm_terlatih": "PSM aktif dengan Bimtek Dasar",
    "psm_bersertifikat": "PSM aktif bersertifikat",
    "terlatih_baru": "Lulus Bimtek Dasar (baru)",
    "persen_terlatih": "% PSM aktif dengan Bimtek Dasar",
}
RANK_LABELS = {
    "psm_aktif": "PSM aktif",
    "psm_terlatih": "PSM aktif dengan Bimtek Dasar",
    "belum_terlatih": "Belum Bimtek Dasar",
    "persen_terlatih": "% PSM aktif dengan Bimtek Dasar",
    "selisih_poin": "Selisih dari seluruh wilayah (poin %)",
}
EVENT_LABELS = {
    "tanggal_mulai": "Tanggal mulai",
    "tanggal_selesai": "Tanggal selesai",
    "jenis_pelatihan": "Jenis pelatihan",
    "penyelenggara": "Penyelenggara",
    "peserta": "Peserta",
    "lulus": "Lulus",
    "persen_lulus": "% lulus",
    "bersertifikat": "Bersertifikat",
    "jumlah_kab": "Jumlah kab/kota peserta",
}
STAGE_LABELS = {"tahap": "Tahap", "jumlah": "Jumlah PSM", "persen": "% dari PSM ber-SK"}
WAIT_LABELS = {
    "rentang": "Bulan sejak SK",
    "sudah_lulus": "Sudah lulus (SK → Bimtek Dasar)",
    "masih_menunggu": "Belum lulus (SK → 31 Desember)",
}
CHECK_LABELS = {"syarat": "Syarat", "tidak_memenuhi": "PSM tidak memenuhi"}
MAP_LEVEL = {2: "kab", 3: "kec", 4: "desa"}  # pelatihan_peta $tingkat → map layer level
MAP_UNIT = {2: "Kabupaten/Kota", 3: "Kecamatan", 4: "Desa/Kelurahan"}
MAP_PARENT = {2: "Provinsi", 3: "Kabupaten/Kota", 4: "Kecamatan"}
MAP_LABELS = {
    "nama": "Wilayah",
    "nama_induk": "Induk",
    "kode": "Kode",
    "jumlah_desa": "Jumlah desa/kelurahan",
    "desa_dengan_psm": "Desa/kelurahan dengan PSM",
    "psm_aktif": "PSM aktif",
    "psm_terlatih": "PSM aktif dengan Bimtek Dasar",
    "psm_bersertifikat": "PSM aktif bersertifikat",
    "nilai": "% PSM aktif dengan Bimtek Dasar",
}

filters = ui.page_filters()
unit = UNIT[filters.tingkat]
period_text = f"{filters.nama} · {filters.tahun}"
params = {
    "Wilayah": filters.nama,
    "Kode wilayah": filters.wilayah or "semua",
    "Tahun": filters.tahun,
    "Dibuat": dt.date.today().isoformat(),
}


def show_chart(fig, frame, name: str, labels: dict[str, str], key: str) -> None:
    """Draw one figure (PNG from its modebar camera) with its data as an Excel download beneath it."""
    st.plotly_chart(fig, config=charts.config(name), theme=None, key=f"pl_{key}")
    table = pelatihan.labelled(frame, labels)
    st.download_button(
        EXCEL_LABEL,
        data=lambda: excel.workbook({key: table}, params),
        file_name=f"{name}.xlsx",
        mime=excel.MIME,
        key=f"pl_xlsx_{key}",
        on_click="ignore",
        icon=":material/download:",
    )


ui.page_heading(TITLE, filters)

tren = data.query("app/psm_trained_by_unit_bulan", wilayah=filters.wilayah)
psm = data.query("app/psm_eligibility", wilayah=filters.wilayah, tahun=filters.tahun)
kegiatan = pelatihan.events(data.query("app/training_events", wilayah=filters.wilayah))
monthly, yearly = pelatihan.monthly_total(tren), pelatihan.yearly_total(tren)
if yearly.empty:
    st.info(NO_PSM)
    st.stop()

now, before = pelatihan.year_row(yearly, filters.tahun), pelatihan.year_row(yearly, filters.tahun - 1)
checked = pelatihan.eligibility(psm)
c1, c2, c3 = st.columns(3)
c1.metric("PSM aktif", fmt.number(now["psm_aktif"]), help=HELP["aktif"])
c2.metric(
    "PSM dengan Bimtek Dasar",
    fmt.percent(now["persen_terlatih"]),
    delta=pelatihan.delta_text(now, before),
    delta_color="normal",
    help=HELP["terlatih"],
)
c3.metric(
    "Sudah / belum Bimtek Dasar",
    f"{fmt.number(now['psm_terlatih'])} / {fmt.number(now['psm_aktif'] - now['psm_terlatih'])}",
    help=HELP["terlatih"],
)
c4, c5, c6 = st.columns(3)
c4.metric("Lulus Bimtek Dasar tahun ini", fmt.number(now["terlatih_baru"]), help=HELP["baru"])
median = pelatihan.median_wait(psm, filters.tahun)
c5.metric("Median tunggu SK → Bimtek Dasar", pelatihan.months_text(median), help=HELP["tunggu"])
c6.metric("Belum memenuhi syarat", fmt.number(pelatihan.n_failing(checked)), help=HELP["syarat"])

st.header(TREND_HEADING)
st.caption(TREND_NOTE)
period = st.radio(PERIOD_LABEL, list(PERIODS), format_func=PERIODS.get, horizontal=True, key="pl_periode", index=1)
series, x = (monthly, "bulan") if period == "bulan" else (yearly, "tahun")
show_chart(
    charts.bars_and_lines(
        series,
        x,
        {"terlatih_baru": "Lulus Bimtek Dasar (baru)"},
        {"psm_aktif": "PSM aktif", "psm_terlatih": "PSM aktif dengan Bimtek Dasar"},
        title=f"PSM aktif dan yang sudah Bimtek Dasar ({PERIODS[period].lower()})",
        subtitle=filters.nama,
        source=SOURCE,
        y_title="Jumlah PSM",
        monthly=period == "bulan",
    ),
    series,
    f"pelatihan_tren_{period}",
    SERIES_LABELS | {x: "Bulan" if x == "bulan" else "Tahun"},
    key=f"tren_{period}",
)
per_unit = pelatihan.unit_years(tren)
show_chart(
    charts.percent_lines(
        pelatihan.several_units(per_unit),
        "tahun",
        "persen_terlatih",
        group="label",
        total=yearly,
        total_label=filters.nama,
        title="Persentase PSM aktif yang sudah Bimtek Dasar",
        subtitle=f"{filters.nama}: per {unit.lower()} (garis tipis) dan seluruhnya (garis tebal)",
        source=SOURCE,
        y_title="% PSM aktif",
    ),
    per_unit,
    "pelatihan_persen_per_wilayah",
    {"nama_unit": unit, "tahun": "Tahun"} | SERIES_LABELS,
    key="persen",
)
ranked = pelatihan.ranking(tren, filters.tahun)
if len(ranked) > 1:
    left, right = st.columns(2)
    with left:
        show_chart(
            charts.heatmap(
                per_unit,
                "tahun",
                "label",
                "persen_terlatih",
                order=ranked["label"].tolist(),
                title=f"% terlatih per {unit.lower()}",
                subtitle=f"Paling tertinggal pada {filters.tahun} di atas",
                source=SOURCE,
            ),
            per_unit,
            "pelatihan_persen_per_tahun",
            {"nama_unit": unit, "tahun": "Tahun"} | SERIES_LABELS,
            key="heatmap",
        )
    with right:
        show_chart(
            charts.ranked_bars(
                ranked,
                "persen_terlatih",
                "label",
                title=f"{unit} yang tertinggal, {filters.tahun}",
                subtitle="Garis putus-putus: seluruh wilayah",
                source=SOURCE,
                value_title="% PSM aktif dengan Bimtek Dasar",
                reference=now["persen_terlatih"],
                reference_label=fmt.percent(now["persen_terlatih"]),
                hover={"psm_aktif": "PSM aktif", "belum_terlatih": "Belum Bimtek Dasar"},
            ),
            ranked,
            f"pelatihan_peringkat_{filters.tahun}",
            {"nama_unit": unit} | RANK_LABELS,
            key="peringkat",
        )

st.header(EVENTS_HEADING)
st.caption(EVENTS_NOTE)
if kegiatan.empty:
    st.info("Belum ada kegiatan pelatihan yang diikuti PSM wilayah ini.")
else:
    show_chart(
        charts.event_timeline(
            kegiatan,
            "tanggal_mulai",
            "lulus",
            "jenis_pelatihan",
            title="Kegiatan pelatihan dan jumlah PSM yang lulus",
            subtitle=filters.nama,
            source=SOURCE,
            value_title="PSM lulus",
            hover={"penyelenggara": "Penyelenggara", "peserta": "Peserta"},
        ),
        kegiatan,
        "pelatihan_kegiatan",
        EVENT_LABELS,
        key="kegiatan",
    )
    st.dataframe(
        fmt.styled(pelatihan.event_table(kegiatan, EVENT_LABELS), digits={EVENT_LABELS["persen_lulus"]: 1}),
        hide_index=True,
        key="pl_tabel_kegiatan",
    )

st.header(PIPELINE_HEADING.format(tahun=filters.tahun))
waits = pelatihan.wait_histogram(psm, filters.tahun)
stages = pelatihan.pipeline(psm)
st.markdown(
    PIPELINE_NOTE.format(
        tahun=filters.tahun,
        median=pelatihan.months_text(median),
        n=fmt.number(stages["jumlah"].iloc[1]),
        waiting=fmt.number(stages["jumlah"].iloc[0] - stages["jumlah"].iloc[1]),
    )
)
left, right = st.columns(2)
with left:
    show_chart(
        charts.funnel(stages, "tahap", "jumlah", title="Tahapan PSM aktif", subtitle=filters.nama, source=SOURCE),
        stages,
        f"pelatihan_tahapan_{filters.tahun}",
        STAGE_LABELS,
        key="tahapan",
    )
with right:
    show_chart(
        charts.grouped_bars(
            waits,
            "rentang",
            {"sudah_lulus": "Sudah lulus", "masih_menunggu": "Masih menunggu"},
            title="Lama menunggu Bimtek Dasar",
            subtitle=period_text,
            source=SOURCE,
            x_title=f"Bulan sejak SK (sampai lulus atau 31 Des {filters.tahun})",
            y_title="Jumlah PSM",
            stacked=True,
        ),
        waits,
        f"pelatihan_waktu_tunggu_{filters.tahun}",
        WAIT_LABELS,
        key="tunggu",
    )

st.header(CHECK_HEADING)
st.caption(CHECK_NOTE.format(tahun=filters.tahun))
st.dataframe(
    fmt.styled(pelatihan.labelled(pelatihan.check_summary(psm), CHECK_LABELS)), hide_index=True, key="pl_ringkas_syarat"
)
failing = pelatihan.failing(psm)
if failing.empty:
    st.success(CHECK_ALL_OK)
else:
    st.dataframe(fmt.styled(failing), hide_index=True, key="pl_daftar_syarat", height=min(len(failing), 12) * 35 + 38)
    st.download_button(
        CHECK_EXCEL,
        data=lambda: excel.workbook({"PSM belum memenuhi syarat": failing}, params),
        file_name=f"psm_belum_memenuhi_syarat_{filters.wilayah or 'semua'}_{filters.tahun}.xlsx",
        mime=excel.MIME,
        key="pl_xlsx_syarat",
        on_click="ignore",
        icon=":material/download:",
    )

st.header(MAP_HEADING.format(tahun=filters.tahun))
if filters.tingkat == "prov":
    tingkat = st.radio(
        MAP_LEVEL_LABEL, MAP_LEVEL_CHOICES, format_func=MAP_UNIT.get, horizontal=True, key="pl_peta_tingkat"
    )
else:
    tingkat = 2 if filters.tingkat == "nasional" else 4
level = MAP_LEVEL[tingkat]
peta = pelatihan.map_values(
    data.query("app/psm_trained_by_wilayah", wilayah=filters.wilayah, tahun=filters.tahun, tingkat=tingkat)
)
layer, outline = data.map_layers(filters.wilayah, level=level)
spec = maps.MapSpec(
    title="PSM aktif dengan Bimtek Dasar",
    subtitle=period_text,
    value_label="% PSM terlatih",
    scheme="equal_interval",
    k=5,
    palette="Greens",
    source_note=SOURCE_NOTE,
    no_data_label=pelatihan.NO_PSM_LABEL,
)
st.caption(MAP_NOTE)
clicked = ui.map_panel(layer, peta[["kode", "nilai", "teks"]], spec, key=f"pl_peta_{level}", outline=outline)
# PSM counts are not masked: PSM are appointed by a public SK (only PMKS case counts are masked).
shown = pelatihan.map_table(peta)
if clicked and clicked in set(peta["kode"]):
    row = peta.set_index("kode").loc[clicked]
    st.markdown(
        CLICKED.format(
            nama=row["nama"],
            terlatih=fmt.number(row["psm_terlatih"]),
            aktif=fmt.number(row["psm_aktif"]),
            persen=fmt.percent(row["nilai"]),
        )
    )
labels = pelatihan.map_labels(MAP_LABELS | {"nama": MAP_UNIT[tingkat], "nama_induk": MAP_PARENT[tingkat]}, level)
st.dataframe(
    fmt.styled(pelatihan.labelled(shown, labels), digits={MAP_LABELS["nilai"]: 1}),
    hide_index=True,
    key="pl_tabel_peta",
    height=400,
)
st.download_button(
    MAP_EXCEL,
    data=lambda: excel.workbook({"Peta pelatihan": pelatihan.labelled(shown, labels)}, params),
    file_name=f"pelatihan_peta_{filters.wilayah or 'semua'}_{filters.tahun}.xlsx",
    mime=excel.MIME,
    key="pl_xlsx_peta",
    on_click="ignore",
    icon=":material/download:",
)
