"""Excel export: parameters first, frames intact, personal columns refused."""

import io

import pandas as pd
import pytest

from petakesos.excel import sheet_name, workbook
from petakesos.features import cakupan


def test_parameters_sheet_first_and_frames_round_trip():
    frame = pd.DataFrame({"kode_desa": ["35.10.01.2001"], "nilai": [3]})
    data = workbook({"Desa": frame}, parameters={"wilayah": "35.10", "tahun": 2025})
    book = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str)
    assert list(book) == ["Parameter", "Desa"]
    assert book["Parameter"].values.tolist() == [["wilayah", "35.10"], ["tahun", "2025"]]
    assert book["Desa"]["kode_desa"].tolist() == ["35.10.01.2001"]  # a code stays text, not 35.1


def test_nik_columns_are_refused():
    with pytest.raises(ValueError, match="nik"):
        workbook({"x": pd.DataFrame({"NIK": ["1234567890123456"]})})


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Per desa/kelurahan", "Per desa-kelurahan"),
        ("Per kabupaten/kota", "Per kabupaten-kota"),
        ("a[b]c:d*e?f\\g", "a-b-c-d-e-f-g"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_names_are_made_acceptable_to_excel(name, expected):
    assert sheet_name(name) == expected


def test_sheet_names_stay_unique_after_shortening():
    frame = pd.DataFrame({"a": [1]})
    data = workbook({"y" * 40: frame, "y" * 35: frame})
    assert list(pd.read_excel(io.BytesIO(data), sheet_name=None)) == ["y" * 31, "y" * 27 + " (2)"]


@pytest.mark.parametrize("tingkat", ["prov", "kab"])
def test_coverage_workbook_opens_with_all_its_sheets(cov2023, tingkat):
    """Cakupan PSM's download: its tables carry '/' in their titles, which Excel refuses as sheet names."""
    tables = cakupan.coverage_tables(cov2023, tingkat, suppress=True, text=False)
    data = workbook(tables, parameters={"Wilayah": "uji"})
    book = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(book) == ["Parameter", *(sheet_name(t) for t in tables)]
    assert len(book["Per desa-kelurahan"]) == len(cov2023)


def test_formula_like_text_from_an_import_stays_text():
    import io

    import openpyxl

    from petakesos import excel

    hostile = ['=HYPERLINK("http://evil.example","klik")', "+62812345", "-1+1", "@SUM(A1)", "http://evil.example"]
    data = excel.workbook({"Daftar": pd.DataFrame({"nama": hostile})})
    cells = [row[0] for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == hostile
    assert {c.data_type for c in cells} == {"s"}  # strings, never formulas ('f')
    assert all(c.hyperlink is None for c in cells)
