"""Coverage status, caseload per PSM, headline and tables — hand-counted from tests/fixtures (Kenduruan)."""

import datetime as dt
import math
from types import SimpleNamespace

import pandas as pd
import pytest

from petakesos import sql
from petakesos.allocate.engine import AllocationError
from petakesos.features import cakupan, kuota
from petakesos.features.cakupan import view

KENDURUAN = "35.23.01"


@pytest.fixture()
def cov2022(con):
    # 2022: cases A, B, F (2001) and C (2002); PSM Satu and Dua in 2001 only (Tiga stopped on 31 Dec 2022).
    return cakupan.coverage(sql.run(con, "app/psm_kasus_by_desa", wilayah=KENDURUAN, tahun=2022))


def test_query_gives_one_row_per_desa_with_hand_counted_figures(con):
    rows = sql.run(con, "app/psm_kasus_by_desa", wilayah=KENDURUAN, tahun=2023).set_index("kode_desa")
    assert len(rows) == 9 and rows.index.is_unique
    # 2023: cases A, F (2001) and C, D (2002); PSM 1 (trained) and 2 in 2001, PSM 6 (Muda, under 18 at
    # SK: imported and flagged, not dropped) in 2002, PSM 4 (untrained) in 2003.
    assert rows.loc["35.23.01.2001", ["kasus", "psm_aktif", "psm_terlatih", "penduduk"]].tolist() == [2, 2, 1, 1010]
    assert rows.loc["35.23.01.2002", ["kasus", "psm_aktif", "psm_terlatih"]].tolist() == [2, 1, 0]
    assert rows.loc["35.23.01.2003", ["kasus", "psm_aktif", "psm_terlatih", "penduduk"]].tolist() == [0, 1, 0, 500]
    assert rows["kasus"].sum() == 4 and rows["psm_aktif"].sum() == 4
    assert rows.loc["35.23.01.2001", "nama_kec"] == "Kenduruan"
    assert sql.run(con, "app/psm_kasus_by_desa", wilayah="35.23", tahun=2023).shape[0] == 328


def test_status_per_desa(cov2023):
    status = cov2023.set_index("kode_desa")["status"]
    assert status["35.23.01.2001"] == "Tercakup"
    assert status["35.23.01.2002"] == "PSM belum terlatih"
    assert status["35.23.01.2003"] == "PSM belum terlatih"
    assert status["35.23.01.2004"] == "Tanpa PSM"
    assert (status == "Tanpa PSM").sum() == 6


def test_caseload_never_divides_by_zero(cov2023, cov2022):
    c = cov2023.set_index("kode_desa")
    assert c.loc["35.23.01.2001", "beban"] == 1.0  # 2 cases / 2 PSM
    assert c.loc["35.23.01.2003", "beban"] == 0.0  # a PSM without cases
    assert c.loc["35.23.01.2001", "kasus_tanpa_psm"] == 0
    assert not cov2023["beban"].isin([math.inf, -math.inf]).any()
    old = cov2022.set_index("kode_desa")
    assert math.isnan(old.loc["35.23.01.2002", "beban"])  # no PSM in 2022: unserved, not 1/0
    assert old.loc["35.23.01.2002", "kasus_tanpa_psm"] == 1


@pytest.mark.parametrize(
    "tahun, text, tanpa_kasus",
    [
        (2023, "4 PSM untuk 9 desa/kelurahan — 6 tanpa PSM", 0),
        (2022, "2 PSM untuk 9 desa/kelurahan — 8 tanpa PSM", 1),  # PSM 3 stopped on 31 Dec 2022
    ],
)
def test_headline_and_totals(con, tahun, text, tanpa_kasus):
    t = cakupan.totals(cakupan.coverage(sql.run(con, "app/psm_kasus_by_desa", wilayah=KENDURUAN, tahun=tahun)))
    assert cakupan.headline(t) == text
    assert t["kasus_tanpa_psm"] == tanpa_kasus


def test_headline_uses_indonesian_thousands():
    t = {"psm": 1234, "desa": 8501, "tanpa": 7267}
    assert cakupan.headline(t) == "1.234 PSM untuk 8.501 desa/kelurahan — 7.267 tanpa PSM"


def test_totals_without_any_psm_have_no_load():
    rows = pd.DataFrame({"kode_desa": ["a", "b"], "psm_aktif": [0, 0], "psm_terlatih": [0, 0], "kasus": [3, 0]})
    t = cakupan.totals(cakupan.coverage(rows))
    assert t["max_beban"] is None and t["median_beban"] is None and t["kasus_tanpa_psm"] == 3


