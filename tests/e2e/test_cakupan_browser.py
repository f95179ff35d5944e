"""Cakupan PSM in headless Chromium on the demo data: Lampung Selatan 2025."""

import re

import pytest
from needs import demo_connection

from e2e.conftest import MAP_IFRAME, SHOTS, metric_value
from petakesos.maps.component import IFRAME_TITLE

pytestmark = pytest.mark.e2e

HEADLINE = "77 PSM untuk 260 desa/kelurahan — 183 tanpa PSM"


def maps_drawn(page, n: int) -> None:
    """Wait until n map iframes have drawn their Leaflet canvas (polygons)."""
    page.wait_for_function(
        """([n, title]) => { const fs = [...document.querySelectorAll('iframe')].filter(f => f.title === title);
                 return fs.length >= n && fs.slice(0, n).every(f => f.contentDocument &&
                        f.contentDocument.querySelector('canvas.leaflet-zoom-animated')); }""",
        arg=[n, IFRAME_TITLE],
        timeout=90_000,
    )
    page.wait_for_timeout(1500)


def test_coverage_page_lampung_selatan_2025(app_url, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/cakupan?wilayah=1801&tahun=2025")
    page.get_by_text(HEADLINE).first.wait_for(timeout=90_000)
    assert metric_value(page, "Desa/kelurahan tanpa PSM") == "183"
    maps_drawn(page, 2)
    # The caseload map names the 183 desa without PSM for what they are: unserved, not missing data; with
    # small counts masked, the desa with PSM but 1–4 cases (whose load would give the count back) join them.
    con = demo_connection()
    masked = con.execute(
        "select count(*) from mart_desa_tahun where kode_kab = '18.01' and tahun = 2025"
        " and psm_aktif > 0 and kasus between 1 and 4"
    ).fetchone()[0]
    con.close()
    legend = page.frame_locator(MAP_IFRAME).nth(1).locator(".pk-legend").inner_text()
    found = re.search(r"Tanpa PSM \(belum terlayani\) / <5 kasus \((\d+) desa\)", legend)
    assert found and int(found.group(1)) == 183 + masked, legend
    assert "Tidak ada data" not in legend
    page.get_by_text("Per kecamatan").first.wait_for()
    page.get_by_text("Data contoh (sintetis)").first.wait_for()
    page.locator(MAP_IFRAME).nth(1).scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    box = page.locator(MAP_IFRAME).nth(1).bounding_box()
    page.mouse.wheel(0, box["y"] + box["height"] - 760)  # whole map, legend included, on screen
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "cakupan_lamsel_2025.png"))  # docs/ copy: PETAKESOS_SHOTS=docs
    assert not page.blocked_requests, page.blocked_requests
