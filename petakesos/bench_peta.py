"""Benchmark the Peta PMKS page end to end for all of Jawa Timur: bytes sent, draw and switch times.

Starts the app on the demo database, opens /peta?wilayah=35 in headless Chromium with the network cut
off, and measures (1) the map data in the page (payload of the Leaflet map), (2) time from navigation
to polygons painted (cold, then cached), (3) time from changing the category to the map redrawn.
Run: ``.venv/bin/python -m petakesos.bench_peta``. Targets: < 2 MB, < 2 s cached, < 1 s switch.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import time
import urllib.request

from petakesos.config import REPO_ROOT

PAYLOAD_TARGET, DRAW_TARGET_S, SWITCH_TARGET_S = 2_000_000, 2.0, 1.0
CHROMIUM = "/usr/bin/chromium"
URL_PATH = "/peta?wilayah=35&tahun=2025"


def _server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PETAKESOS_")}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("Streamlit tidak mau mulai")


def _drawn_frame(page, before: float | None = None, timeout_s: float = 120):
    """The map iframe once painted; with `before`, only once painted again (a newer __pkDrawn, same
    document, or a new document)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        for f in page.frames:
            try:
                if f.evaluate("(b) => window.__pkDrawn !== undefined && !!window.PETAKESOS && "
                              "(b === null || window.__pkBefore === undefined || window.__pkDrawn !== b)",
                              before):
                    return f
            except Exception:
                pass
        time.sleep(0.02)
    raise SystemExit("peta tidak tergambar")


def payload_mb() -> float:
    """Map data of the Jawa Timur page (same layer and values as the page builds), in MB."""
    import duckdb

    from petakesos import geo, maps, peta, sql
    from petakesos.config import settings

    cfg = settings()
    con = duckdb.connect(str(cfg.db_path), read_only=True)
    run = functools.partial(sql.run, con)
    values = peta.values_frame(peta.fetch_rows(run, "35", peta.Periode(2025, 2025)), "rate")
    con.close()
    layer = peta.as_multipolygons(geo.load_level(cfg.geo_dir, "desa", "prov", "35"))
    outline = peta.as_multipolygons(geo.load_level(cfg.geo_dir, "kab", "prov", "35"))
    spec = peta.map_spec(ukuran="rate", kategori_text="Semua", wilayah_nama="Jawa Timur",
                         periode=peta.Periode(2025, 2025), scheme="quantile", k=5, palette="YlOrRd")
    return maps.payload_bytes(maps.choropleth(layer, values, spec, outline_layer=outline)) / 1e6


def main() -> None:
    from playwright.sync_api import sync_playwright

    mb = payload_mb()
    print(f"map data sent to the browser: {mb:.2f} MB ({mb * 1e6 / PAYLOAD_TARGET:.0%} of 2 MB)")
    proc, url = _server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            blocked: list[str] = []

            def offline(route):
                if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
                    return route.continue_()
                blocked.append(route.request.url)
                return route.abort()

            page.route("**/*", offline)
            page.goto(url + "/")  # let app.py register the pages first
            page.get_by_text("Peta PMKS").first.wait_for(timeout=60_000)
            times = []
            for label in ("cold (first query, geometry encode)", "cached"):
                t0 = time.perf_counter()
                page.goto(url + URL_PATH)
                frame = _drawn_frame(page)
                times.append(time.perf_counter() - t0)
                print(f"navigation -> {frame.evaluate('Object.values(window.PETAKESOS)[0].group.getLayers().length')}"
                      f" polygons painted, {label}: {times[-1]:.2f} s ({times[-1] / DRAW_TARGET_S:.0%} of 2 s)")
            for i, category in enumerate(("24 Fakir Miskin", "09 Penyandang Disabilitas")):
                before = frame.evaluate("window.__pkBefore = window.__pkDrawn")
                page.locator('[data-testid="stMultiSelect"]').first.click()
                page.keyboard.type(category.split(" ", 1)[1])
                page.wait_for_timeout(300)
                t0 = time.perf_counter()
                page.keyboard.press("Enter")
                frame = _drawn_frame(page, before=before)
                dt = time.perf_counter() - t0
                page.keyboard.press("Escape")
                print(f"category -> + {category}: map redrawn in {dt:.2f} s ({dt / SWITCH_TARGET_S:.0%} of 1 s)")
            print(f"requests leaving localhost: {len(blocked)}")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