def test_kecamatan_table(con):
    cov = cakupan.coverage(sql.run(con, "app/psm_kasus_by_desa", wilayah="35.23", tahun=2023))
    kec = cakupan.by_area(cov, "kec").set_index("kode")
    assert len(kec) == 20
    k = kec.loc[KENDURUAN]
    assert (k["jumlah_desa"], k["desa_tanpa_psm"], k["desa_belum_terlatih"], k["desa_tercakup"]) == (9, 6, 2, 1)
    assert (k["psm_aktif"], k["psm_terlatih"], k["kasus"], k["kasus_tanpa_psm"]) == (4, 1, 4, 0)
    assert k["beban"] == 1.0  # served cases (2 in 2001, 2 in 2002) over 4 PSM
    assert math.isnan(kec.loc["35.23.02", "beban"]) and kec.loc["35.23.02", "persen_tanpa_psm"] == 100.0
    assert kec.index[-1] == KENDURUAN  # worst first: Kenduruan has the smallest share without PSM


def test_status_map_classes_read_the_three_statuses(cov2023):
    values = cakupan.status_values(cov2023)
    classes = cakupan.status_classes(values["nilai"])
    assert classes.labels == ("Tercakup", "PSM belum terlatih", "Tanpa PSM")
    assert classes.counts == (1, 2, 6)
    assert classes.n_no_data == 0
    # All covered: the legend still has the three rows, two of them empty.
    assert cakupan.status_classes(pd.Series([0, 0])).counts == (2, 0, 0)


def test_desa_table_suppresses_small_case_counts(cov2023):
    shown = cakupan.desa_table(cov2023, suppress=True).set_index("Kode desa")
    assert shown.loc["35.23.01.2001", "Kasus PMKS"] == "<5"
    assert shown.loc["35.23.01.2001", "Kasus per PSM"] == "<5"  # 1,0 would reveal 2 cases with 2 PSM
    assert shown.loc["35.23.01.2004", "Kasus PMKS"] == "0"
    assert shown.loc["35.23.01.2001", "PSM aktif"] == 2
    plain = cakupan.desa_table(cov2023, suppress=False).set_index("Kode desa")
    assert plain.loc["35.23.01.2001", "Kasus PMKS"] == 2
    assert list(plain.index[:1]) == ["35.23.01.2004"]  # no PSM first (all without cases: by code)
    excel_rows = cakupan.desa_table(cov2023, suppress=True, text=False).set_index("Kode desa")
    assert excel_rows.loc["35.23.01.2001", "Kasus PMKS"] == "<5" and excel_rows.loc["35.23.01.2004", "Kasus PMKS"] == 0


def test_no_person_columns_reach_the_tables(cov2023):
    for table in cakupan.coverage_tables(cov2023, "kec", False, True).values():
        assert not {"nik", "nik_hash", "nama"} & {c.lower() for c in table.columns}


def test_click_text(cov2023):
    text = cakupan.click_text(cov2023, "35.23.01.2001", suppress=False)
    assert "Jlodro" in text and "Tercakup" in text and "PSM aktif 2" in text and "kasus PMKS 2" in text
    assert "kasus PMKS <5" in cakupan.click_text(cov2023, "35.23.01.2001", suppress=True)
    assert cakupan.click_text(cov2023, "99.99", suppress=False) is None


@pytest.mark.parametrize("text, expected", [("50", 50), (" 7 ", 7), ("0", 0), ("1.000", 1000)])
def test_parse_slots_accepts_whole_numbers(text, expected):
    assert kuota.parse_slots(text) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "Isi jumlah slot"),
        ("-5", "tidak boleh negatif"),
        ("abc", "bilangan bulat"),
        ("2,5", "bilangan bulat"),
        ("1e9", "bilangan bulat"),
        (None, "Isi jumlah slot"),
    ],
)
def test_parse_slots_refuses_with_a_message(text, words):
    with pytest.raises(AllocationError, match=words):
        kuota.parse_slots(text)


@pytest.mark.parametrize("tingkat", ["nasional", "prov", "desa"])
def test_planner_needs_a_kabupaten_or_kecamatan(tingkat):
    with pytest.raises(AllocationError, match="kabupaten/kota atau kecamatan"):
        kuota.check_scope(tingkat)
    kuota.check_scope("kab")
    kuota.check_scope("kec")


def test_caseload_map_names_unserved_desa_and_keeps_missing_ones_apart(cov2022):
    values = cakupan.load_values(cov2022).set_index("kode")
    assert pd.isna(values.loc["35.23.01.2002", "nilai"])  # no PSM: its own legend row, not a load of 0
    assert values.loc["35.23.01.2002", "teks"] == "Tanpa PSM (belum terlayani): 1 kasus PMKS"
    assert cakupan.load_values(cov2022, suppress=True).set_index("kode").loc["35.23.01.2002", "teks"] == (
        "Tanpa PSM (belum terlayani): <5 kasus PMKS"
    )
    assert values.loc["35.23.01.2001", "nilai"] == 1.5 and pd.isna(values.loc["35.23.01.2001", "teks"])
    codes = cov2022["kode_desa"].tolist()
    assert cakupan.unserved_legend(cov2022, codes) == ("Tanpa PSM (belum terlayani)", 0)
    # A desa on the map without a row of figures is missing data, and the legend says both.
    assert cakupan.unserved_legend(cov2022, codes + ["35.23.01.2099"]) == (
        "Tanpa PSM (belum terlayani) atau tidak ada data",
        1,
    )


