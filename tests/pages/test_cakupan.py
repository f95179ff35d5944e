"""Cakupan PSM through Streamlit's AppTest on the fixture database: Kenduruan by hand count."""

from __future__ import annotations

from apptest import metrics, open_page
from streamlit.testing.v1 import AppTest




def _page(**query) -> AppTest:
    return open_page("cakupan", **query)


_metrics = metrics


def _table(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_kenduruan_2023_headline_metrics_and_tables(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    assert not at.exception
    assert at.header[0].value == "3 PSM untuk 9 desa/kelurahan — 7 tanpa PSM"
    m = _metrics(at)
    assert m["Desa/kelurahan tanpa PSM"] == "7"
    assert m["Desa dengan PSM belum terlatih"] == "1"  # Jamprong: PSM 4, Bimtek Dasar not valid
    assert m["Desa tercakup (PSM terlatih)"] == "1"  # Jlodro: PSM 1 passed in Nov 2022
    assert m["Kasus di desa tanpa PSM"] == "2"  # Sokogunung: cases C and D
    assert m["Kasus per PSM tertinggi"] == "1,0"  # Jlodro: 2 cases / 2 PSM
    desa = _table(at, "Status cakupan").set_index("Kode desa")
    assert len(desa) == 9
    assert desa.loc["35.23.01.2002", "Status cakupan"] == "Tanpa PSM"
    assert desa.loc["35.23.01.2002", "Kasus PMKS"] == "<5"  # small counts hidden by default
    assert desa.loc["35.23.01.2002", "Kasus per PSM"] == "<5"  # a load would reveal the count
    assert desa.loc["35.23.01.2004", "Kasus per PSM"] == "–"  # no PSM: no load, not a division by zero
    kec = _table(at, "% desa tanpa PSM")
    assert kec["Kecamatan"].tolist() == ["Kenduruan"] and kec["Tanpa PSM"].tolist() == [7]
    assert [b.label for b in at.get("download_button")] == ["Unduh tabel cakupan (Excel)"]


def test_small_counts_shown_when_suppression_is_off(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    at.toggle(key="samarkan_kecil").set_value(False).run()
    assert not at.exception
    assert at.header[0].value == "2 PSM untuk 9 desa/kelurahan — 8 tanpa PSM"
    desa = _table(at, "Status cakupan").set_index("Kode desa")
    assert desa.loc["35.23.01.2001", "Kasus PMKS"] == 3  # A, B, F
    assert desa.loc["35.23.01.2001", "Kasus per PSM"] == 1.5


def test_whole_kabupaten_and_all_provinces(world):
    at = _page(wilayah="35.23", tahun="2023")
    assert not at.exception
    assert at.header[0].value == "3 PSM untuk 328 desa/kelurahan — 326 tanpa PSM"
    at = _page(tahun="2023")
    assert not at.exception
    assert any("Pilih provinsi" in i.value for i in at.info)  # no desa map for all provinces
    assert "Kabupaten/Kota" in _table(at, "% desa tanpa PSM").columns
