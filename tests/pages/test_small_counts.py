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

from petakesos import excel, fmt, sql
from petakesos.allocate.engine import AllocationParams, allocate, summarize
from petakesos.features import cakupan, kuota, peta
from petakesos.features.bandingkan import table as league_table
from petakesos.features.bandingkan import view as bandingkan_view
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


# --- One test per page: nothing shown beside a masked desa or kabupaten gives its count back ---------
#
# Hand figures (2022, masking on): Kenduruan's masked desa are Jlodro (3 cases, population 1.000, 2 PSM) and
# Sokogunung (1 case, population 2.000); every other desa of Kabupaten Tuban has 0 cases, and of them only
# Jamprong (2003) has a population (500). So Tuban's and Kenduruan's total is 0 shown + two desa of 1–4 =
# "2–8", its rate over the 3.500 residents with a figure 2/3,5 = 0,57 to 8/3,5 = 2,29 per 1.000, and
# on Bandingkan Tuban (4 cases) is that same range: 4 / 3.500 × 1.000 = 1,14 and 4 / 2 PSM = 2,00 would give the
# 4 back, "<5" beside its two desa "<5" would narrow it to 2–4 (four such desa: exactly 4), so it reads "2–8",
# "0,6–2,3" per 1.000 and "1,00–4,00" per PSM (2 to 8 over 2 PSM), ranked and drawn at the low end.
TUBAN_LOW = {"Kasus PMKS": 2, "Kasus per 1.000 penduduk": 2 / 3.5, "Kasus per PSM": 1.0}
TUBAN_SHOWN = {"Kasus PMKS": "2–8", "Kasus per 1.000 penduduk": "0,6–2,3", "Kasus per PSM": "1,00–4,00"}


def _strings(at) -> list[str]:
    """Every text element, metric value and delta, and static table cell of an AppTest page."""
    out = []
    for name in ("markdown", "caption", "header", "subheader", "title", "info", "warning", "success", "text"):
        out += [str(e.value) for e in getattr(at, name)]
    out += [f"{m.label}: {m.value} {m.delta or ''}" for m in at.metric]
    for t in at.table:
        out += t.value.reset_index().to_numpy().ravel().tolist()
    return [str(s) for s in out]


def _charts(at) -> list[dict]:
    """The page's Plotly figures as sent to the browser (JSON; typed arrays decoded to lists)."""
    import base64

    import numpy as np

    def decode(v):
        if isinstance(v, dict) and "bdata" in v:
            return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
        return v

    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    for chart in charts:
        for trace in chart["data"]:
            trace.update({k: decode(trace[k]) for k in ("x", "y") if k in trace})
    return charts


def test_beranda_total_and_rate_are_ranges_over_masked_desa(world):
    for wilayah in (KENDURUAN, "35.23"):  # a kecamatan, and the kabupaten whose only cases are in it
        at = open_page("beranda", wilayah=wilayah, tahun="2022")
        assert not at.exception
        shown = {m.label: m.value for m in at.metric}
        # 4 cases exactly would be the sum of the two masked desa (every other desa shows 0 on Peta PMKS) …
        assert shown["Kasus PMKS"] == "2–8", wilayah
        # … and 4 / 3.500 × 1.000 = 1,1 times the public population would give the same 4.
        assert shown["Kasus per 1.000 penduduk"] == "0,6–2,3", wilayah
        assert shown["PSM aktif"] == "2"  # PSM are appointed by a public SK: never masked