def _filters(**kw):
    return SimpleNamespace(**({"wilayah": KENDURUAN, "tahun": 2023, "nama": "Kecamatan Kenduruan"} | kw))


def test_tables_take_shared_headers_from_the_glossary(cov2023):
    tables = cakupan.coverage_tables(cov2023, "prov", suppress=False, text=False)
    assert list(tables) == ["Per kabupaten/kota", "Per kecamatan", "Per desa/kelurahan"]
    kab, kec, desa = tables.values()
    assert kab.columns[1] == "Kabupaten/Kota" and kec.columns[1] == "Kecamatan"
    for header in ("PSM terlatih (Bimtek Dasar)", "Desa/kelurahan tanpa PSM", "Kasus per PSM"):
        assert header in kec.columns, header
    # One name per figure: the desa table, the area tables and the metric say "Kasus di desa tanpa PSM".
    assert "Kasus di desa tanpa PSM" in kec.columns and "Kasus di desa tanpa PSM" in desa.columns
    assert "PSM terlatih (Bimtek Dasar)" in desa.columns
    assert kec.iloc[0]["Kasus per PSM"] == 1.0


def test_metric_cards_name_share_and_define(cov2023):
    cards = view.metric_cards(cakupan.totals(cov2023), suppress=False)
    assert [c["label"] for c in cards] == [
        "Desa/kelurahan tanpa PSM",
        "Desa dengan PSM belum terlatih",
        "Desa tercakup (PSM terlatih)",
        "Kasus di desa tanpa PSM",
        "Median kasus per PSM",
        "Kasus per PSM tertinggi",
    ]
    assert [c["value"] for c in cards] == ["6", "2", "1", "0", "1,0", "2,0"]
    assert cards[0]["delta"] == "6 dari 9 desa/kelurahan" and cards[3]["delta"] == "dari 4 kasus PMKS"
    assert "delta" not in cards[4]
    assert cards[0]["help"].startswith("PSM dengan SK bertanggal")  # the glossary's PSM aktif
    # Masked (the default): Jlodro (2 cases, 2 PSM) and Sokogunung (2 cases, 1 PSM) are "<5", so the case
    # total is the range 2×1 to 2×4 they allow beside the 0 of the others, and the loads are those of
    # Jamprong alone (0 cases on PSM Empat): a load of 1,0 or 2,0 times the public PSM count is a count.
    masked = view.metric_cards(cakupan.totals(cov2023))
    assert [c["value"] for c in masked] == ["6", "2", "1", "0", "0,0", "0,0"]
    assert masked[3]["delta"] == "dari 2–8 kasus PMKS"
    assert "1–4 kasus tidak ikut dihitung" in masked[4]["help"] and "1–4 kasus" in masked[5]["help"]
    assert "tidak ikut dihitung" not in cards[4]["help"]


def test_page_values_for_maps_captions_and_excel(cov2023):
    spec = view.load_spec(_filters(samarkan_kecil=True), "Tanpa PSM (belum terlayani)")
    assert spec.subtitle == "Kecamatan Kenduruan · 2023" and spec.suppress_small
    # Masked, the empty class also holds desa with 1–4 cases (no load: load × PSM is the count).
    assert spec.value_label == "Kasus per PSM" and spec.no_data_label == "Tanpa PSM (belum terlayani) / <5 kasus"
    unmasked = view.load_spec(_filters(samarkan_kecil=False), "Tanpa PSM (belum terlayani)")
    assert unmasked.no_data_label == "Tanpa PSM (belum terlayani)" and not unmasked.suppress_small
    assert view.status_spec(_filters()).k == 3
    captions = view.table_captions({"a": 1, "b": 2})
    assert captions[0].startswith("Urut dari bagian desa tanpa PSM") and captions[1].startswith("Desa tanpa PSM")
    assert view.file_name(_filters(wilayah="")) == "cakupan_psm_semua_2023.xlsx"
    p = view.parameters(_filters(samarkan_kecil=False), demo=True, today=dt.date(2025, 6, 26))
    assert p["Kode wilayah"] == KENDURUAN and p["Tanggal dibuat"] == "2025-06-26"
    assert p['Angka 1–4 disamarkan ("<5")'] == "tidak" and p["Catatan data"].startswith("Data contoh (sintetis)")
    assert p["Definisi"].startswith("PSM aktif: PSM dengan SK") and "Kasus PMKS: " in p["Definisi"]
    assert "Catatan data" not in view.parameters(_filters(samarkan_kecil=False), demo=False)
