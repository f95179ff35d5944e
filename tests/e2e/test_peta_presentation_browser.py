"""Peta PMKS presentation mode in headless Chromium, offline: at 1366×768 and 1920×1080 the map, its
title and its legend fill one screen; the sidebar, the banner and the filters are gone."""

import time

import pytest

from e2e.conftest import MAP_IFRAME, SHOTS
from e2e.test_peta_browser import _open
from e2e.test_peta_compare_browser import switch_on

pytestmark = pytest.mark.e2e


def _box_in_page(page, frame_el, selector: str) -> dict:
    """Bounding box of `selector` inside the map iframe, in page coordinates."""
    outer = frame_el.bounding_box()
    inner = (
        frame_el.element_handle()
        .content_frame()
        .evaluate(
            """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return {x: r.left, y: r.top, width: r.width, height: r.height}; }""",
            selector,
        )
    )
    return {
        "x": outer["x"] + inner["x"],
        "y": outer["y"] + inner["y"],
        "width": inner["width"],
        "height": inner["height"],
    }


def _presented(page, timeout_s: float = 90):
    """The map's frame once it is drawn in presentation mode (the iframe may be created anew)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        frame, ready = None, False
        try:
            frame = page.locator(MAP_IFRAME).first.element_handle(timeout=5_000).content_frame()
            ready = frame.evaluate(
                "window.__pkDrawn !== undefined && !!document.querySelector('.pk-pres .pk-legend-title')"
            )
        except Exception:
            ready = False
        if ready:
            return frame
        time.sleep(0.5)
    raise AssertionError("map not drawn in presentation mode")


def _inside(box: dict, w: int, h: int) -> bool:
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= w + 1 and box["y"] + box["height"] <= h + 1


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_presentation_mode_fills_one_screen_with_map_title_and_legend(app_url, page, size):
    w, h = size
    page.set_viewport_size({"width": w, "height": h})
    _open(page, f"{app_url}/peta?wilayah=35.23&tahun=2025")
    page.locator(MAP_IFRAME).first.wait_for(timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.get_by_text("Tampilan peta dan perbandingan").click()
    switch_on(page, "Mode presentasi", page.get_by_role("button", name="Keluar dari mode presentasi"))
    iframe = page.locator(MAP_IFRAME).first
    frame = _presented(page)
    page.wait_for_timeout(2000)  # the map measures the window again once the page has settled

    box = iframe.bounding_box()
    assert _inside(box, w, h), box
    assert box["height"] >= 0.85 * h and box["width"] >= 0.9 * w, box  # the map fills the screen
    legend = _box_in_page(page, iframe, ".pk-legend")
    title = _box_in_page(page, iframe, ".pk-title")
    assert _inside(legend, w, h) and _inside(title, w, h), (legend, title)
    assert title["height"] > 0 and "Kabupaten Tuban" in frame.evaluate("document.querySelector('.pk-title').innerText")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.get_by_text("Kategori PMKS").first.is_visible()  # the filters are hidden
    assert not page.locator('[data-testid="stAlert"]', has_text="Data contoh (sintetis)").count()
    assert "Data contoh (sintetis)" in frame.evaluate("document.querySelector('.pk-foot').innerText")
    if w == 1366:
        page.screenshot(path=str(SHOTS / "peta_presentasi_1366.png"))
    else:
        page.screenshot(path=str(SHOTS / "peta_presentasi_1920.png"))
    # Leaving presentation mode brings the page back.
    page.get_by_role("button", name="Keluar dari mode presentasi").click()
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=60_000)
    assert not page.blocked_requests, page.blocked_requests
