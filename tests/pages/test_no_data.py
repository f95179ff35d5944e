"""Every province and kabupaten of Indonesia can be picked; one without data says so plainly on every page
(the fixture world has data only in two Tuban kecamatan of Jawa Timur)."""

import pytest
from apptest import open_page

PAGES = ("beranda", "peta", "cakupan", "kuota", "pelatihan", "bandingkan", "impor")
# The fixture store is not the demo ("Data", not "Data contoh"); Jawa Timur is its one province with data.
ACEH = "Belum ada data untuk Provinsi Aceh. Data tersedia untuk Jawa Timur; impor data lewat halaman Impor Data."
ACEH_SELATAN = (
    "Belum ada data untuk Kabupaten Aceh Selatan, Aceh. Data tersedia untuk Jawa Timur; "
    "impor data lewat halaman Impor Data."
)


def _infos(at) -> list[str]:
    return [i.value for i in at.info]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("code", "expected"), [("11", ACEH), ("11.01", ACEH_SELATAN)])
def test_page_without_data_says_so(world, page, code, expected):
    at = open_page(page, wilayah=code)
    assert not at.exception, [e.value for e in at.exception]
    assert expected in _infos(at)
    assert at.selectbox(key="pilih_prov").value == "11"
    if page != "impor":  # the page that brings data in stays usable; the others stop at the notice
        assert not at.metric and not at.dataframe


def test_picker_lists_every_province_and_kabupaten(world):
    at = open_page("beranda", wilayah="11.01")
    provinces = at.selectbox(key="pilih_prov").options
    kabupaten = at.selectbox(key="pilih_kab").options
    # "Semua provinsi" + the 38 provinces of the code list; "Semua kabupaten/kota" + Aceh's 18 + 5.
    assert len(provinces) == 1 + 38 and "Aceh" in provinces and "Papua Barat Daya" in provinces
    assert len(kabupaten) == 1 + 23 and "Kabupaten Aceh Selatan" in kabupaten and "Kota Subulussalam" in kabupaten


def test_wilayah_with_data_shows_no_notice(world):
    at = open_page("beranda", wilayah="35.23.01", tahun="2022")
    assert not at.exception
    assert not [i for i in _infos(at) if i.startswith("Belum ada data")]
    assert at.metric
