"""Cakupan PSM through Streamlit's AppTest on the fixture database: Kenduruan by hand count."""

from __future__ import annotations

import json

from apptest import metrics, open_page
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest


def _page(**query) -> AppTest:
    return open_page("cakupan", **query)


_metrics = metrics


def _table(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_kenduruan_2023_headline_metrics_and_tables(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    assert not at.exception
    assert at.header[0].value == "4 PSM untuk 9 desa/kelurahan — 6 tanpa PSM"
    m = _metrics(at)
    assert m["Desa/kelurahan tanpa PSM"] == "6"
    assert m["Desa dengan PSM belum terlatih"] == "2"  # Jamprong (PSM Empat), Sokogunung (PSM Muda)
    assert m["Desa tercakup (PSM terlatih)"] == "1"  # Jlodro: PSM 1 passed in Nov 2022
    assert m["Kasus di desa tanpa PSM"] == "0"  # Sokogunung's cases C and D now have PSM Muda
    # Masked by default: Jlodro and Sokogunung (2 cases each) are "<5", so the loads are Jamprong's alone
    # (0 cases on PSM Empat); Sokogunung's 2,0 beside its 1 PSM would be its count.
    assert m["Kasus per PSM tertinggi"] == "0,0" and m["Median kasus per PSM"] == "0,0"
    desa = _table(at, "Status cakupan").set_index("Kode desa")
    assert len(desa) == 9
    assert desa.loc["35.23.01.2002", "Status cakupan"] == "PSM belum terlatih"
    assert desa.loc["35.23.01.2002", "Kasus PMKS"] == "<5"  # small counts hidden by default
    assert desa.loc["35.23.01.2002", "Kasus per PSM"] == "<5"  # a load would reveal the count
    assert desa.loc["35.23.01.2004", "Kasus per PSM"] == "–"  # no PSM: no load, not a division by zero
    kec = _table(at, "% desa tanpa PSM")
    assert kec["Kecamatan"].tolist() == ["Kenduruan"] and kec["Desa/kelurahan tanpa PSM"].tolist() == [6]
    assert [b.label for b in at.get("download_button")] == ["Unduh tabel cakupan (Excel)"]
    at.toggle(key="samarkan_kecil").set_value(False).run()
    assert not at.exception
    m = _metrics(at)
    assert m["Kasus per PSM tertinggi"] == "2,0"  # Sokogunung: 2 cases / 1 PSM
    assert m["Median kasus per PSM"] == "1,0"  # Jlodro 1,0, Sokogunung 2,0, Jamprong 0,0


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
    assert at.header[0].value == "4 PSM untuk 328 desa/kelurahan — 325 tanpa PSM"
    at = _page(tahun="2023")
    assert not at.exception
    assert any("Pilih provinsi" in i.value for i in at.info)  # no desa map for all provinces
    assert "Kabupaten/Kota" in _table(at, "% desa tanpa PSM").columns


def _map_payloads(at: AppTest) -> list[tuple[list[str], dict]]:
    """Per map on the page (status, caseload): polygon codes and the values payload sent to the browser."""
    out = []
    for instance in at.get("component_instance"):
        args = json.loads(instance.proto.json_args)
        out.append((json.loads(args["geo"])["k"], json.loads(args["values"])))
    return out


def _shown(at: AppTest, column: str):
    """Display text of the styled table that has `column` (what the reader sees, not the numbers behind)."""
    element = next(d for d in at.dataframe if column in d.value.columns)
    return convert_arrow_bytes_to_pandas_df(element.proto.arrow_data.styler.display_values)


def test_caseload_map_calls_desa_without_psm_unserved_not_missing_data(world):
    # Kenduruan 2022: PSM only in Jlodro (2001); the other 8 desa have none, Sokogunung (2002) with case C.
    at = _page(wilayah="35.23.01", tahun="2022")
    assert not at.exception
    _, (codes, values) = _map_payloads(at)
    # Masked, the empty class also holds desa with 1–4 cases (a load × the PSM count is the case count):
    # the 8 desa without PSM and Jlodro (3 cases on 2 PSM, its 1,5 not drawn).
    assert values["nd_label"] == "Tanpa PSM (belum terlayani) / <5 kasus" and values["nd"] == 9
    tooltip = dict(zip(codes, values["t"]))
    assert tooltip["35.23.01.2001"] == "<5 kasus PMKS"
    assert tooltip["35.23.01.2004"] == "Tanpa PSM (belum terlayani): 0 kasus PMKS"
    assert tooltip["35.23.01.2002"] == "Tanpa PSM (belum terlayani): <5 kasus PMKS"  # 1 case, suppressed
    assert "Tidak ada data" not in json.dumps(values, ensure_ascii=False)
    assert not any("Tidak ada data" in c.value for c in at.caption)
    at.toggle(key="samarkan_kecil").set_value(False).run()
    _, (codes, values) = _map_payloads(at)
    assert values["nd_label"] == "Tanpa PSM (belum terlayani)" and values["nd"] == 8  # Jlodro drawn: 1,5
    assert dict(zip(codes, values["t"]))["35.23.01.2002"] == "Tanpa PSM (belum terlayani): 1 kasus PMKS"


def test_tables_show_indonesian_numbers(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    kec = _shown(at, "% desa tanpa PSM")
    assert kec["% desa tanpa PSM"].tolist() == ["66,7"]  # 6 of 9
    # Masked: all 4 cases lie in Jlodro and Sokogunung ("<5" each), so the kecamatan total is the range
    # they allow (2×1 to 2×4), and so is its load over the 4 PSM; 4 minus the shown desa would give them.
    assert kec["PSM aktif"].tolist() == ["4"] and kec["Kasus PMKS"].tolist() == ["2–8"]
    assert kec["Kasus per PSM"].tolist() == ["0,50–2,00"]  # 2/4 to 8/4
    desa = _shown(at, "Status cakupan").set_index("Kode desa")
    assert desa.loc["35.23.01.2001", "PSM aktif"] == "2"
    at.toggle(key="samarkan_kecil").set_value(False).run()
    kec = _shown(at, "% desa tanpa PSM")
    assert kec["Kasus PMKS"].tolist() == ["4"] and kec["Kasus per PSM"].tolist() == ["1,0"]  # 4 served / 4 PSM
