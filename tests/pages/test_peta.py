"""Peta PMKS through Streamlit's AppTest on the fixture database (hand counts in tests/test_peta.py)."""

import pytest
from apptest import open_page
from streamlit.testing.v1 import AppTest

from petakesos.features import peta

JLODRO = "35.23.01.2001"


def _page(state: dict | None = None, **query) -> AppTest:
    return open_page("peta", state, **query)


def _table(at: AppTest):
    return at.dataframe[-1].value


def _shown(at: AppTest):
    """The list under the map as the browser draws it (the Styler's display text)."""
    import pyarrow as pa

    return pa.ipc.open_stream(at.dataframe[-1].proto.arrow_data.styler.display_values).read_pandas()


def test_kecamatan_view_lists_every_desa_ranked_with_small_counts_masked(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    assert not at.exception
    t = _table(at)
    assert len(t) == 9
    # Jlodro (3 cases) and Sokogunung (1) are "<5": no rate, class or rank (rate × the population shown
    # is the count), so Jamprong (0 cases, 500 residents) is ranked first and they follow unranked, by code.
    assert t["Desa/Kelurahan"].tolist()[:3] == ["Jamprong", "Jlodro", "Sokogunung"]
    assert t["Kasus PMKS"].isna().tolist()[:3] == [False, True, True]  # the counts 1–4 never reach the browser
    assert t["Kasus per 1.000 penduduk"].iloc[0] == 0.0  # a number: the column sorts by value
    assert t["Kasus per 1.000 penduduk"].isna().tolist()[:3] == [False, True, True]
    assert t["Peringkat"].tolist()[0] == 1 and t["Peringkat"].isna().tolist()[1:3] == [True, True]
    shown = _shown(at)
    assert shown["Kasus PMKS"].tolist()[:3] == ["0", "<5", "<5"]
    assert shown["Kasus per 1.000 penduduk"].tolist()[:3] == ["0,00", "–", "–"]
    assert shown["Penduduk"].tolist()[:3] == ["500", "1.000", "2.000"]
    assert t["Kelas"].tolist()[1:3] == ["<5 kasus", "<5 kasus"]
    assert (t["Kelas"] == "Tidak ada data").sum() == 6
    assert any("31 Desember" in (s.help or "") for s in at.selectbox if s.key == "peta_awal")


def test_switching_measure_categories_and_period_changes_the_values(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    at.toggle(key="samarkan_kecil").set_value(False).run()
    at.radio(key="peta_ukuran").set_value("count").run()
    assert _table(at)["Kasus PMKS"].tolist()[:2] == [3, 1]
    at.multiselect(key="peta_kategori").set_value(["09"]).run()
    assert _table(at)["Kasus PMKS"].iloc[0] == 1  # only B
    at.multiselect(key="peta_kategori").set_value([]).run()
    at.selectbox(key="peta_awal").set_value(2020).run()  # 2020–2022: A, B, E, F, C
    t = _table(at).set_index("Desa/Kelurahan")
    assert (t.loc["Jlodro", "Kasus PMKS"], t.loc["Jamprong", "Kasus PMKS"]) == (3, 1)
    assert not at.exception


def test_search_filters_the_list(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    at.text_input(key="peta_cari").set_value("jlod").run()
    assert _table(at)["Desa/Kelurahan"].tolist() == ["Jlodro"]


def test_a_long_list_shows_the_top_of_the_ranking_and_the_search_reaches_the_rest(world, monkeypatch):
    from petakesos.features.peta import view

    monkeypatch.setattr(view, "LIST_MAX_ROWS", 2)
    at = _page(wilayah="35.23.01", tahun="2022")
    assert _table(at)["Desa/Kelurahan"].tolist() == ["Jamprong", "Jlodro"]  # the first two of the nine, by rank
    (caption,) = [c.value for c in at.caption if "teratas" in c.value]
    assert caption.startswith("2 teratas dari 9 wilayah ditampilkan (seluruhnya 9)")
    at.text_input(key="peta_cari").set_value("sokogu").run()  # third in the ranking, beyond the cut
    assert _table(at)["Desa/Kelurahan"].tolist() == ["Sokogunung"]
    assert any(c.value.startswith("1 dari 9 wilayah ditampilkan") for c in at.caption)


def test_desa_panel_in_a_kabupaten_view_offers_zoom_to_its_kecamatan(world):
    at = _page({"peta_pilihan": peta.Pilihan(kode=JLODRO)}, wilayah="35.23", tahun="2022")
    assert not at.exception
    assert "Jlodro" in [h.value for h in at.subheader]
    figures = at.table[0].value["Nilai"].to_dict()
    # Masked by default: Jlodro's 3 cases are "<5", and so are its rate and ranks (they would give it back).
    assert figures["Peringkat di kecamatan"] == "–" and figures["Peringkat di kabupaten"] == "–"
    assert figures["Kasus PMKS"] == "<5" and figures["Kasus per 1.000 penduduk"] == "<5 kasus"
    assert figures["PSM aktif (2022)"] == "2" and figures["PSM terlatih (Bimtek Dasar)"] == "1"  # PSM not masked
    assert len(at.get("plotly_chart")) == 1
    zoom = [b for b in at.button if "Perbesar ke Kecamatan Kenduruan" in b.label]
    assert zoom
    zoom[0].click().run()
    assert at.selectbox(key="pilih_kec").value == "35.23.01"
    assert len(_table(at)) == 9
    at = _page({"peta_pilihan": peta.Pilihan(kode=JLODRO)}, wilayah="35.23", tahun="2022")
    at.toggle(key="samarkan_kecil").set_value(False).run()
    assert not at.exception
    figures = at.table[0].value["Nilai"].to_dict()
    # Unmasked: ranked with Sokogunung (0,50) and Jamprong (0,00), the only other desa with a population.
    assert figures["Peringkat di kecamatan"] == "1 dari 3" and figures["Peringkat di kabupaten"] == "1 dari 3"
    assert figures["Kasus PMKS"] == "3" and figures["Kasus per 1.000 penduduk"] == "3,00"


def test_back_button_and_province_view(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    back = [b for b in at.button if "Kembali ke" in b.label]
    assert back and "Kabupaten Tuban" in back[0].label
    back[0].click().run()
    assert at.selectbox(key="pilih_kec").value == ""
    assert len(_table(at)) == 328
    at = _page(wilayah="35", tahun="2022")
    assert not at.exception
    assert "Kabupaten/Kota" in _table(at).columns  # desa of several kabupaten
    assert any("memperbesar" in c.value for c in at.caption)


def test_compare_presentation_bubbles_and_all_provinces_run(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    at.toggle(key="peta_banding").set_value(True).run()
    at.toggle(key="peta_presentasi").set_value(True).run()
    at.toggle(key="peta_lingkaran").set_value(True).run()
    assert not at.exception
    at = _page(tahun="2022")  # all provinces: kabupaten polygons
    assert not at.exception
    # Tuban's 4 cases lie in Jlodro (A, B, F) and Sokogunung (C), both "<5" on Tuban's own map: its total is
    # the range 2–8 (1 to 4 per such desa), 0,57–2,29 per 1.000 of its 3.500 residents, never 4 or 1,14.
    # The browser gets the low end (to sort, rank and colour by) and draws the range; no other kabupaten
    # has a population, so Tuban is the only one ranked.
    tuban = _table(at).set_index("Kabupaten/Kota").loc["Kabupaten Tuban"]
    assert tuban["Kasus PMKS"] == 2 and tuban["Kasus per 1.000 penduduk"] == pytest.approx(0.57)
    assert tuban["Peringkat"] == 1 and tuban["Kelas"] != "<5 kasus" and tuban["Penduduk"] == 3500
    drawn = _shown(at).iloc[0]
    assert (drawn["Kabupaten/Kota"], drawn["Kasus PMKS"], drawn["Kasus per 1.000 penduduk"]) == (
        "Kabupaten Tuban",
        "2–8",
        "0,57–2,29",
    )
    at.toggle(key="samarkan_kecil").set_value(False).run()
    assert not at.exception
    first = _table(at).iloc[0]
    assert first["Kabupaten/Kota"] == "Kabupaten Tuban" and first["Kasus PMKS"] == 4  # 4 per 3.500 = 1,14
    assert first["Kasus per 1.000 penduduk"] == pytest.approx(1.14) and first["Peringkat"] == 1


# --- Issue 9 ----------------------------------------------------------------------------------------
SOKOGUNUNG = "35.23.01.2002"


def test_desa_panel_lists_only_the_chosen_categories_with_names(world):
    at = _page({"peta_pilihan": peta.Pilihan(kode=SOKOGUNUNG)}, wilayah="35.23", tahun="2023")
    at.multiselect(key="peta_kategori").set_value(["09", "24"]).run()
    assert not at.exception
    cats = at.table[1].value  # Sokogunung 2023: C (24) and D (08); 08 is not chosen
    assert cats["Kategori"].tolist() == ["24 Fakir Miskin"]
    panel = " ".join(c.value for c in at.caption)
    assert "Penyandang Disabilitas, Fakir Miskin" in panel and "09, 24" not in panel
    zoom = next(b for b in at.button if "Perbesar ke Kecamatan" in b.label)
    assert "🔍" not in zoom.label and zoom.proto.icon == ":material/zoom_in:"


def test_palette_names_are_indonesian(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    box = at.selectbox(key="peta_palet")
    assert box.value == "YlOrRd"  # the internal name stays the value
    assert "Kuning–merah" in box.options and "YlOrRd" not in box.options


def test_all_provinces_caption_names_kabupaten(world):
    at = _page(tahun="2022")
    text = " ".join(c.value for c in at.caption if '"<5"' not in c.value)  # the masking note names desa
    assert "per kabupaten/kota" in text and "per desa/kelurahan" not in text
    assert any("sebagai rentang" in c.value for c in at.caption)  # what a kabupaten's "10–13" means


def test_compare_names_each_period_and_its_own_date_earlier_on_the_left(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    at.toggle(key="peta_banding").set_value(True).run()
    at.selectbox(key="peta_banding_awal").set_value(2022).run()
    at.selectbox(key="peta_banding_akhir").set_value(2022).run()
    assert not at.exception
    heads = [c.value for c in at.caption if "Data per" in c.value]
    assert len(heads) == 2
    assert "2022" in heads[0] and "Data per 1 Juni 2022" in heads[0]  # B, recorded 1 June 2022
    assert "2023" in heads[1] and "Data per 5 Mei 2023" in heads[1]  # D, recorded 5 May 2023
    names = [b.label for b in at.get("download_button")]
    assert any("2 peta" in n for n in names)
