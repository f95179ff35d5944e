"""Beranda through Streamlit's AppTest, on the fixture database: URL state, pickers, figures."""

from apptest import metrics, open_page
from streamlit.testing.v1 import AppTest




def _app(**query) -> AppTest:
    return open_page("beranda", **query)


_metrics = metrics


def test_link_opens_the_same_view_codes_with_or_without_dots(world):
    for code in ("35.23.01", "352301"):
        at = _app(wilayah=code, tahun="2022")
        assert not at.exception
        assert at.selectbox(key="pilih_kec").value == "35.23.01"
        assert at.selectbox(key="pilih_tahun").value == 2022
        m = _metrics(at)
        assert m["Kasus PMKS"] == "4"
        assert m["PSM aktif"] == "2"
        assert m["Desa/kelurahan"] == "9"
        assert m["Kasus per 1.000 penduduk"] == "1,1"  # 4 / 3,500 × 1,000
        assert "Kecamatan Kenduruan" in at.subheader[0].value


def test_every_figure_has_a_help_text_and_labels_are_indonesian(world):
    at = _app(wilayah="35.23.01", tahun="2023")
    helps = {m.label: m.help for m in at.metric}
    for label in ("Kasus PMKS", "PSM aktif", "Kasus per 1.000 penduduk", "Desa/kelurahan dengan PSM",
                  "PSM dengan Bimtek Dasar"):
        assert helps[label], label
    assert "31 Desember" in helps["Kasus PMKS"] and "1 Januari" in helps["Kasus PMKS"]


def test_changing_the_pickers_updates_the_figures(world):
    # The URL side is checked in the browser test (AppTest does not reflect query-string writes).
    at = _app(wilayah="35.23.01", tahun="2022")
    at.selectbox(key="pilih_tahun").set_value(2023).run()
    assert _metrics(at)["PSM aktif"] == "3"
    at.selectbox(key="pilih_kec").set_value("").run()
    assert _metrics(at)["Desa/kelurahan"] == "328"
    assert "Kabupaten Tuban" in at.subheader[0].value


def test_bad_wilayah_in_url_is_a_message_not_a_crash(world):
    at = _app(wilayah="99x", tahun="abc")
    assert not at.exception
    assert any("tidak dikenal" in w.value for w in at.sidebar.warning)
