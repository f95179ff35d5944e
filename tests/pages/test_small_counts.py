"""With "Samarkan angka kecil" on, a count of 1–4 cannot be worked back from what stands beside it: the Peta
table's rate and population, the map tooltip and rank, the desa panel's trend and categories, the quota
planner's reasons and sheets, and Cakupan's kecamatan totals minus their shown desa.

Hand counts from tests/fixtures (Kecamatan Kenduruan, 2022): Jlodro (2001) 3 cases (A, B, F: category 24
twice, 09 once), population 1.000, 2 PSM; Sokogunung (2002) 1 case (C), population 2.000, no PSM; the
other seven desa 0 cases. Jlodro's trend: 2021 1 case, 2022 3, 2023 2. Kecamatan total 4.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
from types import SimpleNamespace

import pandas as pd
import pytest
from apptest import open_page

from petakesos import excel, sql
from petakesos.allocate.engine import AllocationParams, allocate, summarize
from petakesos.features import cakupan, kuota, peta
from petakesos.features.cakupan import view as cakupan_view
from petakesos.features.peta import view
from petakesos.maps import render

KENDURUAN, JLODRO, SOKOGUNUNG = "35.23.01", "35.23.01.2001", "35.23.01.2002"
MASKED = {JLODRO: 3, SOKOGUNUNG: 1}  # kode → the exact count that must not come back (2022)
POPULATION = {JLODRO: 1000, SOKOGUNUNG: 2000}
FILTERS = SimpleNamespace(wilayah=KENDURUAN, nama="Kecamatan Kenduruan", tahun=2022, samarkan_kecil=True)


def _choice(ukuran: str = "rate") -> view.Choice:
    periode = peta.Periode(2022, 2022)
    return view.Choice.of(FILTERS, ukuran, (), {}, periode, "quantile", 3, "YlOrRd", False, False, None)


def _recomputed(rate, population) -> float | None:
    """What rate × population / 1.000 gives, or None when the rate is not there to multiply."""
    value = pd.to_numeric(pd.Series([rate]), errors="coerce").iloc[0]
    return None if pd.isna(value) else value * population / 1000


# --- Peta: table, Excel, map tooltip and rank --------------------------------------------------------


def test_peta_table_on_the_page_has_no_rate_or_rank_for_a_masked_desa(world):
    at = open_page("peta", wilayah=KENDURUAN, tahun="2022")
    assert not at.exception
    t = at.dataframe[-1].value.set_index("Kode")
    for kode in MASKED:
        row = t.loc[kode]
        assert row["Penduduk"] == POPULATION[kode]  # the population is still shown …
        assert _recomputed(row["Kasus per 1.000 penduduk"], row["Penduduk"]) is None  # … but no rate beside it
        assert pd.isna(row["Peringkat"]) and row["Kelas"] == "<5 kasus"
    # Jamprong (0 cases, population 500) is the only desa ranked: 1, not 3 behind the two hidden ones.
    assert t["Peringkat"].dropna().astype(int).to_dict() == {"35.23.01.2003": 1}


def test_peta_excel_and_map_tooltip_carry_no_rate_of_a_masked_desa(con):
    run = functools.partial(sql.run, con)
    m = view.map_set(run, _choice())
    table = peta.detail.table_frame(m.values, m.classes, "rate", True)
    xlsx = next(d for d in view.downloads(None, None, _choice(), m, table) if d.file_name.endswith(".xlsx"))
    sheet = pd.read_excel(io.BytesIO(xlsx.data()), sheet_name="Peta PMKS").set_index("Kode")
    for kode in MASKED:
        assert _recomputed(sheet.loc[kode, "Kasus per 1.000 penduduk"], sheet.loc[kode, "Penduduk"]) is None
        assert sheet.loc[kode, "Kasus PMKS"] == "<5"
    payload = json.loads(render.values_payload(m.values, m.spec, "nilai", m.classes, ""))
    at = {k: i for i, k in enumerate(m.values["kode"])}
    for kode in MASKED:
        i = at[kode]
        assert payload["t"][i] == "<5 kasus" and payload["c"][i] == "." and payload["r"][i] == 0
    assert m.spec.no_data_label == "Tidak ada data / <5 kasus"


def test_peta_count_map_masks_the_count_and_its_class(con):
    m = view.map_set(functools.partial(sql.run, con), _choice("count"))
    values = m.values.set_index("kode")
    assert all(math.isnan(values.loc[k, "nilai"]) for k in MASKED)
    shown = peta.detail.table_frame(m.values, m.classes, "count", True).set_index("Kode")
    assert [shown.loc[k, "Kasus PMKS"] for k in MASKED] == ["<5", "<5"]


# --- Peta: the desa panel ----------------------------------------------------------------------------


def test_desa_panel_trend_figures_and_categories_give_no_count_back(con):
    p = view.desa_panel(functools.partial(sql.run, con), _choice(), JLODRO, "kec")
    trend = p.trend.data[0]
    years = dict(zip(trend.x, zip(trend.y, trend.text)))
    for year in (2021, 2022, 2023):  # 1, 3 and 2 cases: no rate to multiply by the population
        assert math.isnan(years[year][0]) and years[year][1] == "<5 kasus"
    assert years[2020][1] == "0,00"
    figures = p.figures["Nilai"].to_dict()
    assert figures["Kasus per 1.000 penduduk"] == "<5 kasus" and figures["Kasus PMKS"] == "<5"
    assert figures["Peringkat di kecamatan"] == "–" and figures["Peringkat di kabupaten"] == "–"
    cats = p.categories.data  # 24 (2 cases) and 09 (1): named, since the desa's total is hidden too
    assert cats["Kategori"].tolist() == ["24 Fakir Miskin", "09 Penyandang Disabilitas"]
    assert cats["Kasus PMKS"].isna().tolist() == [True, True]  # drawn as "<5"; no number reaches the browser


def test_category_table_names_no_category_whose_count_the_total_reveals():
    rows = pd.DataFrame({"kode": ["24", "09", "08"], "nama": ["Fakir Miskin", "Disabilitas", "Lansia"]})
    t = peta.detail.category_table(rows.assign(kasus=[7, 3, 0]), suppress=True)
    # A desa with 10 cases: naming "09 … <5" beside "24 … 7" would give 10 − 7 = 3 for category 09.
    assert t["Kategori"].tolist() == ["24 Fakir Miskin", "08 Lansia", "1 kategori lain (masing-masing <5 kasus)"]
    assert "09" not in " ".join(t["Kategori"])


# --- Rencana Kuota: reasons, kecamatan sheet, before/after -------------------------------------------


@pytest.fixture()
def plan(con):
    units = kuota.units(sql.run(con, "app/psm_kasus_by_desa", wilayah=KENDURUAN, tahun=2022))
    out = [units]
    for method, need, slots in (
        ("minmax_beban", "kasus", 1),
        ("minmax_beban", "per_1000", 3),
        ("satu_per_desa", "kasus", 1),
    ):
        result = allocate(units, AllocationParams(slots=slots, method=method, need=need))
        out.append((result, summarize(result)))
    return out


_FIGURE = re.compile(r"\d+(?:,\d+)?")


def test_quota_reasons_state_no_small_count_nor_a_load_to_multiply(plan):
    public = r"<5|\d+ (?:PSM|slot|desa)|(?:peringkat|dari|sampai) \d+(?:–\d+)?"  # slots, PSM, ranks

    def figures(text: str) -> list[str]:
        return _FIGURE.findall(re.sub(public, "", text))

    for result, _ in plan[1:]:
        raw = result.set_index("nama_desa")["alasan"]
        table = kuota.allocation_table(result, suppress=True, screen=True).set_index("Desa/Kelurahan")
        names = ("Jlodro", "Sokogunung")
        assert any(figures(raw[n]) for n in names)  # unmasked, a sentence states a count or a load …
        for name in names:
            assert not figures(table.loc[name, "Alasan"]), table.loc[name, "Alasan"]  # … masked, none
        every = " ".join(table["Alasan"])
        assert "1,5" not in every  # Jlodro's load (3 cases / 2 PSM) as another desa's cut-off
        line = kuota.reason_line(result, JLODRO)
        assert "3 kasus" not in line and "1,5" not in line


def test_quota_sheets_show_kecamatan_cases_as_a_range(plan):
    units, (result, summary) = plan[0], plan[1]
    kec = kuota.kecamatan_table(result)
    assert kec["Kasus PMKS"].tolist() == ["2–8"]  # two hidden desa: the total 4 is not shown
    assert kuota.quota_frame(units).loc[0, "Kasus PMKS"] == "2–8"
    before = kuota.summary_shown(summary).loc[:, "Sebelum"]
    assert before["Kasus di desa tanpa PSM"] == "1–4"  # Sokogunung's 1 case alone
    assert before["Beban kasus tertinggi"] == "0,0"  # over the desa with 0 cases; Jlodro's 1,5 is left out
    book = pd.read_excel(io.BytesIO(kuota.workbook(result, summary, {"x": "y"}, suppress=True)), sheet_name=None)
    assert book["Ringkasan kecamatan"]["Kasus PMKS"].tolist() == ["2–8"]
    alasan = " ".join(book["Alokasi"]["Alasan"])
    assert "3 kasus PMKS" not in alasan and "1 kasus PMKS" not in alasan


# --- Cakupan PSM: kecamatan total minus shown desa ---------------------------------------------------


def test_cakupan_kecamatan_total_minus_its_desa_gives_no_hidden_count(world):
    at = open_page("cakupan", wilayah=KENDURUAN, tahun="2022")
    assert not at.exception
    kec = next(d.value for d in at.dataframe if "% desa tanpa PSM" in d.value.columns)
    desa = next(d.value for d in at.dataframe if "Status cakupan" in d.value.columns)
    assert desa.set_index("Kode desa").loc[[JLODRO, SOKOGUNUNG], "Kasus PMKS"].tolist() == ["<5", "<5"]
    row = kec.iloc[0]
    assert row["Kasus PMKS"] == "2–8" and row["Kasus di desa tanpa PSM"] == "1–4"
    assert row["Kasus per PSM"] == "0,50–2,00"  # Jlodro's 3 cases / 2 PSM = 1,50 is not shown
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics["Kasus di desa tanpa PSM"] == ("1–4", "dari 2–8 kasus PMKS")
    assert metrics["Kasus per PSM tertinggi"][0] == "–"  # the only desa with PSM is hidden


def test_cakupan_excel_and_caseload_map(con):
    cov = cakupan.coverage(sql.run(con, "app/psm_kasus_by_desa", wilayah=KENDURUAN, tahun=2022))
    tables = cakupan.coverage_tables(cov, "kec", True, text=False)
    book = pd.read_excel(io.BytesIO(excel.workbook(tables, {"x": "y"})), sheet_name=None)
    kec = next(t for t in book.values() if "% desa tanpa PSM" in t.columns)
    assert kec.loc[0, "Kasus PMKS"] == "2–8" and kec.loc[0, "Kasus per PSM"] == "0,50–2,00"
    load = cakupan.load_values(cov, suppress=True).set_index("kode")
    assert math.isnan(load.loc[JLODRO, "nilai"]) and load.loc[JLODRO, "teks"] == "<5 kasus PMKS"
    spec = cakupan_view.load_spec(FILTERS, "Tanpa PSM (belum terlayani)")
    assert spec.no_data_label == "Tanpa PSM (belum terlayani) / <5 kasus"


def test_the_range_rule_by_hand():
    assert cakupan.between(216, 1) == "217–220"  # Plumpang: 218 could be anything from 217 to 220
    assert cakupan.between(216, 0) == 216
    assert cakupan.between(0, 2) == "2–8"
