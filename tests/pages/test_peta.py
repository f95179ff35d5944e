"""Peta PMKS through Streamlit's AppTest on the fixture database (hand counts in tests/test_peta.py)."""

from apptest import open_page
from streamlit.testing.v1 import AppTest

from petakesos import peta

JLODRO = "35.23.01.2001"


def _page(state: dict | None = None, **query) -> AppTest:
    return open_page("peta", state, **query)


def _table(at: AppTest):
    return at.dataframe[-1].value


def test_kecamatan_view_lists_every_desa_ranked_with_small_counts_masked(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    assert not at.exception
    t = _table(at)
    assert len(t) == 9
    assert t["Desa/Kelurahan"].tolist()[:3] == ["Jlodro", "Sokogunung", "Jamprong"]
    assert t["Kasus"].tolist()[:3] == ["<5", "<5", "0"]
    assert t["Kasus/1.000 penduduk"].iloc[0] == 3.0
    assert (t["Kelas"] == "Tidak ada data").sum() == 6
    assert any("31 Desember" in (s.help or "") for s in at.selectbox if s.key == "peta_awal")


def test_switching_measure_categories_and_period_changes_the_values(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    at.toggle(key="samarkan_kecil").set_value(False).run()
    at.radio(key="peta_ukuran").set_value("count").run()
    assert _table(at)["Jumlah kasus"].tolist()[:2] == [3, 1]
    at.multiselect(key="peta_kategori").set_value(["09"]).run()
    assert _table(at)["Jumlah kasus"].iloc[0] == 1  # only B
    at.multiselect(key="peta_kategori").set_value([]).run()
    at.selectbox(key="peta_awal").set_value(2020).run()  # 2020–2022: A, B, E, F, C
    t = _table(at).set_index("Desa/Kelurahan")
    assert (t.loc["Jlodro", "Jumlah kasus"], t.loc["Jamprong", "Jumlah kasus"]) == (3, 1)
    assert not at.exception


def test_search_filters_the_list(world):
    at = _page(wilayah="35.23.01", tahun="2022")
    at.text_input(key="peta_cari").set_value("jlod").run()
    assert _table(at)["Desa/Kelurahan"].tolist() == ["Jlodro"]


def test_desa_panel_in_a_kabupaten_view_offers_zoom_to_its_kecamatan(world):
    at = _page({"peta_pilihan": peta.Pilihan(kode=JLODRO)}, wilayah="35.23", tahun="2022")
    assert not at.exception
    assert "Jlodro" in [h.value for h in at.subheader]
    metrics = {m.label: m.value for m in at.metric}
    ranks = " ".join(m.value for m in at.markdown)
    assert "Peringkat di kecamatan: **1 dari 3**" in ranks and "Peringkat di kabupaten: **1 dari 3**" in ranks
    assert metrics["Kasus"] == "<5"
    assert metrics["PSM aktif"] == "2" and metrics["Lulus Bimtek Dasar"] == "1"  # PSM counts are not masked
    assert len(at.get("plotly_chart")) == 1
    zoom = [b for b in at.button if "Perbesar ke Kecamatan Kenduruan" in b.label]
    assert zoom
    zoom[0].click().run()
    assert at.selectbox(key="pilih_kec").value == "35.23.01"
    assert len(_table(at)) == 9


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
    assert _table(at)["Kabupaten/Kota"].iloc[0] == "Kabupaten Tuban"
