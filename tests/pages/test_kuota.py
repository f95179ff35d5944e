"""Rencana Kuota PSM through Streamlit's AppTest on the fixture database: input, result and bad input."""

from __future__ import annotations

import pytest
from apptest import open_page
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest


def _reasons(at: AppTest):
    """The reasons table: an HTML table, so every reason wraps and is read in full at any width."""
    return next(t.value for t in at.table if "Alasan" in t.value.columns)


def _shown(element):
    """What a styled table shows (its display values), not the numbers behind it."""
    return convert_arrow_bytes_to_pandas_df(element.proto.arrow_data.styler.display_values)


def _page(**query) -> AppTest:
    return open_page("kuota", **query)


def _plan(slots: str, wilayah: str = "35.23.01", **widgets) -> AppTest:
    # 2022: Jlodro (2001) has PSM Satu and Dua and 3 cases; Sokogunung (2002) 1 case and no PSM.
    at = _page(wilayah=wilayah, tahun="2022")
    for key, value in widgets.items():
        widget = {"kuota_metode": at.selectbox, "kuota_kebutuhan": at.radio, "kuota_maks": at.number_input}[key]
        widget(key=key).set_value(value)
    at.text_input(key="kuota_slot").input(slots)
    return at.run()


def test_allocating_three_slots_in_kenduruan(world):
    at = _plan("3")
    assert not at.exception and not at.error
    assert "2 PSM untuk 9 desa/kelurahan — 8 tanpa PSM" in at.markdown[0].value
    summary = at.table[0].value
    assert summary.loc["Desa dengan PSM"].tolist() == ["1", "4"]
    # Masked by default: Sokogunung's 1 unserved case is "<5", so the total is the range it allows.
    assert summary.loc["Kasus di desa tanpa PSM"].tolist() == ["1–4", "0"]
    shown = _reasons(at)
    assert len(shown) == 3 and shown["Slot baru"].sum() == 3
    assert shown.iloc[0]["Desa/Kelurahan"] == "Sokogunung"  # the uncovered desa with cases goes first
    assert shown.iloc[0]["Alasan"].startswith("Mendapat 1 slot: belum ada PSM")
    assert [b.label for b in at.get("download_button")] == ["Unduh rencana kuota (Excel)"]


@pytest.mark.parametrize("method", ["satu_per_desa", "webster_kecamatan", "minmax_beban"])
def test_every_method_and_a_cap(world, method):
    at = _plan("4", kuota_metode=method, kuota_maks=1)
    assert not at.exception and not at.error
    shown = _reasons(at)
    assert shown["Slot baru"].sum() == 4 and shown["Slot baru"].max() == 1


@pytest.mark.parametrize(
    "slots, words",
    [
        ("-5", "tidak boleh negatif"),
        ("lima", "bilangan bulat"),
        ("100000", "0 sampai 90"),  # 10 × 9 desa
    ],
)
def test_bad_slot_numbers_are_messages(world, slots, words):
    at = _plan(slots)
    assert not at.exception
    assert any(words in e.value for e in at.error)
    assert not at.dataframe and len(at.table) == 0


def test_empty_slot_field_asks_for_a_number(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    assert not at.exception
    assert any("Isi jumlah slot" in i.value for i in at.info)


@pytest.mark.parametrize("query", [{"wilayah": "35"}, {}])
def test_province_or_all_asks_for_a_kabupaten(world, query):
    at = _page(tahun="2023", **query)
    assert not at.exception
    assert any("kabupaten/kota atau kecamatan" in i.value for i in at.info)
    assert not at.text_input


def test_wilayah_without_data_for_the_year_is_a_message(world):
    # Jatirogo has no case, no PSM and no population row in the fixture: the page-wide "belum ada data" notice.
    at = _page(wilayah="35.23.02")
    assert not at.exception
    assert any("Belum ada data untuk Kecamatan Jatirogo" in i.value for i in at.info)
    assert not at.text_input


def test_per_1000_with_partial_population_works(world):
    # Tuban 2022: population only for 3 Kenduruan desa; desa without a figure get need 0, not an error.
    at = _plan("2", wilayah="35.23", kuota_kebutuhan="per_1000")
    assert not at.exception and not at.error
    shown = _reasons(at)
    assert shown["Slot baru"].sum() == 2


def test_caseload_is_named_and_defined_next_to_the_summary(world):
    at = _plan("3")
    summary = at.table[0].value
    # Masked by default: Jlodro (3 cases) and Sokogunung (1) are "<5" and left out of the loads (load × PSM
    # is the count), so the highest load is that of the seven 0-case desa.
    assert summary.loc["Beban kasus tertinggi"].tolist() == ["0,0", "0,0"]
    assert any("desa tanpa PSM menanggung seluruh kasusnya" in c.value for c in at.caption)
    at.toggle(key="samarkan_kecil").set_value(False).run()
    assert not at.exception
    summary = at.table[0].value
    # Jlodro: 3 cases on 2 PSM = 1,5; Sokogunung's 1 case without PSM counts as its load 1, not as nothing.
    assert summary.loc["Beban kasus tertinggi"].tolist() == ["1,5", "1,5"]
    assert summary.loc["Kasus di desa tanpa PSM"].tolist() == ["1", "0"]


def test_reasons_are_whole_and_rankings_named(world):
    at = _plan("3")
    reason = _reasons(at).iloc[0]["Alasan"]
    assert reason == (  # Sokogunung's 1 case, masked by default
        "Mendapat 1 slot: belum ada PSM, <5 kasus PMKS."  # no rank among masked desa: it would bracket the count
    )
    assert not any(d for d in at.dataframe if "Alasan" in d.value.columns)  # no clipped grid cell
    at.toggle(key="samarkan_kecil").set_value(False).run()
    assert _reasons(at).iloc[0]["Alasan"] == (
        "Mendapat 1 slot: belum ada PSM, 1 kasus PMKS (peringkat 1 dari 8 desa tanpa PSM menurut jumlah kasus)."
    )


def test_numbers_in_tables_are_indonesian(world):
    at = _plan("3", wilayah="35.23")
    kec = next(d for d in at.dataframe if "Desa tanpa PSM sebelum" in d.value.columns)
    shown = _shown(kec)
    assert shown["Desa/kelurahan"].tolist()[:2] == ["9", "18"]  # Kenduruan, Jatirogo; never "9.0"
    assert shown["PSM sebelum"].tolist()[0] == "2"
