"""Peta PMKS in headless Chromium on the demo data, offline: a kabupaten and all of Jawa Timur draw with a
legend, a click opens the desa panel, and the exported HTML opens from file:// with no network."""

import os
import re
import subprocess
import sys
import time

import pytest

from e2e.conftest import MAP_IFRAME, SHOTS
from petakesos.config import REPO_ROOT

pytestmark = pytest.mark.e2e


def _open(page, url):
    """Open the app root first, then the page: on a freshly started server Streamlit resolves /peta
    through the pages/ folder (legacy mode, no st.navigation) until app.py has run once."""
    page.goto(url.split("/peta")[0] + "/")
    page.get_by_text("Peta PMKS").first.wait_for(timeout=60_000)
    page.goto(url)


def _map_frame(page, timeout_s=90):
    """The iframe holding the drawn Leaflet map (window.__pkDrawn is set once its polygons are painted)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("window.__pkDrawn !== undefined && !!window.PETAKESOS"):
                    return frame
            except Exception:  # frame navigating or detached
                pass
        time.sleep(0.25)
    raise AssertionError("map not drawn")


def _polygons(frame) -> int:
    return frame.evaluate("Object.values(window.PETAKESOS)[0].group.getLayers().length")


def _legend(frame) -> list[str]:
    return frame.evaluate("Array.from(document.querySelectorAll('.pk-legend .pk-row')).map(e => e.innerText)")


def test_kabupaten_view_draws_clicks_open_the_desa_panel(app_url, page):
    page.set_viewport_size({"width": 1500, "height": 1300})
    _open(page, f"{app_url}/peta?wilayah=35.23&tahun=2025")
    frame = _map_frame(page)
    assert _polygons(frame) == 328
    legend = _legend(frame)
    # Five classes, then the desa without a value: no data, or 1–4 cases masked (their rate would give it back).
    assert len(legend) == 6 and all("desa" in row for row in legend)
    assert legend[-1].startswith("Tidak ada data / <5 kasus")
    # Click the middle of one desa polygon: the side panel opens with its ranks.
    x, y = frame.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0];
        const l = P.group.getLayers()[150]; const p = P.map.latLngToContainerPoint(l.getCenter());
        return [p.x, p.y]; }""")
    box = None
    for el in page.locator("iframe").all():
        if el.element_handle().content_frame() == frame:
            box = el.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.get_by_text("Peringkat di kabupaten").first.wait_for(timeout=60_000)
    page.get_by_text("Perbesar ke Kecamatan").first.wait_for()
    frame = _map_frame(page)
    page.mouse.move(box["x"] + x, box["y"] + y)  # show a tooltip in the screenshot
    page.wait_for_timeout(800)
    tip = frame.evaluate("(document.querySelector('.pk-tip') || {}).innerText || ''")
    assert "Kec." in tip and "Peringkat" in tip
    page.screenshot(path=str(SHOTS / "peta_kabupaten.png"))
    assert not page.blocked_requests, page.blocked_requests


def test_province_view_draws_every_desa_of_jawa_timur(app_url, page):
    page.set_viewport_size({"width": 1500, "height": 1300})
    _open(page, f"{app_url}/?tahun=2025")
    t0 = time.time()
    page.goto(f"{app_url}/peta?wilayah=35&tahun=2025")
    frame = _map_frame(page, timeout_s=120)
    seconds = time.time() - t0
    n = _polygons(frame)
    assert n > 8400  # every desa/kelurahan of Jawa Timur with a boundary
    legend = _legend(frame)
    assert len(legend) == 6 and legend[-1].startswith("Tidak ada data / <5 kasus")  # five classes + masked
    assert sum(int(row.split("(")[1].split()[0].replace(".", "")) for row in legend) == n
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "peta_provinsi.png"))
    print(f"Jawa Timur: {n} polygons drawn {seconds:.1f} s after navigation")
    assert not page.blocked_requests, page.blocked_requests


