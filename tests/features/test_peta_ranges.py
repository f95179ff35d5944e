"""Peta PMKS at "Seluruh Indonesia" (kabupaten polygons): with masking, a kabupaten total over desa shown "<5"
at kabupaten scope is the range it can take, so total − shown desa gives nothing back (issue 13).

Hand-made desa (1.000 residents unless said):
Lamongan 35.24: 9 and 3 cases → exact 12, shown 10–13 (9 + 1..4); per 1.000 of 2.000: 5,00–6,50 (exact 6,00).
Tuban 35.23: 3 cases and 1 case (2.500 residents) → exact 4, shown 2–8; per 1.000 of 3.500: 0,57–2,29.
Gresik 35.25: 7 and 0 cases, 500 residents each → 7, nothing masked; 7,00 per 1.000.
Bojonegoro 35.22: 6 and 2 cases, no population → 7–10, no rate.
"""

import io
import json

import pandas as pd
import pytest

from petakesos import excel, maps
from petakesos.features import peta
from petakesos.features.peta import detail, ranges
from petakesos.maps import render

LAMONGAN, TUBAN, GRESIK, BOJONEGORO = "35.24", "35.23", "35.25", "35.22"
NAMES = {LAMONGAN: "Lamongan", TUBAN: "Tuban", GRESIK: "Gresik", BOJONEGORO: "Bojonegoro"}


def _desa() -> pd.DataFrame:
    kab = [LAMONGAN, LAMONGAN, TUBAN, TUBAN, GRESIK, GRESIK, BOJONEGORO, BOJONEGORO]
    return pd.DataFrame(
        {
            "kode": [f"{k}.01.200{i % 2 + 1}" for i, k in enumerate(kab)],
            "nama": [f"Desa {i}" for i in range(8)],
            "kode_kec": [f"{k}.01" for k in kab],
            "nama_kec": "Satu",
            "kode_kab": kab,
            "nama_kab": [f"Kabupaten {NAMES[k]}" for k in kab],
            "kode_prov": "35",
            "nama_prov": "Jawa Timur",
            "penduduk": pd.array([1000, 1000, 1000, 2500, 500, 500, None, None], dtype="Int64"),
            "kasus": [9, 3, 3, 1, 7, 0, 6, 2],
        }
    )


def _values(ukuran: str, suppress: bool = True) -> pd.DataFrame:
    return peta.values_frame(peta.aggregate(_desa(), "kab"), ukuran, suppress=suppress)


def _by_kab(frame: pd.DataFrame, col: str) -> dict:
    return dict(zip(frame["kode"], frame[col]))


def _classes(values: pd.DataFrame) -> maps.Classes:
    return maps.classify(values["nilai"], "quantile", 3)


def test_kabupaten_sums_say_how_their_cases_lie_in_masked_desa():
    kab = peta.aggregate(_desa(), "kab")
    assert _by_kab(kab, "kasus") == {BOJONEGORO: 8, TUBAN: 4, LAMONGAN: 12, GRESIK: 7}
    assert _by_kab(kab, ranges.BIG) == {BOJONEGORO: 6, TUBAN: 0, LAMONGAN: 9, GRESIK: 7}
    assert _by_kab(kab, ranges.N_SMALL) == {BOJONEGORO: 1, TUBAN: 2, LAMONGAN: 1, GRESIK: 0}


def test_count_map_of_kabupaten_is_the_low_end_and_reads_as_a_range():
    v = _values("count")
    assert _by_kab(v, "nilai") == {BOJONEGORO: 7, TUBAN: 2, LAMONGAN: 10, GRESIK: 7}
    assert _by_kab(v, "kasus") == {BOJONEGORO: 7, TUBAN: 2, LAMONGAN: 10, GRESIK: 7}  # never 12 or 4
    assert _by_kab(v, "teks") == {BOJONEGORO: "7–10", TUBAN: "2–8", LAMONGAN: "10–13", GRESIK: None}
    assert _by_kab(v, "peringkat") == {BOJONEGORO: 2, TUBAN: 4, LAMONGAN: 1, GRESIK: 2}  # by the low end


def test_rate_map_of_kabupaten_is_the_low_end_and_reads_as_a_range():
    v = _values("rate")
    nilai = _by_kab(v, "nilai")
    assert nilai[LAMONGAN] == pytest.approx(5.0) and nilai[TUBAN] == pytest.approx(2 / 3.5)
    assert nilai[GRESIK] == pytest.approx(7.0) and pd.isna(nilai[BOJONEGORO])
    assert _by_kab(v, "teks") == {BOJONEGORO: None, TUBAN: "0,57–2,29", LAMONGAN: "5,00–6,50", GRESIK: None}
    assert _by_kab(v, ranges.KASUS_TEXT) == {BOJONEGORO: "7–10", TUBAN: "2–8", LAMONGAN: "10–13", GRESIK: None}
    ranks = _by_kab(v, "peringkat")
    assert (ranks[GRESIK], ranks[LAMONGAN], ranks[TUBAN]) == (1, 2, 3) and pd.isna(ranks[BOJONEGORO])


