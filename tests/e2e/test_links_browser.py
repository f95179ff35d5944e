"""Shared links: a page link opened first on a freshly started server shows the real page."""

import pytest

from e2e.conftest import SHOTS

pytestmark = pytest.mark.e2e


def test_page_link_on_a_fresh_server_opens_the_routed_page(fresh_app_url, page):
    page.goto(f"{fresh_app_url}/bandingkan?wilayah=35&tahun=2025")
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Bandingkan Kabupaten").wait_for(timeout=60_000)
    # The navigation shows page titles, not the file names of the pages/ folder.
    assert nav.get_by_text("Beranda").count() == 1
    assert nav.get_by_text("bandingkan", exact=True).count() == 0
    page.get_by_text("Data contoh (sintetis)").first.wait_for()
    assert "/bandingkan" in page.url and "wilayah=35" in page.url
    page.screenshot(path=str(SHOTS / "fresh_link_bandingkan.png"))
