"""Beranda through Streamlit's AppTest, on the fixture database: URL state, pickers, figures."""

import pytest
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
        # Masked by default: Kenduruan's 4 cases lie in desa of 1–4 cases each, so the total is the range
        # those desa can add up to, and so is the rate (2 / 3,500 … 8 / 3,500 × 1,000).
        assert m["Kasus PMKS"] == "2–8"
        assert m["Kasus per 1.000 penduduk"] == "0,6–2,3"
        assert m["PSM aktif"] == "2"
        assert m["Desa/kelurahan"] == "9"
        at.toggle(key="samarkan_kecil").set_value(False).run()
        m = _metrics(at)
        assert m["Kasus PMKS"] == "4"
        assert m["Kasus per 1.000 penduduk"] == "1,1"  # 4 / 3,500 × 1,000
        assert "Kecamatan Kenduruan" in at.subheader[0].value


def test_every_figure_has_a_help_text_and_labels_are_indonesian(world):
    at = _app(wilayah="35.23.01", tahun="2023")
    helps = {m.label: m.help for m in at.metric}
    for label in (
        "Kasus PMKS",
        "PSM aktif",
        "Kasus per 1.000 penduduk",
        "% desa/kelurahan dengan PSM",
        "% PSM terlatih",
    ):
        assert helps[label], label
    assert "31 Desember" in helps["Kasus PMKS"] and "1 Januari" in helps["Kasus PMKS"]


def test_changing_the_pickers_updates_the_figures(world):
    # The URL side is checked in the browser test (AppTest does not reflect query-string writes).
    at = _app(wilayah="35.23.01", tahun="2022")
    at.selectbox(key="pilih_tahun").set_value(2023).run()
    assert _metrics(at)["PSM aktif"] == "4"  # Satu, Dua, Empat and Muda (under 18 at SK: counted, flagged)
    at.selectbox(key="pilih_kec").set_value("").run()
    assert _metrics(at)["Desa/kelurahan"] == "328"
    assert "Kabupaten Tuban" in at.subheader[0].value


def test_bad_wilayah_in_url_is_a_message_not_a_crash(world):
    at = _app(wilayah="99x", tahun="abc")
    assert not at.exception
    messages = [w.value for w in at.warning]
    assert any("Kode wilayah di alamat tidak dikenal" in m and "Semua provinsi" in m for m in messages)
    assert any("Tahun di alamat tidak dikenal" in m for m in messages)


def _messages(at) -> list[str]:
    return [w.value for w in at.warning]


def test_link_text_cannot_plant_a_hyperlink_in_the_warning(world):
    at = _app(wilayah="[Klik untuk login ulang](http://evil.example/login)", tahun="2023")
    assert not at.exception
    (message,) = [m for m in _messages(at) if "tidak dikenal" in m]
    # The link text is shown as an inline code span, which Markdown never turns into a link.
    assert "`[Klik untuk login ulang](http://evil.example/login)`" in message
    assert message.count("`") == 2


@pytest.mark.parametrize("raw, shown", [("99.99", "Semua provinsi"), ("3599", "Semua provinsi")])
def test_well_formed_but_unknown_code_says_what_is_shown(world, raw, shown):
    at = _app(wilayah=raw, tahun="2023")
    assert not at.exception
    assert any("tidak ada dalam daftar" in m and shown in m for m in _messages(at))
    assert at.selectbox(key="pilih_prov").value == ""


@pytest.mark.parametrize("raw", ["1900", "2999"])
def test_year_without_data_says_which_year_is_shown(world, raw):
    at = _app(wilayah="35.23", tahun=raw)
    assert not at.exception
    shown = at.selectbox(key="pilih_tahun").value
    assert any(f"Tahun {raw} tidak tersedia" in m and f"Ditampilkan: {shown}" in m for m in _messages(at))


def test_desa_code_says_its_kecamatan_is_shown(world):
    at = _app(wilayah="35.23.01.2001", tahun="2023")
    assert not at.exception
    assert at.selectbox(key="pilih_kec").value == "35.23.01"
    assert any("adalah desa/kelurahan" in m and "Kenduruan" in m for m in _messages(at))


def test_a_good_link_gives_no_message(world):
    at = _app(wilayah="35.23.01", tahun="2023")
    assert not at.exception and not _messages(at)


def test_province_figures_use_indonesian_separators(world):
    # Jawa Timur has 8,494 desa/kelurahan in the Kemendagri 2025 list; in the fixture three of them have PSM
    # in 2023 (Jlodro, Sokogunung, Jamprong) and 1 of the 4 PSM is trained.
    at = _app(wilayah="35", tahun="2023")
    assert not at.exception
    m = _metrics(at)
    assert m["Desa/kelurahan"] == "8.494"
    assert m["% desa/kelurahan dengan PSM"] == "0,0%"
    assert m["% PSM terlatih"] == "25,0%"
    deltas = {x.label: x.delta for x in at.metric}
    assert deltas["% desa/kelurahan dengan PSM"] == "3 dari 8.494"
    assert deltas["% PSM terlatih"] == "1 dari 4"
