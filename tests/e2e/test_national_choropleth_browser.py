"""Bandingkan at "Semua provinsi" in headless Chromium: the national choropleth draws all 514 kabupaten/kota
of Indonesia from the boundary store, those without data grey as "Belum ada data" (here: demo data for
Lampung only, built into a temporary store, so 15 kabupaten/kota have data)."""

from __future__ import annotations

import shutil

import pytest
from needs import SHARED_GEO, require, subset_shared

from e2e.conftest import MAP_IFRAME
from petakesos.bench import server
from petakesos.config import REPO_ROOT

pytestmark = pytest.mark.e2e
DOCS = REPO_ROOT / "docs"
# Counted by hand in wilayah_kemendagri_2025.csv: 416 kabupaten + 98 kota; Lampung: 13 kabupaten + 2 kota.
N_KAB, N_WITH_DATA = 514, 15
# Per map iframe: its name, the number of polygons drawn and the legend's "no data" row.
_STATE = """() => {
  const E = Object.values(window.PETAKESOS || {})[0];
  if (!E) return null;
  const legend = E.legend.getContainer().innerText;
  return {name: E.opt.name, n: E.feats.length, legend: legend};
}"""


@pytest.fixture(scope="module")
def national_url(tmp_path_factory):
    """The app on Lampung's demo data with a boundary store holding every kabupaten/kota of Indonesia."""
    require(SHARED_GEO / "upstream" / "wilayah_boundaries" / "db" / "kab", "Batas kabupaten (shared/geo/upstream)")
    from petakesos.cli import main
    from petakesos.geo.build import build_store

    root = tmp_path_factory.mktemp("nasional")
    mp = pytest.MonkeyPatch()
    mp.setenv("PETAKESOS_DEMO_DIR", str(root / "demo"))
    mp.setenv("PETAKESOS_SHARED_GEO", str(SHARED_GEO))  # the real one, whatever an earlier fixture set
    mp.setenv("PETAKESOS_NIK_KEY", "kunci-uji-bukan-rahasia")
    assert main(["demo", "--provinsi", "18", "--db", str(root / "store")]) == 0
    mp.undo()
    shared = subset_shared(root / "shared_geo")
    db = shared / "upstream" / "wilayah_boundaries" / "db"
    db.mkdir(parents=True)
    for level in ("prov", "kab", "kec"):
        (db / level).symlink_to(SHARED_GEO / "upstream" / "wilayah_boundaries" / "db" / level)
    build_store(shared, root / "geo")
    env = {**server.default_env(), "PETAKESOS_GEO_DIR": str(root / "geo"), "PETAKESOS_STORE": str(root / "store")}
    env["PETAKESOS_USERS"] = str(root / "users.json")  # no accounts: the demo opens without a login
    try:
        with server.serve(env=env) as url:
            yield url
    except server.ServerDidNotStart as failed:
        pytest.fail(str(failed))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _maps(page) -> dict[str, dict]:
    states = [f.evaluate(_STATE) for f in page.frames if f != page.main_frame]
    return {s["name"]: s for s in states if s}


def test_national_map_draws_every_kabupaten(national_url, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(national_url + "/")
    page.get_by_text("PSM aktif").first.wait_for(timeout=90_000)
    page.goto(f"{national_url}/bandingkan?tahun=2025")
    page.get_by_text("Peta nasional kabupaten/kota").first.wait_for(timeout=90_000)
    for _ in range(180):  # a busy machine takes a while to draw 514 polygons
        if "bk_peta_nasional" in _maps(page):
            break
        page.wait_for_timeout(500)
    state = _maps(page)["bk_peta_nasional"]
    assert state["n"] == N_KAB
    assert "Belum ada data" in state["legend"]
    assert f"{N_KAB - N_WITH_DATA}" in state["legend"]  # the grey row counts the kabupaten without data
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert f"Semua {N_KAB} kabupaten/kota Indonesia; {N_WITH_DATA} dengan data." in main
    assert not page.blocked_requests

    page.get_by_text("Peta nasional kabupaten/kota").first.scroll_into_view_if_needed()
    page.locator(MAP_IFRAME).first.scroll_into_view_if_needed()
    page.wait_for_timeout(1_500)
    page.screenshot(path=str(DOCS / "bandingkan_nasional.png"))
