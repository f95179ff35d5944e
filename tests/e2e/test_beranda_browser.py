"""Beranda in headless Chromium on the demo data: a shared link opens Tuban 2022 with its real figures."""

import pytest

from e2e.conftest import SHOTS, metric_value

pytestmark = pytest.mark.e2e


def test_link_opens_tuban_2022_with_328_villages_and_328_psm(app_url, page):
    page.goto(f"{app_url}/?wilayah=3523&tahun=2022")
    page.get_by_text("PSM aktif").first.wait_for(timeout=60_000)
    page.get_by_text("Data contoh (sintetis)").first.wait_for()
    assert metric_value(page, "Desa/kelurahan") == "328"
    assert metric_value(page, "PSM aktif") == "328"
    assert metric_value(page, "% desa/kelurahan dengan PSM") == "100,0%"
    assert int(metric_value(page, "Kasus PMKS").split("–")[0].replace(".", "")) > 0  # a range when desa are masked
    assert "Kabupaten Tuban" in page.locator("h3").first.inner_text()
    assert "wilayah=35.23" in page.url and "tahun=2022" in page.url
    page.screenshot(path=str(SHOTS / "beranda_tuban_2022.png"), full_page=True)
    assert not page.blocked_requests, page.blocked_requests


def test_province_figures_use_indonesian_separators(app_url, page):
    page.goto(f"{app_url}/?wilayah=35&tahun=2025")
    page.get_by_text("PSM aktif").first.wait_for(timeout=60_000)
    assert metric_value(page, "Desa/kelurahan") == "8.494"  # Jawa Timur, Kemendagri 2025
    for label in ("Kasus PMKS", "PSM aktif"):
        assert "," not in metric_value(page, label)
    assert "," in metric_value(page, "Kasus per 1.000 penduduk")
    assert not page.blocked_requests, page.blocked_requests
