"""Peta Nasional in headless Chromium on the demo data, offline: the vector-tile map of every desa of the
boundary store draws from the app's own static folder (no request leaves 127.0.0.1), the desa of the three
provinces are coloured, a category change restyles without fetching a tile again, a masked desa carries no
value, and a click on a desa opens its panel."""

import json

import pytest
from needs import require

from e2e.conftest import SHOTS
from petakesos.config import REPO_ROOT, settings
from petakesos.geo import tiles

pytestmark = pytest.mark.e2e
FRAME = 'iframe[title*="peta_nasional"]'
# geo/manifest.json of the three-province store: Lampung, Jawa Tengah, Jawa Timur.
STORE_DESA = 19_697


def _open(page, url):
    """App root first: a fresh server routes a page through app.py only once app.py has run."""
    page.goto(url + "/")
    page.get_by_text("Peta Nasional").first.wait_for(timeout=60_000)
    page.goto(url + "/peta_nasional")


def _map(page, restyles: int = 1):
    page.locator(FRAME).first.wait_for(timeout=120_000)
    frame = page.locator(FRAME).first.element_handle().content_frame()
    frame.wait_for_function(
        f"window.PETAKESOS_NATIONAL && window.PETAKESOS_NATIONAL.restyles >= {restyles}", timeout=120_000
    )
    return frame


def _state(frame) -> dict:
    return frame.evaluate("""() => { const S = window.PETAKESOS_NATIONAL, a = S.args;
        const shown = S.map.queryRenderedFeatures({ layers: ['desa'] });
        const coloured = shown.filter(f => f.state && f.state.c >= 0);
        const tileRequests = performance.getEntriesByType('resource').filter(e => e.name.includes('desa.pmtiles'));
        return { n: S.ids.length, classes: a.classes, values: a.values,
                 legend: Array.from(document.querySelectorAll('.pkv-row')).map(e => e.innerText),
                 shown: shown.length, coloured: coloured.length,
                 provinces: Array.from(new Set(coloured.map(f => f.properties.kode.slice(0, 2)))).sort(),
                 tileRequests: tileRequests.length, map: S.map === window.__mark }; }""")


def _legend_total(rows: list[str]) -> int:
    return sum(int(row.rsplit("(", 1)[1].rstrip(")").replace(".", "")) for row in rows)


def _pick_category(page, name: str) -> None:
    page.locator('[data-testid="stMultiSelect"]').first.click()
    page.keyboard.type(name)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def test_national_map_draws_offline_restyles_and_opens_the_desa_panel(app_url, page):
    require(tiles.tiles_dir(settings().static_dir) / tiles.TILES_FILE, "Ubin peta nasional")
    manifest = json.loads((REPO_ROOT / "geo" / "manifest.json").read_text())
    if manifest["counts"]["desa"] != STORE_DESA:
        pytest.skip("this test's figures are for the three-province store")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_viewport_size({"width": 1366, "height": 900})
    _open(page, app_url)
    frame = _map(page)
    frame.wait_for_function("window.PETAKESOS_NATIONAL.map.loaded()", timeout=60_000)
    frame.evaluate("() => { window.__mark = window.PETAKESOS_NATIONAL.map; }")
    before = _state(frame)

    # Every desa of the store is in the tiles' index, one class character and one value token each.
    assert before["n"] == STORE_DESA
    assert len(before["classes"]) == STORE_DESA and len(before["values"].split(",")) == STORE_DESA
    # Five classes and the desa without a colour; their counts add up to every desa of the store.
    assert len(before["legend"]) == 6 and before["legend"][-1].startswith("Tidak ada data / <5 kasus")
    assert _legend_total(before["legend"]) == STORE_DESA
    # What is painted: desa of all three provinces, coloured by their class.
    assert before["provinces"] == ["18", "33", "35"]
    assert before["coloured"] > 1000

    # A masked desa (1–4 cases) carries neither its rate nor its count to the browser.
    tokens = before["values"].split(",")
    masked = [i for i, c in enumerate(before["classes"]) if c == "m"]
    assert masked and all(tokens[i] == "m" for i in masked)

    # A category change: new classes by feature state, on the same map, and no tile fetched again.
    _pick_category(page, "Fakir Miskin")
    frame = _map(page, restyles=2)
    after = _state(frame)
    assert after["map"] is True
    assert after["tileRequests"] == before["tileRequests"]
    assert after["classes"] != before["classes"]
    assert _legend_total(after["legend"]) == STORE_DESA

    # Hover then click a coloured desa in the middle of the view: tooltip, then the panel with its name.
    point = frame.evaluate("""() => { const m = window.PETAKESOS_NATIONAL.map, c = m.getCanvas();
        for (let r = 0; r < 40; r++) for (let k = 0; k < 40; k++) {
          const x = c.clientWidth * (0.3 + 0.4 * k / 40), y = c.clientHeight * (0.3 + 0.4 * r / 40);
          const f = m.queryRenderedFeatures([x, y], { layers: ['desa'] })[0];
          if (f && f.state && f.state.c >= 0) return { x, y, kode: f.properties.kode, nama: f.properties.nama };
        } return null; }""")
    assert point is not None
    box = page.locator(FRAME).first.bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(300)
    tip = frame.evaluate("document.getElementById('tip').innerText")
    assert point["nama"] in tip and "Kasus per 1.000 penduduk" in tip
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    heading = page.locator('[data-testid="stHeading"]', has_text=point["nama"])
    heading.first.wait_for(timeout=60_000)
    page.get_by_text("Kasus per kategori").first.wait_for(timeout=60_000)  # drawn after the heading
    assert frame.evaluate("window.PETAKESOS_NATIONAL.map === window.__mark")  # the click did not reload it

    # The screenshot for docs/: map and panel in view, the tooltip of the desa under the pointer.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator(FRAME).first.evaluate("e => e.scrollIntoView({ block: 'end' })")
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    box = page.locator(FRAME).first.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=5)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "peta_nasional.png"))
    assert page.blocked_requests == []
    assert errors == []
