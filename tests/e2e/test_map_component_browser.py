"""The map component in headless Chromium on the demo data, offline: the Leaflet map stays alive across
reruns (a category change restyles the same polygons, no reload), and a click returns the desa's kode."""

import io
import time

import pytest
from PIL import Image

from e2e.conftest import MAP_IFRAME, SHOTS

pytestmark = pytest.mark.e2e
COMPONENT = MAP_IFRAME


def _open(page, url):
    """App root first: a fresh server routes /peta through app.py only once app.py has run."""
    page.goto(url.split("/peta")[0] + "/")
    page.get_by_text("Peta PMKS").first.wait_for(timeout=60_000)
    page.goto(url)


def _map_frame(page, timeout_s=120):
    """The component's frame once its polygons are painted."""
    page.locator(COMPONENT).first.wait_for(timeout=timeout_s * 1000)
    frame = page.locator(COMPONENT).first.element_handle().content_frame()
    frame.wait_for_function("window.__pkDrawn !== undefined && !!window.PETAKESOS", timeout=timeout_s * 1000)
    return frame


def _state(frame) -> dict:
    return frame.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0];
        return { n: P.group.getLayers().length, drawn: window.__pkDrawn, same: window.__pkMark === P.group,
                 legend: Array.from(document.querySelectorAll('.pk-legend .pk-row')).map(e => e.innerText) }; }""")


def _pick_category(page, name: str) -> float:
    """Choose one PMKS category; returns the perf_counter time the choice was made."""
    page.locator('[data-testid="stMultiSelect"]').first.click()
    page.keyboard.type(name)
    page.wait_for_timeout(300)
    t0 = time.perf_counter()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    return t0


def test_jawa_timur_draws_once_and_a_category_change_only_restyles(app_url, page):
    page.set_viewport_size({"width": 1500, "height": 1300})
    _open(page, f"{app_url}/peta?wilayah=35&tahun=2025")
    frame = _map_frame(page)
    before = _state(frame)
    assert before["n"] > 8400  # every desa/kelurahan of Jawa Timur with a boundary
    # Five classes, then the desa without a value: no data, or 1–4 cases masked (their rate would give it back).
    assert len(before["legend"]) == 6 and before["legend"][-1].startswith("Tidak ada data / <5 kasus")
    assert sum(int(row.split("(")[1].split()[0].replace(".", "")) for row in before["legend"]) == before["n"]
    # Mark this document and its polygon group: a reload or a re-decode would lose the mark.
    frame.evaluate("() => { window.__pkMark = Object.values(window.PETAKESOS)[0].group; }")

    t0 = _pick_category(page, "Fakir Miskin")
    frame.wait_for_function("d => window.__pkDrawn !== d", arg=before["drawn"], timeout=60_000)
    seconds = time.perf_counter() - t0
    after = _state(frame)
    assert after["same"], "the map was rebuilt instead of restyled"
    assert after["n"] == before["n"] and after["legend"] != before["legend"]
    assert page.locator(COMPONENT).count() == 1
    title = frame.evaluate("document.querySelector('.pk-foot').innerText")
    assert "Sumber" in title
    print(f"category change -> map restyled in {seconds:.2f} s (script rerun + restyle; requests routed)")
    page.wait_for_timeout(500)
    # 256 colours keep the picture of 8,494 desa well under 400 KB.
    Image.open(io.BytesIO(page.screenshot())).quantize(256).save(SHOTS / "peta_komponen_jatim.png", optimize=True)
    assert not page.blocked_requests, page.blocked_requests


def test_click_on_a_tuban_desa_opens_its_panel_without_reloading_the_map(app_url, page):
    page.set_viewport_size({"width": 1500, "height": 1300})
    _open(page, f"{app_url}/peta?wilayah=35.23&tahun=2025")
    frame = _map_frame(page)
    assert _state(frame)["n"] == 328
    frame.evaluate("() => { window.__pkMark = Object.values(window.PETAKESOS)[0].group; }")
    box = page.locator(COMPONENT).first.bounding_box()

    def click(i: int) -> str:
        name, x, y = frame.evaluate(
            """i => { const P = Object.values(window.PETAKESOS)[0];
            const l = P.group.getLayers()[i]; const p = P.map.latLngToContainerPoint(l.getCenter());
            return [P.geo.n[i], p.x, p.y]; }""",
            i,
        )
        # getCenter is the ring's centroid; check it really lies on this polygon before clicking.
        hit = frame.evaluate(
            """([x, y]) => { const P = Object.values(window.PETAKESOS)[0];
            const ll = P.map.containerPointToLatLng([x, y]); let k = null;
            P.group.eachLayer(l => { if (l.getBounds().contains(ll) && l._containsPoint(P.map.latLngToLayerPoint(ll))) k = l._pk; });
            return k; }""",
            [x, y],
        )
        assert hit == i
        page.mouse.click(box["x"] + x, box["y"] + y)
        return name

    name = click(150)
    page.get_by_role("heading", name=name).first.wait_for(timeout=60_000)
    page.get_by_text("Peringkat di kabupaten").first.wait_for()
    other = click(40)
    page.get_by_role("heading", name=other).first.wait_for(timeout=60_000)
    assert _state(frame)["same"], "the click reloaded the map"
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "peta_komponen_klik_tuban.png"))
    assert not page.blocked_requests, page.blocked_requests