def test_peta_page_panel_table_and_excel_give_no_masked_count_back(world, con):
    from petakesos.features.peta import Pilihan

    at = open_page("peta", state={"peta_pilihan": Pilihan(JLODRO)}, wilayah=KENDURUAN, tahun="2022")
    assert not at.exception
    panel = at.table[0].value.iloc[:, 0].to_dict()
    assert panel["Kasus per 1.000 penduduk"] == "<5 kasus" and panel["Kasus PMKS"] == "<5"
    assert panel["Peringkat di kecamatan"] == "–" and panel["Peringkat di kabupaten"] == "–"
    (trend,) = _charts(at)
    for x, y in zip(trend["data"][0]["x"], trend["data"][0]["y"]):
        assert pd.isna(y) or x == 2020, (x, y)  # 2021–2023: 1, 3 and 2 cases, no rate drawn
    t = at.dataframe[-1].value.set_index("Kode")
    for kode in MASKED:
        assert _recomputed(t.loc[kode, "Kasus per 1.000 penduduk"], POPULATION[kode]) is None
    assert "3 kasus" not in " ".join(_strings(at)) and "1 kasus" not in " ".join(_strings(at))
    # The panel's ranks stay honest even when handed an unmasked frame: Jamprong (rate 0) is the only
    # ranked desa of Kenduruan, not third behind the two masked ones (a rank between neighbours brackets
    # a masked rate, and rate × population is the count).
    rows = peta.fetch_rows(functools.partial(sql.run, con), "35.23", peta.Periode(2022, 2022), ())
    exact = peta.values_frame(rows, "rate", suppress=False)
    assert peta.detail.desa_detail(exact, JLODRO, "rate", True)["peringkat_kec"] == "–"
    assert peta.detail.desa_detail(exact, "35.23.01.2003", "rate", True)["peringkat_kec"] == "1 dari 1"


def test_cakupan_page_kabupaten_view_gives_no_masked_count_back(world, con):
    at = open_page("cakupan", wilayah="35.23", tahun="2022")
    assert not at.exception
    kec = next(d.value for d in at.dataframe if "% desa tanpa PSM" in d.value.columns).set_index("Kecamatan")
    assert kec.loc["Kenduruan", "Kasus PMKS"] == "2–8" and kec.loc["Kenduruan", "Kasus per PSM"] == "0,50–2,00"
    assert kec.loc["Jatirogo", "Kasus PMKS"] == "0"
    desa = next(d.value for d in at.dataframe if "Status cakupan" in d.value.columns).set_index("Kode desa")
    assert desa.loc[[JLODRO, SOKOGUNUNG], "Kasus PMKS"].tolist() == ["<5", "<5"]
    assert desa.loc[JLODRO, "Kasus per PSM"] == "<5"  # 1,50 × 2 PSM would be 3
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kasus di desa tanpa PSM"] == "1–4" and metrics["Kasus per PSM tertinggi"] == "–"
    every = " ".join(_strings(at))
    assert "1,5" not in every and "4 kasus" not in every
    cov = cakupan.coverage(sql.run(con, "app/psm_kasus_by_desa", wilayah="35.23", tahun=2022))
    book = pd.read_excel(
        io.BytesIO(excel.workbook(cakupan.coverage_tables(cov, "kab", True, text=False), {"x": "y"})), sheet_name=None
    )
    kec_sheet = next(t for t in book.values() if "% desa tanpa PSM" in t.columns).set_index("Kecamatan")
    assert kec_sheet.loc["Kenduruan", "Kasus PMKS"] == "2–8"
    desa_sheet = next(t for t in book.values() if "Status cakupan" in t.columns).set_index("Kode desa")
    assert desa_sheet.loc[JLODRO, "Kasus per PSM"] == "<5"


def test_kuota_page_reasons_rank_no_masked_desa(world, plan):
    state = {"kuota_slot": "1", "kuota_metode": "satu_per_desa", "kuota_kebutuhan": "kasus", "kuota_hanya": False}
    at = open_page("kuota", state=state, wilayah=KENDURUAN, tahun="2022")
    assert not at.exception
    reasons = next(t.value for t in at.table if "Alasan" in t.value.columns).set_index("Desa/Kelurahan")["Alasan"]
    # Sokogunung (1 case) was first of the 8 desa without PSM: a place among ranked desa brackets its count
    # (and its rate, which × population is the count, when the need is per 1.000 residents).
    assert "peringkat" not in reasons["Sokogunung"] and "<5 kasus PMKS" in reasons["Sokogunung"]
    # The seven desa with 0 cases are ranked among themselves only: 1–7 of 7, not 2–8 of 8 behind it.
    assert "(peringkat 1–7 dari 7 desa tanpa PSM menurut jumlah kasus, seri 7 desa)" in reasons["Jamprong"]
    assert "dari 8" not in " ".join(reasons)
    for result, _ in plan[1:]:  # the Excel sheet and a map click say the same
        sheet = kuota.sheets(result, summarize(result), suppress=True)["Alokasi"].set_index("Desa/Kelurahan")
        assert "peringkat" not in sheet.loc["Sokogunung", "Alasan"]
        assert "dari 8" not in " ".join(sheet["Alasan"])
        assert "peringkat" not in kuota.reason_line(result, SOKOGUNUNG)


