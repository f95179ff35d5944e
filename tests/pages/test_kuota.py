"""Rencana Kuota PSM through Streamlit's AppTest on the fixture database: input, result and bad input."""

from __future__ import annotations

import pytest
from apptest import open_page
from streamlit.testing.v1 import AppTest




def _page(**query) -> AppTest:
    return open_page("kuota", **query)


def _plan(slots: str, wilayah: str = "35.23.01", **widgets) -> AppTest:
    at = _page(wilayah=wilayah, tahun="2023")
    for key, value in widgets.items():
        widget = {"kuota_metode": at.selectbox, "kuota_kebutuhan": at.radio, "kuota_maks": at.number_input}[key]
        widget(key=key).set_value(value)
    at.text_input(key="kuota_slot").input(slots)
    return at.run()


def test_allocating_three_slots_in_kenduruan(world):
    at = _plan("3")
    assert not at.exception and not at.error
    assert "3 PSM untuk 9 desa/kelurahan — 7 tanpa PSM" in at.markdown[0].value
    summary = at.table[0].value
    assert summary.loc["Desa dengan PSM"].tolist() == ["2", "5"]
    assert summary.loc["Kasus di desa tanpa PSM"].tolist() == ["2", "0"]
    shown = next(d.value for d in at.dataframe if "Alasan" in d.value.columns)
    assert len(shown) == 3 and shown["Slot baru"].sum() == 3
    assert shown.iloc[0]["Desa/Kelurahan"] == "Sokogunung"  # the uncovered desa with cases goes first
    assert shown.iloc[0]["Alasan"].startswith("Mendapat 1 slot: belum ada PSM")
    assert [b.label for b in at.get("download_button")] == ["Unduh rencana kuota (Excel)"]


@pytest.mark.parametrize("method", ["satu_per_desa", "webster_kecamatan", "minmax_beban"])
def test_every_method_and_a_cap(world, method):
    at = _plan("4", kuota_metode=method, kuota_maks=1)
    assert not at.exception and not at.error
    shown = next(d.value for d in at.dataframe if "Alasan" in d.value.columns)
    assert shown["Slot baru"].sum() == 4 and shown["Slot baru"].max() == 1


@pytest.mark.parametrize("slots, words", [
    ("-5", "tidak boleh negatif"),
    ("lima", "bilangan bulat"),
    ("100000", "0 sampai 90"),  # 10 × 9 desa
])
def test_bad_slot_numbers_are_messages(world, slots, words):
    at = _plan(slots)
    assert not at.exception
    assert any(words in e.value for e in at.error)
    assert not at.dataframe


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
    # Jatirogo has no case, so the year picker offers only the current year, which has no desa figures.
    at = _page(wilayah="35.23.02")
    assert not at.exception
    assert any("Tidak ada data desa/penduduk untuk Kecamatan Jatirogo" in e.value for e in at.error)
    assert not at.text_input


def test_per_1000_with_partial_population_works(world):
    # Tuban 2023: population only for 3 Kenduruan desa; desa without a figure get need 0, not an error.
    at = _plan("2", wilayah="35.23", kuota_kebutuhan="per_1000")
    assert not at.exception and not at.error
    shown = next(d.value for d in at.dataframe if "Alasan" in d.value.columns)
    assert shown["Slot baru"].sum() == 2