def test_exported_html_opens_offline_from_a_file(browser, tmp_path):
    html = tmp_path / "tuban_2025.html"
    png = tmp_path / "tuban_2025.png"
    # The demo database, not the test world's (whose settings live in PETAKESOS_* during a full run).
    demo_env = {k: v for k, v in os.environ.items() if not k.startswith("PETAKESOS_")}
    for out in (html, png):
        done = subprocess.run(
            [sys.executable, "-m", "petakesos", "map", "--wilayah", "35.23", "--period", "2025", "--out", str(out)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env=demo_env,
        )
        assert done.returncode == 0, done.stderr
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requests: list[str] = []

    def only_the_file(route):
        if route.request.url.startswith("file:"):
            return route.continue_()
        requests.append(route.request.url)
        return route.abort()

    context.route("**/*", only_the_file)
    page = context.new_page()
    page.goto(html.as_uri())
    page.wait_for_function("window.__pkDrawn !== undefined", timeout=60_000)
    assert page.evaluate("Object.values(window.PETAKESOS)[0].group.getLayers().length") == 328
    assert "Kabupaten Tuban" in page.locator(".pk-title").inner_text()
    assert len(page.locator(".pk-legend .pk-row").all()) == 6  # five classes + "Tidak ada data / <5 kasus"
    assert page.locator(".leaflet-control-scale").count() == 1 and page.locator(".pk-north").count() == 1
    shot = tmp_path / "html.png"
    page.screenshot(path=str(shot))
    context.close()
    assert not requests, requests
    from PIL import Image

    img = Image.open(shot).convert("RGB")
    colours = img.getcolors(maxcolors=1_000_000)
    # YlOrRd fills cover a large share of the canvas: reds/oranges, not just the background.
    warm = sum(n for n, (r, g, b) in colours if r > 180 and b < 120 and r - b > 80)
    assert warm > 0.1 * img.width * img.height
    exported = Image.open(png)
    assert exported.format == "PNG" and exported.size == (1600, 1200)
    SHOTS.mkdir(parents=True, exist_ok=True)
    img.save(SHOTS / "peta_export_offline.png")


def _pick(page, name: str) -> None:
    page.locator('[data-testid="stMultiSelect"]').first.click()
    page.keyboard.type(name)
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def test_desa_panel_with_two_categories_fits_1366_and_lists_only_them(app_url, page):

    page.set_viewport_size({"width": 1366, "height": 768})
    _open(page, f"{app_url}/peta?wilayah=35.23&tahun=2025")
    frame = _map_frame(page)
    _pick(page, "Penyandang Disabilitas")
    page.wait_for_timeout(1500)
    _pick(page, "Fakir Miskin")
    page.wait_for_timeout(3000)
    frame = _map_frame(page)
    x, y = frame.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0];
        const l = P.group.getLayers()[150]; const p = P.map.latLngToContainerPoint(l.getCenter());
        return [p.x, p.y]; }""")
    iframe = page.locator(MAP_IFRAME).first
    box = iframe.bounding_box()
    iframe.scroll_into_view_if_needed()  # the 620 px map fits the 768 px screen
    page.wait_for_timeout(800)
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.get_by_text("Peringkat di kabupaten").first.wait_for(timeout=60_000)
    zoom = page.get_by_role("button", name="Perbesar ke Kecamatan")
    zoom.wait_for()
    assert "🔍" not in zoom.inner_text()
    assert zoom.locator('[data-testid="stIconMaterial"]').inner_text() == "zoom_in"
    panel = page.locator('[data-testid="stColumn"]', has=page.get_by_text("Peringkat di kabupaten")).last
    caption = panel.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert "Penyandang Disabilitas, Fakir Miskin" in caption, caption
    tables = panel.locator('[data-testid="stTable"]')
    cats = tables.nth(1).locator("tbody tr").all_inner_texts()
    assert cats and all(("Penyandang Disabilitas" in r) or ("Fakir Miskin" in r) for r in cats), cats
    # Nothing in the panel is cut off: every table and text fits its column at 1366 px.
    clipped = panel.evaluate("""col => Array.from(col.querySelectorAll(
            '[data-testid="stTable"], [data-testid="stMetricLabel"], [data-testid="stCaptionContainer"], h3, table'))
        .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > col.getBoundingClientRect().right + 1)
        .map(e => e.tagName + ': ' + e.innerText.slice(0, 40))""")
    assert not clipped, clipped
    panel.locator("h3").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.move(5, 5)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "peta_panel_desa.png"))
    assert not page.blocked_requests, page.blocked_requests


def test_jawa_timur_opens_on_the_mainland_not_the_far_islands(app_url, page):

    page.set_viewport_size({"width": 1366, "height": 768})
    _open(page, f"{app_url}/peta?wilayah=35&tahun=2025")
    frame = _map_frame(page, timeout_s=120)
    page.wait_for_timeout(1000)
    view = frame.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0], m = P.map;
        let b = null;  // the mainland and Madura: every desa south of 6.6° S
        P.group.eachLayer(l => { const lb = l.getBounds(); if (lb.getNorth() < -6.6) b = b ? b.extend(lb) : L.latLngBounds(lb.getSouthWest(), lb.getNorthEast()); });
        const sw = m.latLngToContainerPoint(b.getSouthWest()), ne = m.latLngToContainerPoint(b.getNorthEast());
        const size = m.getSize();
        return { north: m.getBounds().getNorth(), w: (ne.x - sw.x) / size.x, h: (sw.y - ne.y) / size.y }; }""")
    # Bawean (5.8° S) and Masalembu (5.0° S) stay reachable by panning but do not shrink the mainland.
    assert view["north"] < -5.9, view
    assert max(view["w"], view["h"]) > 0.85, view
    # Ranks in tooltips use Indonesian thousands: "Peringkat 1.234 dari 7.637" (desa with 1–4 cases are not
    # ranked when masked, so fewer than the 8.494 desa).
    tip = frame.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0];
        const i = P.values.r.findIndex(r => r > 999); return P.group._tooltip._content(P.group.getLayers()[i]); }""")
    assert re.search(r"Peringkat \d\.\d{3} dari \d\.\d{3}", tip), tip
    page.locator(MAP_IFRAME).first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    import io

    from PIL import Image

    # 256 colours keep the picture of 8,494 desa small.
    Image.open(io.BytesIO(page.screenshot())).quantize(256).save(SHOTS / "peta_jatim_fit.png", optimize=True)
    assert not page.blocked_requests, page.blocked_requests