def test_pelatihan_page_shows_no_case_figure_at_all(world):
    at = open_page("pelatihan", wilayah=KENDURUAN, tahun="2022")
    assert not at.exception
    # Pelatihan counts PSM (public by SK); a PMKS case figure next to a desa here would be unmasked.
    headers = [c for d in at.dataframe for c in d.value.columns] + [c for t in at.table for c in t.value.columns]
    assert headers and not [h for h in headers if "kasus" in str(h).lower() or "pmks" in str(h).lower()]
    assert not [s for s in _strings(at) if "kasus" in s.lower()]
    for chart in _charts(at):
        labels = json.dumps([chart["layout"].get("title"), [t.get("name") for t in chart["data"]]]).lower()
        assert "kasus" not in labels and "pmks" not in labels


def test_bandingkan_page_gives_no_masked_kabupaten_count_back(world, con):
    at = open_page("bandingkan", wilayah="35.23", tahun="2022")
    assert not at.exception
    t = at.dataframe[0].value.set_index("Kabupaten/Kota")
    tuban, prov = t.loc["Kabupaten Tuban"], t.loc["Provinsi Jawa Timur"]
    median = t.loc["Median 38 kab/kota se-Jawa Timur"]
    for col, low in TUBAN_LOW.items():  # what reaches the browser is the low end, never 4, 1,14 or 2,00
        assert math.isclose(tuban[col], low), col
        assert math.isclose(prov[col], low), col  # the province's only cases are Tuban's
    assert math.isclose(median["Kasus per 1.000 penduduk"], 2 / 3.5)  # the median of one value is it
    every = " ".join(_strings(at))
    assert "1,1" not in every and "2,00" not in every
    for chart in _charts(at):
        for trace in chart["data"]:
            ys = [float(y) for y in trace.get("y", []) if y is not None and not pd.isna(y)]
            assert not [y for y in ys if abs(y - 4 / 3.5) < 1e-6 or abs(y - 2.0) < 1e-9], trace.get("name")
    run = functools.partial(sql.run, con)
    rows = run("app/sums_by_kabupaten_tahun", wilayah="35")
    table = bandingkan_view.league_table(rows, rows, 2022, 2021, "kasus_per_1000", True)
    shown = league_table.styled_table(table, 2021, "kasus_per_1000", "35.23", True).to_html()
    for text in TUBAN_SHOWN.values():
        assert f" >{text}</td>" in shown, text
    assert "<5" not in shown  # "<5" beside Peta's two desa "<5" would say 2–4
    sheets, _, _ = bandingkan_view.export(table, 2021, "kasus_per_1000", True, "Jawa Timur", "35", 2022)
    (sheet,) = sheets.values()
    assert sheet.set_index("Kabupaten/Kota").loc["Provinsi Jawa Timur", "Kasus PMKS"] == "2–8"
    row = sheet.set_index("Kabupaten/Kota").loc["Kabupaten Tuban"]
    assert {col: row[col] for col in TUBAN_SHOWN} == TUBAN_SHOWN
    # 2021: Jlodro 1 case and Jamprong 1 (closed 30 June), 3.500 residents (2022's figures carried back): also
    # 0,57–2,29, so the change runs from 0,57 − 2,29 to 2,29 − 0,57; an exact change would pin 2022 from 2021.
    assert row["Δ Kasus per 1.000 penduduk sejak 2021"] == "−1,71 s.d. +1,71"
    # The small multiples: Jlodro's 3,0 and Sokogunung's 0,5 per 1.000 are not drawn (× population = count).
    values, together = bandingkan_view.small_multiples(
        {"35.23": run("app/sums_by_desa", wilayah="35.23", tahun=2022)}, "kasus_per_1000", True
    )
    desa = values["35.23"].set_index("kode")["nilai"]
    assert desa[[JLODRO, SOKOGUNUNG]].isna().all() and desa["35.23.01.2003"] == 0
    assert together.dropna().tolist() == [0.0]


