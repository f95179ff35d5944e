"""The wilayah and year survive every sidebar click, whatever the order, speed or starting link."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from e2e.conftest import SHOTS

pytestmark = pytest.mark.e2e

PAGES = ["Peta PMKS", "Cakupan PSM", "Rencana Kuota PSM", "Pelatihan PSM", "Bandingkan Kabupaten", "Beranda"]


def _sidebar_choice(page, label: str) -> str:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]', has_text=label).first
    return box.locator('input[role="combobox"]').input_value().strip()


def _wait_for_page(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]', has_text=title).wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]', has_text="Tahun").wait_for(timeout=60_000)
    # Wait for the script run to finish so the URL and pickers are the page's own.
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def _state(page) -> tuple[str, str, str, str]:
    query = parse_qs(urlparse(page.url).query)
    return (
        query.get("wilayah", [""])[0],
        query.get("tahun", [""])[0],
        _sidebar_choice(page, "Kabupaten/Kota"),
        _sidebar_choice(page, "Tahun"),
    )


def _click_through(page, order: list[str], expected: tuple[str, str, str, str], pause_ms: int) -> None:
    for title in order:
        page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
        _wait_for_page(page, title)
        page.wait_for_timeout(pause_ms)
        assert _state(page) == expected, f"after clicking {title!r}"


@pytest.mark.parametrize(
    "link, expected, order, pause_ms",
    [
        ("/?wilayah=35.23&tahun=2025", ("35.23", "2025", "Kabupaten Tuban", "2025"), PAGES, 0),
        ("/?wilayah=18.01&tahun=2023", ("18.01", "2023", "Kabupaten Lampung Selatan", "2023"), PAGES[::-1], 800),
        (
            "/peta?wilayah=35.23.01&tahun=2024",
            ("35.23.01", "2024", "Kabupaten Tuban", "2024"),
            ["Beranda", "Pelatihan PSM", "Peta PMKS", "Cakupan PSM", "Peta PMKS", "Bandingkan Kabupaten"],
            300,
        ),
    ],
)
def test_sidebar_clicks_keep_wilayah_and_year(app_url, page, link, expected, order, pause_ms):
    page.goto(app_url + link)
    first = "Peta PMKS" if link.startswith("/peta") else "Beranda"
    _wait_for_page(page, first)
    assert _state(page) == expected
    _click_through(page, order, expected, pause_ms)
    page.screenshot(path=str(SHOTS / f"navigasi_{expected[0]}.png"))


def test_province_link_keeps_all_kabupaten(app_url, page):
    page.goto(f"{app_url}/?wilayah=33&tahun=2022")
    _wait_for_page(page, "Beranda")
    expected = ("33", "2022", "Semua kabupaten/kota", "2022")
    assert _state(page) == expected
    _click_through(page, PAGES, expected, 0)


def test_choices_made_with_the_pickers_survive_clicks(app_url, page):
    page.goto(f"{app_url}/?wilayah=35&tahun=2025")
    _wait_for_page(page, "Beranda")
    for label, option in (("Kabupaten/Kota", "Kabupaten Lamongan"), ("Tahun", "2022")):
        box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]', has_text=label).first
        box.locator('input[role="combobox"]').fill(option)
        page.get_by_role("option").filter(has_text=option).first.click()
        _wait_for_page(page, "Beranda")
    page.wait_for_function("() => location.search.includes('tahun=2022') && location.search.includes('35.24')")
    expected = ("35.24", "2022", "Kabupaten Lamongan", "2022")
    assert _state(page) == expected
    _click_through(page, ["Cakupan PSM", "Peta PMKS", "Beranda", "Bandingkan Kabupaten"], expected, 0)
    assert re.search(r"/bandingkan\?", page.url)


def test_link_text_is_never_a_hyperlink_in_the_app(app_url, page):
    page.goto(f"{app_url}/?wilayah=[Klik untuk login ulang](http://evil.example/login)&tahun=1900")
    _wait_for_page(page, "Beranda")
    page.get_by_text("Kode wilayah di alamat tidak dikenal").wait_for()
    page.get_by_text("Tahun 1900 tidak tersedia").wait_for()
    assert page.locator("a[href*='evil']").count() == 0
    page.screenshot(path=str(SHOTS / "pesan_tautan_tidak_dikenal.png"))
