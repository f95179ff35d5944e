"""District comparison: hand-checked figures on the fixture, and the table/rank/format rules."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from petakesos import fmt, glossary, sql
from petakesos.features import bandingkan
from petakesos.features.bandingkan import ROW_KAB, ROW_MEDIAN, ROW_PROV, ranges
from petakesos.features.bandingkan import charts as charts_bandingkan
from petakesos.features.bandingkan import table as bandingkan_table
from petakesos.features.bandingkan import view as bandingkan_view

TUBAN = "35.23"


def _table(con, year, base, key="desa_tanpa_psm"):
    scope = sql.run(con, "app/sums_by_kabupaten_tahun", wilayah="35")
    return bandingkan.league_table(scope, scope, year, base, key)


def _row(table, kind, code=None):
    rows = table[table["jenis_baris"] == kind]
    return rows[rows["kode_kab"] == code].iloc[0] if code else rows.iloc[0]


def test_tuban_2022_by_hand(con):
    # Fixture, 2022: cases A, B, F (desa 2001) and C (2002) are open; population 1,000 + 2,000 + 500;
    # PSM 1 and 2 count (both desa 2001); only PSM 1 passed Bimtek Dasar (Nov 2022).
    table = _table(con, 2022, None)
    assert (table["jenis_baris"] == ROW_KAB).sum() == 38  # every kabupaten/kota of Jawa Timur
    t = _row(table, ROW_KAB, TUBAN)
    assert t["nama"] == "Kabupaten Tuban"
    assert (t["jumlah_desa"], t["kasus"], t["psm_aktif"], t["psm_terlatih"]) == (328, 4, 2, 1)
    assert t["desa_tanpa_psm"] == 327
    assert math.isclose(t["kasus_per_1000"], 4 / 3500 * 1000)
    assert math.isclose(t["psm_per_1000"], 2 / 3500 * 1000)
    assert math.isclose(t["psm_per_desa"], 2 / 328)
    assert math.isclose(t["persen_desa_psm"], 100 / 328)
    assert t["kasus_per_psm"] == 2.0
    assert t["persen_terlatih"] == 50.0
    assert pd.isna(t["delta_desa_tanpa_psm"])  # no base year chosen


def test_tuban_2023_change_since_2022_by_hand(con):
    # 2023: cases A, F, C (closed 1 Jan 2023) and D; population 1,010 + 2,020 + 500 (2003: 2022 figure);
    # PSM 1, 2 (desa 2001), 4 (desa 2003) and Muda (desa 2002, under 18 at SK: imported and flagged, not
    # dropped): 3 desa with PSM, so two desa fewer without.
    t = _row(_table(con, 2023, 2022), ROW_KAB, TUBAN)
    assert t["desa_tanpa_psm"] == 325
    assert t["delta_desa_tanpa_psm"] == -2
    assert math.isclose(t["delta_kasus_per_1000"], 4000 / 3530 - 4000 / 3500)
    assert math.isclose(t["kasus_per_psm"], 4 / 4)
    assert math.isclose(t["delta_kasus_per_psm"], 4 / 4 - 2)


def test_reference_rows_by_hand(con):
    table = _table(con, 2022, 2021)
    prov = _row(table, ROW_PROV)
    assert prov["nama"] == "Provinsi Jawa Timur"
    assert prov["jumlah_desa"] == 8494  # desa/kelurahan of Jawa Timur in the 2025 code list
    assert prov["desa_tanpa_psm"] == 8493
    assert prov["kasus"] == 4 and math.isclose(prov["kasus_per_1000"], 4 / 3500 * 1000)
    med = _row(table, ROW_MEDIAN)
    # 37 kabupaten have no PSM and no population figure: medians of 0 and of Tuban alone.
    assert med["persen_desa_psm"] == 0 and med["kasus"] == 0
    assert med["kasus_per_psm"] == 2.0 and math.isclose(med["kasus_per_1000"], 4 / 3.5)
    assert pd.isna(table.loc[table["jenis_baris"] != ROW_KAB, "peringkat"]).all()


def test_ranking_puts_the_worst_first_for_each_direction(con):
    by_gap = _table(con, 2023, 2022, "desa_tanpa_psm")
    kab = by_gap[by_gap["jenis_baris"] == ROW_KAB]
    # Most desa without PSM = largest kabupaten (none has PSM but Tuban): Lamongan 474, Bojonegoro 430, Malang 390.
    assert kab["nama"].head(3).tolist() == ["Kabupaten Lamongan", "Kabupaten Bojonegoro", "Kabupaten Malang"]
    assert kab["peringkat"].head(3).tolist() == [1, 2, 3]
    by_cover = _table(con, 2023, 2022, "persen_desa_psm")
    kab = by_cover[by_cover["jenis_baris"] == ROW_KAB]
    assert kab["nama"].iloc[-1] == "Kabupaten Tuban"  # best covered = last
    assert kab["peringkat"].iloc[0] == 1 and (kab["peringkat"] == 1).sum() == 37  # ties share rank 1
    assert bandingkan_table.worst_lines(by_gap, "desa_tanpa_psm", 2022) == [
        "1. Kabupaten Lamongan — 474 (0 sejak 2022)",
        "2. Kabupaten Bojonegoro — 430 (0 sejak 2022)",
        "3. Kabupaten Malang — 390 (0 sejak 2022)",
    ]


def test_desa_values_for_the_small_multiples(con):
    desa = sql.run(con, "app/sums_by_desa", wilayah=TUBAN, tahun=2023)
    assert len(desa) == 328
    psm = bandingkan.desa_values(desa, "desa_tanpa_psm").set_index("kode")["nilai"]
    assert psm["35.23.01.2001"] == 2 and psm["35.23.01.2003"] == 1 and psm["35.23.01.2002"] == 1  # PSM Muda
    assert psm.sum() == 4
    rate = bandingkan.desa_values(desa, "kasus_per_1000").set_index("kode")["nilai"]
    assert math.isclose(rate["35.23.01.2001"], 2 / 1010 * 1000)  # A and F
    assert pd.isna(rate["35.23.02.2001"])  # no population figure: no data, not zero


def test_base_year_defaults_to_2022_else_last_year():
    years = [2020, 2021, 2022, 2023, 2024, 2025]
    assert bandingkan.default_base_year(years, 2025) == 2022
    assert bandingkan.default_base_year(years, 2022) == 2021
    assert bandingkan.default_base_year(years, 2020) is None
    assert bandingkan.base_year_options(years, 2023) == [2022, 2021, 2020]


def _sums(**cols) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {c: [0] * n for c in bandingkan.SUM_COLUMNS}
    base.update(cols)
    return pd.DataFrame(base)


def test_province_is_summed_then_divided_not_an_average_of_rates():
    rows = _sums(
        jumlah_desa=[10, 90],
        penduduk=[1000, 9000],
        kasus=[100, 0],
        kasus_berpenduduk=[100, 0],
        psm_aktif=[10, 90],
        psm_terlatih=[10, 0],
        desa_dengan_psm=[10, 0],
    )
    rows = rows.assign(kode_kab=["01.01", "01.02"], nama_kab=["A", "B"], kode_prov="01", nama_prov="P", tahun=2025)
    prov = bandingkan.province_rows(rows, 2025, None).iloc[0]
    assert prov["kasus_per_1000"] == 10.0  # 100 / 10,000, not the mean of 100 and 0
    assert prov["persen_terlatih"] == 10.0 and prov["persen_desa_psm"] == 10.0 and prov["desa_tanpa_psm"] == 90


def test_zero_denominators_are_no_data_not_zero():
    out = bandingkan.rates(_sums(jumlah_desa=[3], kasus=[5]))
    assert pd.isna(out["kasus_per_1000"][0]) and pd.isna(out["kasus_per_psm"][0])
    assert pd.isna(out["persen_terlatih"][0]) and out["desa_tanpa_psm"][0] == 3


def _multi_province_table():
    rows = _sums(
        jumlah_desa=[4, 6, 5],
        penduduk=[100, 100, 100],
        kasus=[3, 9, 1],
        kasus_berpenduduk=[3, 9, 1],
        psm_aktif=[2, 0, 7],
        desa_dengan_psm=[2, 0, 5],
        psm_terlatih=[1, 0, 7],
    )
    rows = rows.assign(
        kode_kab=["01.01", "01.02", "02.01"],
        nama_kab=["Kab A", "Kab B", "Kota C"],
        kode_prov=["01", "01", "02"],
        nama_prov=["P1", "P1", "P2"],
        tahun=2025,
    )
    return bandingkan.league_table(rows, rows, 2025, None, "desa_tanpa_psm")


def test_all_provinces_gets_a_province_column_and_one_reference_row_per_province():
    table = _multi_province_table()
    assert table["jenis_baris"].tolist() == [ROW_KAB] * 3 + [ROW_PROV] * 2 + [ROW_MEDIAN]
    assert table["nama"].tolist()[3:5] == ["Provinsi P1", "Provinsi P2"]
    headers = list(bandingkan_table.columns(None, True, "desa_tanpa_psm").values())
    assert headers[:4] == ["Peringkat", "Kabupaten/Kota", "Provinsi", "Desa/kelurahan tanpa PSM"]


def _shown(styler, header: str) -> list[str]:
    """Display text of one column, as st.dataframe shows it."""
    i = list(styler.data.columns).index(header)
    body = styler._translate(False, False)["body"]
    return [[c for c in row if c["type"] == "td"][i]["display_value"] for row in body]


def test_table_shows_small_people_counts_as_below_five_when_asked():
    table = _multi_province_table()
    html = bandingkan_table.styled_table(table, None, "desa_tanpa_psm", "01.02", True).to_html()
    assert "#fff3b0" in html  # Kab B highlighted
    shown = _shown(bandingkan_table.styled_table(table, None, "desa_tanpa_psm", None, True), "Kasus PMKS")
    # Worst first: B (6 desa without PSM, 9 cases), A (3 cases), C (1); P1, P2; the median is not a count.
    assert shown == ["9", "<5", "<5", "12", "<5", "3"]
    assert _shown(bandingkan_table.styled_table(table, None, "desa_tanpa_psm", None, False), "Kasus PMKS")[:3] == [
        "9",
        "3",
        "1",
    ]
    export = bandingkan_table.export_table(table, None, "desa_tanpa_psm", True)
    assert export["Kasus PMKS"].tolist() == [9, "<5", "<5", 12, "<5", 3]
    assert not {"nik", "nik_hash", "nik_psm"} & {c.lower() for c in export.columns}


def test_sorted_indicator_and_its_change_come_right_after_the_name():
    headers = list(bandingkan_table.columns(2022, False, "kasus_per_psm").values())
    assert headers[:4] == ["Peringkat", "Kabupaten/Kota", "Kasus per PSM", "Δ Kasus per PSM sejak 2022"]
    assert "Δ Desa/kelurahan tanpa PSM sejak 2022" in headers and "Δ Kasus per 1.000 penduduk sejak 2022" in headers
    assert not any(h.startswith("Δ") for h in bandingkan_table.columns(None, False, "kasus_per_psm").values())


def test_figures_build_without_person_names(con):
    table = _table(con, 2023, 2022)
    fig = charts_bandingkan.need_capacity(table, "psm_per_1000", [TUBAN])
    assert fig.layout.separators == ",."
    scope = sql.run(con, "app/sums_by_kabupaten_tahun", wilayah="35")
    kab, ref = bandingkan.trend(scope, "desa_tanpa_psm", [2021, 2022, 2023])
    assert ref["nama"].iloc[0] == "Median 38 kab/kota se-Jawa Timur"  # a count: median kabupaten, not the total
    tuban = kab[kab["kode"] == TUBAN].set_index("tahun")["nilai"]
    assert tuban.tolist() == [327, 327, 325]
    fig = charts_bandingkan.over_time(kab, ref, "desa_tanpa_psm", [TUBAN], {TUBAN: "Kabupaten Tuban"})
    text = fig.to_json()
    assert "Kabupaten Tuban" in text and "PSM Satu" not in text and "Kasus A" not in text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 400), st.integers(0, 400), st.integers(0, 50_000), st.integers(0, 900)),
        min_size=1,
        max_size=12,
    )
)
def test_rank_and_reference_rows_hold_for_any_kabupaten(data):
    desa = [d for d, _, _, _ in data]
    with_psm = [min(w, d) for d, w, _, _ in data]
    rows = _sums(
        jumlah_desa=desa,
        desa_dengan_psm=with_psm,
        psm_aktif=with_psm,
        penduduk=[p for _, _, p, _ in data],
        kasus=[k for *_, k in data],
        kasus_berpenduduk=[k if p else 0 for _, _, p, k in data],
    )
    rows = rows.assign(
        kode_kab=[f"01.{i + 1:02d}" for i in range(len(data))], nama_kab="K", kode_prov="01", nama_prov="P", tahun=2025
    )
    table = bandingkan.league_table(rows, rows, 2025, None, "desa_tanpa_psm")
    kab = table[table["jenis_baris"] == ROW_KAB]
    gaps = kab["desa_tanpa_psm"].to_numpy()
    assert (np.diff(gaps) <= 0).all()  # worst first
    assert kab["peringkat"].iloc[0] == 1 and (np.diff(kab["peringkat"].to_numpy(dtype=float)) >= 0).all()
    prov = table[table["jenis_baris"] == ROW_PROV].iloc[0]
    assert prov["desa_tanpa_psm"] == gaps.sum()
    assert 0 <= prov["persen_desa_psm"] <= 100
    assert table[table["jenis_baris"] == ROW_MEDIAN].iloc[0]["desa_tanpa_psm"] == np.median(gaps)


def test_map_values_give_no_rank_to_kabupaten_without_data():
    table = _multi_province_table()
    values = bandingkan.map_values(table, "kasus_per_psm")  # Kab B has no PSM
    assert values["kode"].tolist() == ["01.02", "01.01", "02.01"]
    assert np.isnan(values["nilai"][0]) and np.isnan(values["peringkat"][0])
    assert values["peringkat"].dtype == float and values["peringkat"][1] == 1  # 3 cases / 2 PSM is worst


# Issue 9, item 9: one colour rule. Written by hand: which way is worse for each figure, and the palette families.
WARM = {"YlOrRd", "Oranges"}  # a problem: darker = worse
COOL = {"Greens", "Blues"}  # a capacity: darker = better
WORSE_WHEN_HIGH = {
    "desa_tanpa_psm": True,
    "persen_desa_psm": False,
    "psm_per_desa": False,
    "kasus_per_1000": True,
    "kasus_per_psm": True,
    "persen_terlatih": False,
    "psm_per_1000": False,
    "delta_desa_tanpa_psm": True,
    "delta_kasus_per_1000": True,
}
# The small multiples show a desa figure: for "desa tanpa PSM" that is the PSM count of each desa (high = good).
DESA_WORSE_WHEN_HIGH = {
    "psm_aktif": False,
    "kasus_per_1000": True,
    "kasus_per_psm": True,
    "persen_terlatih": False,
    "psm_per_1000": False,
}


def _direction_ok(look, worse_when_high: bool) -> bool:
    family = WARM if worse_when_high else COOL
    words = "(gelap = lebih buruk)" if worse_when_high else "(gelap = lebih baik)"
    return look.palette in family and look.label.endswith(words)


def test_every_indicator_map_says_darker_is_worse_or_labels_that_darker_is_better():
    assert set(bandingkan.INDICATORS) == set(WORSE_WHEN_HIGH)
    for key, worse in WORSE_WHEN_HIGH.items():
        assert bandingkan.INDICATORS[key].higher_is_worse is worse, key
        assert _direction_ok(bandingkan.kabupaten_map_look(key), worse), key
        desa_key = bandingkan.INDICATORS[key].desa_key
        assert _direction_ok(bandingkan.desa_map_look(key), DESA_WORSE_WHEN_HIGH[desa_key]), key
    # The case that misled: kabupaten map "desa tanpa PSM" (dark = bad) above desa maps of PSM per desa.
    assert bandingkan.kabupaten_map_look("desa_tanpa_psm").palette in WARM
    assert bandingkan.desa_map_look("desa_tanpa_psm").palette in COOL


def test_a_desa_without_psm_is_not_called_missing_data_on_a_per_psm_map():
    assert bandingkan.desa_map_look("kasus_per_psm").no_data_label.startswith("Tanpa PSM")
    assert bandingkan.kabupaten_map_look("kasus_per_psm").no_data_label.startswith("Tanpa PSM")
    assert bandingkan.desa_map_look("kasus_per_1000").no_data_label == "Tanpa data penduduk"


# Issue 9, item 11: every median says what it is the median of.
def test_each_median_names_what_it_is_the_median_of(con):
    table = _multi_province_table()
    assert table["nama"].iloc[-1] == "Median 3 kab/kota se-2 provinsi"
    jatim = _table(con, 2023, 2022)
    assert jatim["nama"].iloc[-1] == "Median 38 kab/kota se-Jawa Timur"
    scope = sql.run(con, "app/sums_by_kabupaten_tahun", wilayah="35")
    _, ref = bandingkan.trend(scope, "desa_tanpa_psm", [2022, 2023])
    assert ref["nama"].iloc[0] == "Median 38 kab/kota se-Jawa Timur"
    # % desa ber-PSM: A 2 of 4, B 0 of 6, C 5 of 5 → 50, 0, 100 (median 50); PMKS per 1.000: 30, 90, 10 (median 30).
    fig = charts_bandingkan.need_capacity(table, "persen_desa_psm", [])
    notes = [a.text for a in fig.layout.annotations]
    assert "Median % desa/kelurahan dengan PSM, 3 kab/kota yang tampil: 50,0%" in notes
    assert "Median Kasus per 1.000 penduduk, 3 kab/kota yang tampil: 30,0" in notes


# Issue 9, item 4: every number in Indonesian format, whole numbers without decimals.
def test_people_and_desa_counts_show_without_decimals_and_with_thousands_dots():
    rows = _sums(
        jumlah_desa=[1200, 6, 5],
        penduduk=[100, 100, 100],
        kasus=[3, 9, 1],
        kasus_berpenduduk=[3, 9, 1],
        psm_aktif=[1500, 2, 4583],
        desa_dengan_psm=[2, 0, 5],
        psm_terlatih=[1, 0, 7],
    )
    rows = rows.assign(
        kode_kab=["01.01", "01.02", "02.01"],
        nama_kab=["Kab A", "Kab B", "Kota C"],
        kode_prov=["01", "01", "02"],
        nama_prov=["P1", "P1", "P2"],
        tahun=2025,
    )
    table = bandingkan.league_table(rows, rows, 2025, None, "desa_tanpa_psm")  # A (1198), B (6), C (0)
    styled = bandingkan_table.styled_table(table, None, "desa_tanpa_psm", None, False)
    assert _shown(styled, "PSM aktif") == ["1.500", "2", "4.583", "1.502", "4.583", "1.500"]
    assert _shown(styled, "Desa/kelurahan") == ["1.200", "6", "5", "1.206", "5", "6"]
    assert _shown(styled, "Desa/kelurahan tanpa PSM") == ["1.198", "6", "0", "1.204", "0", "6"]
    two = bandingkan.league_table(rows.head(2), rows.head(2), 2025, None, "desa_tanpa_psm")
    assert _shown(bandingkan_table.styled_table(two, None, "desa_tanpa_psm", None, False), "PSM aktif")[-1] == "751"
    assert (
        _shown(bandingkan_table.styled_table(two, None, "desa_tanpa_psm", None, False), "Desa/kelurahan")[-1] == "603"
    )


def test_excel_parameters_are_words_and_indonesian_dates():
    params = bandingkan_table.export_parameters(
        "Jawa Timur", 2025, None, "desa_tanpa_psm", True, today=pd.Timestamp("2026-11-03").date()
    )
    assert params == {
        "Wilayah": "Jawa Timur",
        "Tahun": 2025,
        "Tahun pembanding": "–",
        "Diurutkan menurut": "Desa/kelurahan tanpa PSM",
        "Samarkan angka kecil": "Ya",
        "Dibuat": "3 November 2026",
    }


# --- What the page draws (features/bandingkan/view.py) ----------------------------------------------


def test_scope_compares_the_province_and_highlights_a_chosen_kabupaten():
    assert bandingkan_view.scope("35.23.01", "kec") == ("35", "35.23")
    assert bandingkan_view.scope("35.23", "kab") == ("35", "35.23")
    assert bandingkan_view.scope("35", "prov") == ("35", None)
    assert bandingkan_view.scope("", "nasional") == ("", None)


def test_every_header_and_picker_names_a_shared_figure_as_the_glossary_does():
    headers = bandingkan_table.columns(2022, True, "desa_tanpa_psm")
    for col in ("nama_prov", "desa_tanpa_psm", "kasus_per_1000", "persen_terlatih", "kasus", "psm_aktif"):
        assert headers[col] == glossary.NAMES[col]
        assert col not in bandingkan.INDICATORS or bandingkan.INDICATORS[col].label == glossary.NAMES[col]
    export = bandingkan_table.export_table(_multi_province_table(), None, "desa_tanpa_psm", False)
    assert glossary.NAMES["psm_terlatih"] in export.columns and glossary.NAMES["penduduk"] in export.columns
    assert bandingkan.INDICATORS["persen_terlatih"].help == glossary.DEFINITIONS["persen_terlatih"]


def test_captions_and_marked_kabupaten():
    table = _multi_province_table()
    assert bandingkan_view.intro(table, False).endswith("mengurutkan menurut kolom lain.")
    assert "(3 kab/kota se-2 provinsi)" in bandingkan_view.intro(table, False)
    masked = bandingkan_view.intro(table, True)  # says what masking hides: the count and the rates beside it
    assert 'Kasus PMKS 1–4 per desa/kelurahan ditampilkan "<5"' in masked and "sebagai rentang" in masked
    assert masked.endswith("peringkat, warna peta dan grafik memakai batas bawahnya.")  # how a range is ranked
    assert bandingkan_view.all_provinces_name(table[table["jenis_baris"] == ROW_KAB]) == "Semua provinsi (P1, P2)"
    assert bandingkan_view.marked("01.02", ["01.01", "01.02", "02.01"]) == ["01.02", "01.01", "02.01"]
    assert bandingkan_view.marked(None, ["01.01"]) == ["01.01"]
    assert bandingkan_view.years_until([2020, 2021, 2022, 2023], 2022) == [2020, 2021, 2022]
    assert "Nilai per desa: PSM aktif di desa (gelap = lebih baik)." in bandingkan_view.multi_note("desa_tanpa_psm")


def test_map_specs_carry_the_colour_rule():
    kab = bandingkan_view.kabupaten_spec("kasus_per_psm", "Jawa Timur", 2025, True)
    assert kab.title == "Kasus per PSM" and kab.subtitle == "Jawa Timur · 2025"
    assert kab.value_label == "Kasus per PSM (gelap = lebih buruk)" and kab.palette == "YlOrRd"
    assert kab.no_data_label.startswith("Tanpa PSM") and kab.suppress_small
    desa = bandingkan_view.desa_spec("desa_tanpa_psm", "Kabupaten Tuban", 2025, False)
    assert (desa.title, desa.subtitle, desa.palette) == ("Kabupaten Tuban", "2025", "Greens")
    assert desa.value_label == "PSM aktif di desa (gelap = lebih baik)" and not desa.suppress_small


def test_excel_download_names_its_scope_and_year():
    table = _multi_province_table()
    today = dt.date(2025, 12, 1)
    sheets, params, name = bandingkan_view.export(table, None, "desa_tanpa_psm", True, "Semua", "", 2025, today)
    assert name == "bandingkan_kabupaten_semua_2025.xlsx" and list(sheets) == ["Bandingkan kabupaten"]
    assert params["Dibuat"] == "1 Desember 2025" and params["Tahun pembanding"] == "–"
    assert bandingkan_view.export(table, 2022, "desa_tanpa_psm", False, "Jawa Timur", "35", 2025, today)[2] == (
        "bandingkan_kabupaten_35_2025.xlsx"
    )


def _two_kabupaten(kasus_a: int) -> pd.DataFrame:
    """Kabupaten A (kasus_a cases, 1.000 residents, 1 PSM) and B (10 cases, 2.000 residents, 2 PSM), 2022."""
    return pd.DataFrame(
        {
            "kode_kab": ["35.01", "35.02"],
            "nama_kab": ["Kabupaten A", "Kabupaten B"],
            "kode_prov": "35",
            "nama_prov": "Jawa Timur",
            "tahun": 2022,
            "jumlah_desa": [10, 10],
            "penduduk": [1000, 2000],
            "kasus": [kasus_a, 10],
            "kasus_berpenduduk": [kasus_a, 10],
            "psm_aktif": [1, 2],
            "psm_berpenduduk": [1, 2],
            "psm_terlatih": [0, 0],
            "desa_dengan_psm": [1, 2],
        }
    )


def test_trend_draws_no_case_rate_of_a_masked_kabupaten_nor_of_its_province():
    rows = _two_kabupaten(3)
    kab, prov = bandingkan_view.trend(rows, "kasus_per_1000", [2022], suppress=True)
    # A: 3 / 1.000 × 1.000 = 3,0 would give its 3 cases back; the province's 13 / 3.000 minus B's 10 too.
    assert kab.set_index("kode")["nilai"].isna().tolist() == [True, False]
    assert kab.set_index("kode").loc["35.02", "nilai"] == 5.0  # 10 / 2.000 × 1.000
    assert prov["nilai"].isna().all()
    kab, prov = bandingkan_view.trend(rows, "kasus_per_1000", [2022], suppress=False)
    assert kab["nilai"].tolist() == [3.0, 5.0] and round(prov["nilai"].iloc[0], 3) == 4.333
    kab, prov = bandingkan_view.trend(_two_kabupaten(5), "kasus_per_1000", [2022], suppress=True)
    assert kab["nilai"].tolist() == [5.0, 5.0] and prov["nilai"].notna().all()  # 5 cases are not masked


def test_league_table_masks_a_kabupaten_and_gives_its_province_a_range():
    rows = _two_kabupaten(3)
    table = bandingkan_view.league_table(rows, rows, 2022, None, "kasus_per_psm", True)
    kab = table[table["jenis_baris"] == ROW_KAB].set_index("kode_kab")
    assert math.isnan(kab.loc["35.01", "kasus_per_psm"]) and pd.isna(kab.loc["35.01", "peringkat"])
    assert kab.loc["35.01", bandingkan_table.SHOWN_AS] == "<5" and math.isnan(kab.loc["35.01", "kasus"])
    assert kab.loc["35.02", "kasus_per_psm"] == 5.0 and kab.loc["35.02", "peringkat"] == 1  # 10 / 2 PSM
    prov = _row(table, ROW_PROV)
    assert prov[bandingkan_table.SHOWN_AS] == "11–14"  # B's 10 plus A's 1–4
    assert math.isnan(prov["kasus_per_psm"]) and math.isnan(prov["kasus_per_1000"])
    med = _row(table, ROW_MEDIAN)
    assert med["kasus_per_psm"] == 5.0  # over B alone: A's 3,0 is left out, not averaged in
    assert bandingkan_table.export_table(table, None, "kasus_per_psm", True)["Kasus PMKS"].tolist()[:3] == [
        10,
        "<5",
        "11–14",
    ]


def test_map_legends_say_a_case_figure_may_be_empty_because_it_is_masked():
    assert bandingkan_view.kabupaten_spec("kasus_per_1000", "Jawa Timur", 2022, True).no_data_label.endswith(
        " / <5 kasus"
    )
    assert bandingkan_view.desa_spec("kasus_per_psm", "Tuban", 2022, True).no_data_label.endswith(" / <5 kasus")
    assert "<5" not in bandingkan_view.kabupaten_spec("desa_tanpa_psm", "Jawa Timur", 2022, True).no_data_label
    assert "<5" not in bandingkan_view.kabupaten_spec("kasus_per_1000", "Jawa Timur", 2022, False).no_data_label


def test_a_range_whose_ends_read_the_same_keeps_the_low_end_as_a_number():
    """'7,5' beside '7,5' is no range: the cell keeps its number (the public low end), so the screen reads
    '7,5' and Excel gets a number, not the text '7,5'."""
    low, high = pd.Series([7.46, 1.0, 3.0, np.nan]), pd.Series([7.54, 4.0, 3.0, 2.0])
    assert ranges.shown(low, high, fmt.decimal).tolist() == [None, "1,0–4,0", None, None]