# --- Bandingkan: the national map, kabupaten totals over masked desa; the audit page's caption -------


def _no_boundaries(level: str, zoom: str, scope: str):
    """The national section's boundary reader without a boundary store: no polygons (only values are checked)."""
    import geopandas as gpd

    return gpd.GeoDataFrame({"kode": pd.Series([], dtype=str)}, geometry=[], crs="EPSG:4326")


def test_bandingkan_national_map_gives_no_masked_kabupaten_count_back(con):
    from petakesos.features.bandingkan import national

    run = functools.partial(sql.run, con)
    # Tuban 2022: 4 cases over 3.500 residents and 2 PSM; 1,14 per 1.000 or 2,00 per PSM would give the 4 back.
    for key, exact, low, shown in (
        ("kasus_per_1000", 4 / 3.5, 2 / 3.5, "0,6–2,3"),
        ("kasus_per_psm", 2.0, 1.0, "1,00–4,00"),
    ):
        nat = national.choropleth(run, _no_boundaries, key, 2022, None, True)
        tuban = nat.values.set_index("kode").loc["35.23"]
        assert math.isclose(tuban["nilai"], low), (key, tuban["nilai"])  # coloured by the low end …
        assert tuban["teks"] == shown  # … and the tooltip reads the range, as the table does
        payload = json.loads(render.values_payload(nat.values, nat.spec, "nilai", _classes(nat.values), ""))
        assert not [t for t in payload["t"] if "1,1" in t or "2,0" in t], key
        assert shown in payload["t"]
        unmasked = national.choropleth(run, _no_boundaries, key, 2022, None, False)  # the test can fail
        assert math.isclose(unmasked.values.set_index("kode").loc["35.23", "nilai"], exact)


def _classes(values: pd.DataFrame):
    from petakesos import maps

    figures = values["nilai"].dropna()
    return maps.classify(figures if len(figures) else pd.Series([0.0]), "quantile", 3)


# A kabupaten of 5 or more cases that holds desa shown "<5" on Peta PMKS: its exact total minus the desa
# shown there gives them back. The fixture has none (Tuban's 4 cases are masked as a whole), so Lamongan
# (35.24) gets one by hand in 2022: 12 cases, 9 of them in one desa and 3 in another (shown "<5"), both desa
# with residents (2.000 in all), 4 PSM. Shown: 9 + 1–4 = "10–13" cases, 5,0–6,5 per 1.000 (10 and 13 over
# 2.000), 2,50–3,25 per PSM; never 12, 6,0 or 3,00. Jawa Timur: Tuban's 2–8 plus Lamongan's 10–13 = "12–21".
LAMONGAN = "35.24"


def _with_lamongan(rows: pd.DataFrame) -> pd.DataFrame:
    hand = {
        "penduduk": 2000,
        "kasus": 12,
        "kasus_berpenduduk": 12,
        "kasus_besar": 9,
        "desa_kasus_kecil": 1,
        "kasus_besar_berpenduduk": 9,
        "desa_kecil_berpenduduk": 1,
        "psm_aktif": 4,
        "psm_berpenduduk": 4,
        "desa_dengan_psm": 2,
    }
    rows = rows.copy()
    at = (rows["kode_kab"] == LAMONGAN) & (rows["tahun"] == 2022)
    assert at.sum() == 1
    for col, value in hand.items():
        rows.loc[at, col] = value
    return rows


