"""Excel export: parameters first, frames intact, personal columns refused."""

import io

import pandas as pd
import pytest

from petakesos.excel import workbook


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
