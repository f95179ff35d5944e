"""Bandingkan Kabupaten through Streamlit's AppTest, on the fixture database (Jawa Timur, Tuban has data)."""

from apptest import open_page
from streamlit.testing.v1 import AppTest


def _page(**query) -> AppTest:
    return open_page("bandingkan", **query)


def _table(at: AppTest):
    return at.dataframe[0].value


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    return "\n".join(parts)


def test_kecamatan_link_compares_every_kabupaten_of_its_province(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    assert not at.exception
    assert at.subheader[0].value == "Jawa Timur — 2023"
    table = _table(at)
    assert len(table) == 38 + 2  # every kabupaten/kota, the province and the median
    assert table["Kabupaten/Kota"].tolist()[-2:] == ["Provinsi Jawa Timur", "Median 38 kab/kota se-Jawa Timur"]
    tuban = table[table["Kabupaten/Kota"] == "Kabupaten Tuban"].iloc[0]
    # 2023: PSM 1, 2 (desa 2001), 4 (desa 2003) and Muda (desa 2002; under 18 at SK, imported and flagged).
    assert tuban["Desa/kelurahan tanpa PSM"] == 325 and tuban["Δ Desa/kelurahan tanpa PSM sejak 2022"] == -2
    # Tuban's 4 cases lie in two desa shown "<5" (Jlodro A, F; Sokogunung C, D): "2–8", 2 reaches the browser.
    assert tuban["Kasus PMKS"] == 2 and tuban["PSM aktif"] == 4
    # The chosen kabupaten is called out. Nine kabupaten have more than 325 desa (Lamongan 474, Bojonegoro 430,
    # Malang 390, Pasuruan 365, Gresik 356, Sidoarjo 346, Kediri 344, Sumenep 334, Probolinggo 330), all without PSM.
    assert "Kabupaten Tuban: peringkat 10 dari 38 — Desa/kelurahan tanpa PSM 325" in _text(at)


def test_three_districts_with_most_desa_without_psm_and_change_since_2022(world):
    at = _page(wilayah="35", tahun="2023")
    assert at.selectbox(key="bk_indikator").value == "desa_tanpa_psm"
    assert at.selectbox(key="bk_tahun_dasar").value == 2022
    text = _text(at)
    assert "Tiga terburuk — Desa/kelurahan tanpa PSM (2023)" in text
    assert (
        "1. Kabupaten Lamongan — 474 (0 sejak 2022)  \n2. Kabupaten Bojonegoro — 430 (0 sejak 2022)  \n"
        "3. Kabupaten Malang — 390 (0 sejak 2022)"
    ) in text
    assert _table(at)["Kabupaten/Kota"].tolist()[:3] == [
        "Kabupaten Lamongan",
        "Kabupaten Bojonegoro",
        "Kabupaten Malang",
    ]


def test_choosing_indicator_and_base_year_resorts_and_relabels(world):
    at = _page(wilayah="35", tahun="2023")
    at.toggle(key="samarkan_kecil").set_value(False).run()  # masked, 1,00 per PSM beside 4 PSM gives 4 cases back
    at.selectbox(key="bk_indikator").set_value("kasus_per_psm").run()
    assert not at.exception
    assert "1. Kabupaten Tuban — 1,00 (−1,00 sejak 2022)" in _text(at)  # 4 cases / 4 PSM; 2022: 4 / 2
    table = _table(at)
    assert list(table.columns[:4]) == ["Peringkat", "Kabupaten/Kota", "Kasus per PSM", "Δ Kasus per PSM sejak 2022"]
    assert table["Kabupaten/Kota"].iloc[0] == "Kabupaten Tuban"
    at.selectbox(key="bk_tahun_dasar").set_value(2021).run()
    assert "Δ Desa/kelurahan tanpa PSM sejak 2021" in _table(at).columns
    assert "1. Kabupaten Tuban — 1,00 (−1,00 sejak 2021)" in _text(at)  # 2021: 2 cases (A, E) / 1 PSM


def test_small_multiples_need_two_kabupaten(world):
    at = _page(wilayah="35.23", tahun="2023")
    picked = at.multiselect(key="bk_pilih").value
    assert picked[0] == "35.23" and 2 <= len(picked) <= 6
    at.multiselect(key="bk_pilih").set_value(["35.23"]).run()
    assert any("paling sedikit dua" in i.value for i in at.info)


def test_all_provinces_and_no_person_names(world):
    at = _page(tahun="2022")
    assert not at.exception
    assert at.subheader[0].value.startswith("Semua provinsi (Jawa Timur)")
    text = _text(at) + _table(at).to_string()
    for name in ("PSM Satu", "PSM Dua", "Kasus A", "Kasus B"):
        assert name not in text
    assert not {"nik", "nik_hash", "nama_orang"} & {c.lower() for c in _table(at).columns}


def test_each_median_on_the_page_says_what_it_is_taken_over(world):
    # The fixture covers one province: the table's median row is over its 38 kabupaten/kota; the scatter's
    # dashed lines are over the dots drawn, and the caption says they may differ.
    at = _page(wilayah="35", tahun="2023")
    text = _text(at)
    assert "median semua kabupaten/kota di provinsi yang tercakup (38 kab/kota se-Jawa Timur)" in text
    assert "Garis putus-putus: median kabupaten/kota yang tampil di grafik ini" in text
    assert "baris median tabel, yang memakai 38 kab/kota se-Jawa Timur" in text


def test_colour_rule_is_said_beside_the_maps(world):
    at = _page(wilayah="35", tahun="2023")
    assert "oranye/merah = masalah (makin gelap makin buruk); hijau/biru = kapasitas" in _text(at)
    assert "Nilai per desa: PSM aktif di desa (gelap = lebih baik)." in _text(at)