@pytest.fixture()
def lamongan_query(world, monkeypatch):
    """data.query as the page calls it, with Lamongan's hand-made 2022 sums."""
    from petakesos import data

    real = data.query

    def query(name, **params):
        rows = real(name, **params)
        return _with_lamongan(rows) if name == "app/sums_by_kabupaten_tahun" else rows

    monkeypatch.setattr(data, "query", query)
    return query


def test_sums_by_kabupaten_count_the_cases_outside_masked_desa(con):
    rows = sql.run(con, "app/sums_by_kabupaten_tahun", wilayah="35.23").set_index("tahun")
    # 2022: Jlodro 3 and Sokogunung 1 (both with residents), no desa of 5 or more.
    got = rows.loc[2022, ["kasus", "kasus_besar", "desa_kasus_kecil", "kasus_besar_berpenduduk"]].tolist()
    assert got == [4, 0, 2, 0] and rows.loc[2022, "desa_kecil_berpenduduk"] == 2


def test_bandingkan_kabupaten_total_over_masked_desa_is_a_range(lamongan_query):
    at = open_page("bandingkan", wilayah="35", tahun="2022", state={"bk_indikator": "kasus_per_1000"})
    assert not at.exception
    t = at.dataframe[0].value.set_index("Kabupaten/Kota")
    lam = t.loc["Kabupaten Lamongan"]
    # What reaches the browser is the lower end (public: the shown desa plus 1 per desa shown "<5") …
    assert lam["Kasus PMKS"] == 10 and lam["Kasus per 1.000 penduduk"] == 5.0 and lam["Kasus per PSM"] == 2.5
    assert lam["Peringkat"] == 1  # ranked by the low end: 5,0 before Tuban's 0,6 (0,6–2,3)
    every = " ".join(_strings(at))
    assert "5,0–6,5" in every  # the worst-three line names the range …
    assert "6,0" not in every and "3,00" not in every and " 12 " not in every  # … never the exact figures
    for chart in _charts(at):
        for trace in chart["data"]:
            assert 6.0 not in [y for y in trace.get("y", []) if y is not None], trace.get("name")


def test_bandingkan_table_excel_and_national_map_show_the_range(con):
    from petakesos.features.bandingkan import national

    run = functools.partial(sql.run, con)
    rows = _with_lamongan(run("app/sums_by_kabupaten_tahun", wilayah="35"))
    table = bandingkan_view.league_table(rows, rows, 2022, None, "kasus_per_1000", True)
    shown = league_table.styled_table(table, None, "kasus_per_1000", None, True).to_html()
    for text in ("10–13", "5,0–6,5", "2,50–3,25", "12–21"):
        assert f" >{text}</td>" in shown, text
    sheets, _, _ = bandingkan_view.export(table, None, "kasus_per_1000", True, "Jawa Timur", "35", 2022)
    book = pd.read_excel(io.BytesIO(excel.workbook(sheets, {"x": "y"})), sheet_name=None)
    sheet = book["Bandingkan kabupaten"].set_index("Kabupaten/Kota")
    lam = sheet.loc["Kabupaten Lamongan"]
    assert (lam["Kasus PMKS"], lam["Kasus per 1.000 penduduk"], lam["Kasus per PSM"]) == (
        "10–13",
        "5,0–6,5",
        "2,50–3,25",
    )
    assert lam["Desa/kelurahan"] == rows.set_index(["kode_kab", "tahun"]).loc[(LAMONGAN, 2022), "jumlah_desa"]
    assert sheet.loc["Provinsi Jawa Timur", "Kasus PMKS"] == "12–21"
    kab, _ = bandingkan_view.trend(rows, "kasus_per_1000", [2022], True)
    assert kab.set_index("kode").loc[LAMONGAN, "nilai"] == 5.0  # drawn at the lower end, not 6,0

    def query(name, **params):
        out = run(name, **params)
        if name == "app/nasional_kabupaten":  # Lamongan has data now (by hand)
            return out.assign(ada_data=out["ada_data"].astype(bool) | (out["kode"] == LAMONGAN))
        return _with_lamongan(out) if name == "app/sums_by_kabupaten_tahun" else out

    nat = national.choropleth(query, _no_boundaries, "kasus_per_1000", 2022, None, True)
    lam = nat.values.set_index("kode").loc[LAMONGAN]
    assert lam["nilai"] == 5.0 and lam["teks"] == "5,0–6,5"


