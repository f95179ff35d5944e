"""Pelatihan in headless Chromium on the demo data: Tuban's November 2022 jump, Lampung Selatan's 2025
growth, a whole province and a single kecamatan, PNG camera and Excel downloads, nothing fetched
from outside; and on the fixture world, a PSM under 18 at the SK date on the follow-up list."""

from __future__ import annotations

import os

import pytest

from e2e.conftest import MAP_IFRAME, SHOTS, metric_value
from e2e.login import PASSWORD, accounts_file, log_in
from petakesos.bench import server

SCREEN = {"width": 1366, "height": 768}

pytestmark = pytest.mark.e2e


def _open(page, app_url: str, query: str, n_charts: int = 5) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    # A fresh server answers the very first page-URL request before app.py has registered its pages
    # (file-name navigation, centred layout); opening the app root first avoids that.
    page.goto(f"{app_url}/")
    page.get_by_text("Pelatihan PSM").first.wait_for(timeout=90_000)
    page.goto(f"{app_url}/pelatihan?{query}")
    _wait_drawn(page, n_charts)


def _wait_drawn(page, n_charts: int) -> None:
    page.get_by_text("% PSM terlatih").first.wait_for(timeout=90_000)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length >= {n_charts}", timeout=90_000)
    page.locator(MAP_IFRAME).first.wait_for(timeout=60_000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000)
    page.wait_for_timeout(2500)  # plotly and Leaflet finish drawing
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Pelatihan PSM").count() == 1


def _screen(page, heading: str, name: str) -> None:
    """A 1366×768 screenshot for docs/ with the given heading at the top of the screen."""
    page.set_viewport_size(SCREEN)
    page.wait_for_timeout(1000)
    page.get_by_role("heading", name=heading).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(2500)
    page.screenshot(path=str(SHOTS / name))
    page.set_viewport_size({"width": 1400, "height": 1000})


def _shot(page, name: str) -> None:
    """Whole page: Streamlit scrolls inside its own container, so grow the viewport to the content."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(2000)
    page.screenshot(path=str(SHOTS / name))
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_tuban_2022_shows_the_november_bimtek(app_url, page):
    _open(page, app_url, "wilayah=3523&tahun=2022")
    assert metric_value(page, "PSM aktif") == "328"
    assert metric_value(page, "Lulus Bimtek Dasar tahun ini") == "295"
    assert metric_value(page, "% PSM terlatih") == "89,9%"  # 295 of 328
    assert metric_value(page, "Median tunggu SK → Bimtek Dasar") == "3 bulan"  # SK 1 Aug, Bimtek 17 Nov
    assert "Kabupaten Tuban" in page.locator("h3").first.inner_text()
    page.get_by_text("Bulanan", exact=True).click()
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(1500)
    chart = page.locator(".js-plotly-plot").first
    assert "bulanan" in chart.inner_text()
    _shot(page, "pelatihan_tuban_2022.png")
    _screen(page, "Kegiatan pelatihan", "pelatihan_tuban_2022.png")
    assert not page.blocked_requests, page.blocked_requests


def test_lampung_selatan_2025_growth(app_url, page):
    _open(page, app_url, "wilayah=1801&tahun=2025")
    assert metric_value(page, "PSM aktif") == "77"
    assert metric_value(page, "Sudah / belum Bimtek Dasar") == "53 / 24"
    assert metric_value(page, "Lulus Bimtek Dasar tahun ini") == "28"
    assert not page.blocked_requests, page.blocked_requests


def test_province_has_charts_with_png_camera_and_excel(app_url, page):
    _open(page, app_url, "wilayah=35&tahun=2025", n_charts=7)
    assert page.locator(".js-plotly-plot").count() >= 7  # incl. per-kabupaten heatmap and ranking
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    camera = page.locator('.modebar-btn[data-title="Download plot as a PNG"]').first
    camera.wait_for(state="attached", timeout=10_000)
    with page.expect_download(timeout=30_000) as png:
        camera.click()
    assert png.value.suggested_filename.endswith(".png")
    with page.expect_download(timeout=30_000) as xlsx:
        page.get_by_role("button", name="Unduh data grafik (Excel)").first.click()
    path = xlsx.value.path()
    assert xlsx.value.suggested_filename.endswith(".xlsx") and open(path, "rb").read(2) == b"PK"
    legend = page.frame_locator(MAP_IFRAME).locator(".pk-legend").first.inner_text()
    # Kecamatan without any PSM have no share trained: they are "Tanpa PSM", not missing data.
    assert "Tanpa PSM" in legend and "Tidak ada data" not in legend
    _shot(page, "pelatihan_jawa_timur_2025.png")
    assert not page.blocked_requests, page.blocked_requests


def test_single_kecamatan(app_url, page):
    _open(page, app_url, "wilayah=352301&tahun=2025", n_charts=5)
    assert "Kecamatan Kenduruan" in page.locator("h3").first.inner_text()
    assert int(metric_value(page, "PSM aktif").replace(".", "")) == 9  # one PSM per desa in Tuban, 2022
    with page.expect_download(timeout=30_000) as xlsx:
        page.get_by_role("button", name="Unduh daftar PSM yang belum memenuhi syarat (Excel)").click()
    assert open(xlsx.value.path(), "rb").read(2) == b"PK"
    _shot(page, "pelatihan_kenduruan_2025.png")
    assert not page.blocked_requests, page.blocked_requests


@pytest.fixture(scope="module")
def world_url(world, tmp_path_factory):
    """The app on the fixture world (tests/fixtures: PSM Muda is 13 at the SK date)."""
    # The world fixture has pointed PETAKESOS_STORE and PETAKESOS_GEO_DIR at its files: keep them.
    users = accounts_file(tmp_path_factory.mktemp("akun"), ("dinsos.tuban", "kabupaten", "35.23"))
    with server.serve(env=dict(os.environ, PETAKESOS_USERS=str(users))) as url:  # real data: a login is asked
        yield url


def test_psm_under_18_at_sk_is_on_the_follow_up_list(world_url, page):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(world_url)  # a fresh server's first page-URL request comes before app.py registered its pages
    page.get_by_text("Masuk").first.wait_for(timeout=90_000)
    log_in(page, f"{world_url}/pelatihan?wilayah=35.23.01&tahun=2023", "dinsos.tuban", PASSWORD)
    _wait_drawn(page, n_charts=5)
    assert metric_value(page, "PSM aktif") == "4"  # Satu, Dua, Empat and Muda
    assert metric_value(page, "Belum memenuhi syarat") == "3"  # Dua, Empat, Muda
    legend = page.frame_locator(MAP_IFRAME).locator(".pk-legend").first.inner_text()
    assert "Tanpa PSM" in legend and "Tidak ada data" not in legend  # six desa of Kenduruan have no PSM
    _screen(page, "Pemeriksaan syarat PSM (Permensos No. 10 Tahun 2019)", "pelatihan_syarat.png")
    assert not page.blocked_requests, page.blocked_requests
