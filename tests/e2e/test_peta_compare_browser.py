"""Peta PMKS "Bandingkan dua periode" in headless Chromium, offline: Tuban 2025 against 2022, the earlier
period on the left, each map naming its period and its own "Data per" date; the HTML download holds both
maps and opens offline, the PNG download is one image with both panels."""

import io

import pytest
from PIL import Image

from e2e.conftest import MAP_IFRAME, SHOTS
from e2e.test_peta_browser import _open

pytestmark = pytest.mark.e2e


def _drawn(page, i: int):
    frame = page.locator(MAP_IFRAME).nth(i).element_handle().content_frame()
    frame.wait_for_function("window.__pkDrawn !== undefined && !!window.PETAKESOS", timeout=90_000)
    return frame


def switch_on(page, label: str, appears) -> None:
    """Turn a toggle on until `appears` shows: a click that lands while the script is rerunning can be lost."""
    toggle = page.get_by_text(label, exact=True)
    for _ in range(3):
        toggle.wait_for(timeout=30_000)
        toggle.click()
        try:
            appears.wait_for(timeout=20_000)
            return
        except Exception:
            _idle(page)
    appears.wait_for(timeout=20_000)


def choose(page, selectbox, option: str) -> None:
    """Pick `option` in a selectbox: a rerun that lands while the list is open redraws it and can leave the
    option detached, so the list is closed and opened again (at most three times)."""
    for attempt in range(3):
        _idle(page)
        selectbox.locator('input[role="combobox"]').click()
        page.keyboard.type(option)
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            return
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")


def _idle(page) -> None:
    """Wait until the script run has finished (no running indicator)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def _text(frame, selector: str) -> str:
    return frame.evaluate(f"(document.querySelector('{selector}') || {{}}).innerText || ''")


def test_two_periods_side_by_side_named_and_exported_together(app_url, page, browser, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 768})
    _open(page, f"{app_url}/peta?wilayah=35.23&tahun=2025")
    _drawn(page, 0)
    _idle(page)
    page.get_by_text("Tampilan peta dan perbandingan").click()
    start = page.locator('[data-testid="stSelectbox"]', has_text="Periode pembanding: mulai")
    switch_on(page, "Bandingkan dua periode", start)
    _idle(page)
    choose(page, start, "2022")
    page.wait_for_function(
        "selector => document.querySelectorAll(selector).length === 2", arg=MAP_IFRAME, timeout=60_000
    )
    page.wait_for_timeout(1500)
    left, right = _drawn(page, 0), _drawn(page, 1)
    boxes = [page.locator(MAP_IFRAME).nth(i).bounding_box() for i in range(2)]
    assert boxes[0]["x"] < boxes[1]["x"]
    lt, rt = _text(left, ".pk-title"), _text(right, ".pk-title")
    assert "· 2022 ·" in lt and "· 2025 ·" in rt, (lt, rt)  # earlier period on the left
    lf, rf = _text(left, ".pk-foot"), _text(right, ".pk-foot")
    assert "Data per" in lf and lf.rstrip().endswith("2022") and rf.rstrip().endswith("2025"), (lf, rf)

    page.locator(MAP_IFRAME).first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -60)")
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "peta_bandingkan_periode.png"))

    with page.expect_download(timeout=120_000) as got:
        page.get_by_role("button", name="2 peta berdampingan (HTML offline)").click()
    html = tmp_path / "dua.html"
    got.value.save_as(html)
    with page.expect_download(timeout=180_000) as got:
        page.get_by_role("button", name="2 peta berdampingan (PNG, satu slide)").click()
    png = Image.open(io.BytesIO(got.value.path().read_bytes()))
    assert png.format == "PNG" and png.size[0] == 2 * png.size[1]
    assert not page.blocked_requests, page.blocked_requests

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    outside: list[str] = []
    context.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith("file:") else (outside.append(r.request.url), r.abort()),
    )
    offline = context.new_page()
    offline.goto(html.as_uri())
    offline.wait_for_function("window.__pkDrawn !== undefined", timeout=60_000)
    titles = offline.evaluate("Array.from(document.querySelectorAll('.pk-title')).map(e => e.innerText)")
    assert len(titles) == 2 and "· 2022 ·" in titles[0] and "· 2025 ·" in titles[1]
    assert offline.evaluate("Object.values(window.PETAKESOS).map(E => E.group.getLayers().length)") == [328, 328]
    context.close()
    assert not outside, outside