def test_without_masking_kabupaten_figures_are_exact():
    v = _values("rate", suppress=False)
    assert _by_kab(v, "kasus") == {BOJONEGORO: 8, TUBAN: 4, LAMONGAN: 12, GRESIK: 7}
    assert _by_kab(v, "nilai")[LAMONGAN] == pytest.approx(6.0)
    table = detail.table_frame(v, _classes(v), "rate", False, "kab").set_index("Kabupaten/Kota")
    assert table.loc["Kabupaten Lamongan", "Kasus PMKS"] == 12


def test_table_and_excel_show_the_range_as_text_and_other_cells_as_numbers():
    v = _values("rate")
    table = detail.table_frame(v, _classes(v), "rate", True, "kab")
    book = pd.read_excel(io.BytesIO(excel.workbook({"Peta PMKS": table})), sheet_name="Peta PMKS")
    for t in (table.set_index("Kabupaten/Kota"), book.set_index("Kabupaten/Kota")):
        lam, tuban, gresik, boj = (t.loc[f"Kabupaten {n}"] for n in ("Lamongan", "Tuban", "Gresik", "Bojonegoro"))
        assert (lam["Kasus per 1.000 penduduk"], lam["Kasus PMKS"]) == ("5,00–6,50", "10–13")
        assert (tuban["Kasus per 1.000 penduduk"], tuban["Kasus PMKS"]) == ("0,57–2,29", "2–8")
        assert (gresik["Kasus per 1.000 penduduk"], gresik["Kasus PMKS"], gresik["Penduduk"]) == (7.0, 7, 1000)
        assert pd.isna(boj["Kasus per 1.000 penduduk"]) and boj["Kasus PMKS"] == "7–10"
        assert lam["Peringkat"] == 2 and lam["Kelas"] != "<5 kasus"  # the class of its low end, 5,00
    count = detail.table_frame(_values("count"), _classes(_values("count")), "count", True, "kab")
    assert count.set_index("Kabupaten/Kota").loc["Kabupaten Tuban", "Kasus PMKS"] == "2–8"  # not "<5"


def test_table_on_screen_sorts_by_the_low_end_and_draws_the_range():
    v = _values("rate")
    table = detail.table_frame(v, _classes(v), "rate", True, "kab")
    styler = detail.table_styler(table)
    lam = table.index[table["Kabupaten/Kota"] == "Kabupaten Lamongan"][0]
    assert styler.data.loc[lam, "Kasus PMKS"] == 10 and styler.data.loc[lam, "Kasus per 1.000 penduduk"] == 5.0
    html = styler.to_html()
    for text in ("10–13", "5,00–6,50", "2–8", "0,57–2,29", "7–10", "7,00"):
        assert f">{text}</td>" in html, text
    assert ">12</td>" not in html and ">6,00</td>" not in html


def test_map_payload_carries_no_exact_kabupaten_figure():
    v = _values("rate")
    layer = pd.DataFrame({"kode": [BOJONEGORO, TUBAN, LAMONGAN, GRESIK]})
    aligned = render.align_values(layer, v, "nilai")
    spec = peta.map_spec(
        ukuran="rate", kategori_text="x", wilayah_nama="Seluruh Indonesia", periode=peta.Periode(2025, 2025),
        scheme="quantile", k=3, palette="YlOrRd", level="kab",
    )  # fmt: skip
    payload = json.loads(render.values_payload(aligned, spec, "nilai", _classes(v), "kab", bubbles_col="kasus"))
    assert payload["t"][1:3] == ["0,57–2,29", "5,00–6,50"] and payload["r"][1:] == [3, 2, 1]
    # Bubbles by the low end: Lamongan's 10 is the largest (18 px), Gresik's 7 √(7/10) of it, not √(7/12).
    assert payload["bub"][2] == 18.0 and payload["bub"][3] == 15.1
    assert "12" not in payload["bmax"] and "10" in payload["bmax"]


def test_a_range_whose_ends_read_the_same_is_a_number_on_screen_and_in_excel():
    # Sidoarjo 35.15: 10.000 cases among 1.000.000 residents and a desa of 1 case without residents:
    # 10.001–10.004 cases, per 1.000 10,001–10,004, which both read 10,00.
    desa = (
        _desa()
        .iloc[:2]
        .assign(
            kode=["35.15.01.2001", "35.15.01.2002"],
            kode_kec="35.15.01",
            kode_kab="35.15",
            nama_kab="Kabupaten Sidoarjo",
            penduduk=pd.array([1_000_000, None], dtype="Int64"),
            kasus=[10_000, 1],
        )
    )
    v = peta.values_frame(peta.aggregate(desa, "kab"), "rate", suppress=True)
    table = detail.table_frame(v, _classes(v), "rate", True, "kab")
    book = pd.read_excel(io.BytesIO(excel.workbook({"Peta PMKS": table})), sheet_name="Peta PMKS")
    for t in (table, book):
        assert t["Kasus per 1.000 penduduk"].tolist() == [10.0]  # a number, not the text "10,00"
        assert t["Kasus PMKS"].tolist() == ["10.001–10.004"]
    html = detail.table_styler(table).to_html()
    assert ">10,00</td>" in html and ">10.001–10.004</td>" in html
