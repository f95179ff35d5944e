"""Cakupan PSM and Rencana Kuota PSM in headless Chromium on the demo data: Lampung Selatan 2025."""

import pandas as pd
import pytest

from e2e.conftest import SHOTS, metric_value

pytestmark = pytest.mark.e2e

HEADLINE = "77 PSM untuk 260 desa/kelurahan — 183 tanpa PSM"


def _maps_drawn(page, n: int) -> None:
    """Wait until n map iframes have drawn their Leaflet canvas (polygons)."""
    page.wait_for_function(
        """n => { const fs = [...document.querySelectorAll('iframe')]
                   .filter(f => f.title && f.title === 'petakesos.ui.peta');
                 return fs.length >= n && fs.slice(0, n).every(f => f.contentDocument &&
                        f.contentDocument.querySelector('canvas.leaflet-zoom-animated')); }""",
        arg=n, timeout=90_000)
    page.wait_for_timeout(1500)


def _tall_shot(page, name: str, height: int) -> None:
    """Streamlit scrolls inside its main block, so a whole-page picture needs a tall viewport."""
    page.set_viewport_size({"width": 1400, "height": height})
    page.wait_for_timeout(2500)
    page.screenshot(path=str(SHOTS / name))
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_coverage_page_lampung_selatan_2025(app_url, page):
    page.goto(f"{app_url}/cakupan?wilayah=1801&tahun=2025")
    page.get_by_text(HEADLINE).first.wait_for(timeout=90_000)
    assert metric_value(page, "Desa/kelurahan tanpa PSM") == "183"
    _maps_drawn(page, 2)
    page.get_by_text("Per kecamatan").first.wait_for()
    page.get_by_text("Data contoh (sintetis)").first.wait_for()
    page.screenshot(path=str(SHOTS / "cakupan_lamsel_2025.png"))
    _tall_shot(page, "cakupan_lamsel_2025_full.png", 2700)
    assert not page.blocked_requests, page.blocked_requests


def test_quota_page_allocates_50_and_exports(app_url, page, tmp_path):
    page.goto(f"{app_url}/kuota?wilayah=1801&tahun=2025")
    box = page.get_by_label("Jumlah slot PSM baru", exact=True).and_(page.get_by_test_id("stTextInputField"))
    box.wait_for(timeout=90_000)
    box.fill("50")
    box.press("Enter")
    page.get_by_text("Hasil pembagian").first.wait_for(timeout=90_000)
    _maps_drawn(page, 1)
    summary = page.locator('[data-testid="stTable"]').first.inner_text()
    assert "77" in summary and "127" in summary and "183" in summary and "133" in summary
    page.screenshot(path=str(SHOTS / "kuota_lamsel_50.png"))
    _tall_shot(page, "kuota_lamsel_50_full.png", 2600)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_text("Unduh rencana kuota (Excel)").click()
    path = tmp_path / "kuota.xlsx"
    info.value.save_as(path)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets)[0] == "Parameter"
    alloc = sheets["Alokasi"]
    assert len(alloc) == 260 and alloc["Slot baru"].sum() == 50
    assert (alloc["PSM sesudah"] == alloc["PSM sebelum"] + alloc["Slot baru"]).all()
    assert not page.blocked_requests, page.blocked_requests