def test_audit_caption_shows_the_file_path_as_plain_text(world, monkeypatch, tmp_path):
    folder = tmp_path / "**tebal**_[tautan](http:"
    monkeypatch.setenv("PETAKESOS_AUDIT", str(folder / "audit.jsonl"))
    at = open_page("audit")
    assert not at.exception
    caption = at.caption[0].value
    assert caption == "Berkas: " + fmt.plain(folder / "audit.jsonl")
    assert "\\*\\*tebal\\*\\*" in caption and "\\[tautan\\]" in caption


def test_peta_kabupaten_total_over_masked_desa_is_a_range():
    # Lamongan by hand: one desa of 9 cases and one of 3 (shown "<5" at kabupaten scope), 1.000 residents each.
    desa = pd.DataFrame(
        {
            "kode": ["35.24.01.2001", "35.24.01.2002"],
            "nama": ["Satu", "Dua"],
            "kode_kec": "35.24.01",
            "nama_kec": "Sukorame",
            "kode_kab": LAMONGAN,
            "nama_kab": "Kabupaten Lamongan",
            "kode_prov": "35",
            "nama_prov": "Jawa Timur",
            "penduduk": [1000, 1000],
            "kasus": [9, 3],
        }
    )
    kab = peta.aggregate(desa, "kab")
    for ukuran, exact in (("rate", 6.0), ("count", 12.0)):
        values = peta.values_frame(kab, ukuran, suppress=True)
        assert values.loc[0, "nilai"] != exact  # 12 − 9 = the masked desa's 3; 6,0 × 2.000 / 1.000 = 12
        table = peta.detail.table_frame(values, _classes(values), ukuran, True, "kab")
        assert table.loc[0, "Kasus PMKS"] == "10–13"


def test_peta_all_provinces_map_bubbles_and_excel_give_no_kabupaten_total_back(con):
    # Tuban 2022 at "Seluruh Indonesia": Jlodro 3 and Sokogunung 1, both "<5" on Tuban's own map, 3.500
    # residents: shown 2–8 cases, 0,57–2,29 per 1.000; never the exact 4 or 1,14.
    run = functools.partial(sql.run, con)
    everywhere = SimpleNamespace(wilayah="", nama="Seluruh Indonesia", tahun=2022, samarkan_kecil=True)
    c = view.Choice.of(everywhere, "rate", (), {}, peta.Periode(2022, 2022), "quantile", 3, "YlOrRd", False, True, None)
    m = view.map_set(run, c)
    tuban = m.values.set_index("kode").loc["35.23"]
    # `kasus` is what the bubbles are sized by: the low end too.
    assert tuban["kasus"] == 2 and tuban["teks"] == "0,57–2,29" and tuban["nilai"] == pytest.approx(2 / 3.5)
    payload = render.values_payload(m.values, m.spec, "nilai", m.classes, "", bubbles_col=m.bubbles_col)
    assert "0,57–2,29" in payload and "1,14" not in payload
    table = peta.detail.table_frame(m.values, m.classes, "rate", True, "kab")
    xlsx = next(d for d in view.downloads(None, None, c, m, table) if d.file_name.endswith(".xlsx"))
    sheet = pd.read_excel(io.BytesIO(xlsx.data()), sheet_name="Peta PMKS").set_index("Kabupaten/Kota")
    row = sheet.loc["Kabupaten Tuban"]
    assert (row["Kasus PMKS"], row["Kasus per 1.000 penduduk"], row["Penduduk"]) == ("2–8", "0,57–2,29", 3500)
