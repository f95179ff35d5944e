"""The national benchmark's browser-side figures: the bytes and build time of the desa map the Peta page
sends for a province, and the app's memory after every page was opened once for that province (a real
`streamlit run app.py` on the bench store, driven by headless Chromium; RSS read from /proc)."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from petakesos import db, geo, sql
from petakesos.bench.server import CHROMIUM, CHROMIUM_ARGS, default_env, free_port
from petakesos.config import REPO_ROOT, settings

# Every page of app.py, by its URL path ('' = Beranda).
PAGES = ("", "peta", "peta_nasional", "cakupan", "kuota", "pelatihan", "bandingkan", "impor")


def map_payload(store: Path, province: str, year: int, runs: int) -> tuple[int, float, float]:
    """(bytes of the map component's arguments, first build s, median build s of the next runs) of the
    Peta page's desa map of `province`: the same query, layer and payload the page builds."""
    from petakesos.features import peta
    from petakesos.maps import render

    cfg = settings()
    con = db.open_store(cfg, store=store)
    try:
        rows = peta.fetch_rows(functools.partial(sql.run, con), province, peta.Periode(year, year))
    finally:
        con.close()
    layer = geo.load_level(cfg.geo_dir, "desa", "prov", province)
    outline = geo.load_level(cfg.geo_dir, "kab", "prov", province)
    spec = peta.map_spec(
        ukuran="rate",
        kategori_text="Semua",
        wilayah_nama=province,
        periode=peta.Periode(year, year),
        scheme="quantile",
        k=5,
        palette="YlOrRd",
    )
    times, size = [], 0
    for _ in range(1 + runs):
        start = time.perf_counter()
        values = peta.values_frame(rows, "rate")
        parts = render.map_parts(layer, values, spec, outline_layer=outline)
        size = len(json.dumps(render.component_args(parts, name=f"peta_{province}", height=620)).encode())
        times.append(time.perf_counter() - start)
    warm = sorted(times[1:])
    return size, times[0], warm[len(warm) // 2]


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _wait_rerun(page, timeout_s: float = 180) -> None:
    """Until the script run the navigation started has finished (Streamlit's status widget gone for a while)."""
    page.locator('[data-testid="stMain"]').first.wait_for(timeout=timeout_s * 1000)
    deadline, quiet = time.time() + timeout_s, 0
    while time.time() < deadline and quiet < 4:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        quiet = 0 if running else quiet + 1
        time.sleep(0.25)


def app_memory(store: Path, province: str, year: int) -> tuple[float, float, float]:
    """(RSS after start, RSS after every page, peak RSS) in MB of `streamlit run app.py` on `store`, every
    page opened once for `province` and `year` in one browser session."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**default_env(), "PETAKESOS_STORE": str(store)}
    args = ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise SystemExit("Streamlit tidak mau mulai untuk pengukuran memori") from None
                time.sleep(0.5)
        started = _status_kb(proc.pid, "VmRSS") / 1024
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            for path in PAGES:
                page.goto(f"{url}/{path}?wilayah={province}&tahun={year}")
                _wait_rerun(page)
            browser.close()
        return started, _status_kb(proc.pid, "VmRSS") / 1024, _status_kb(proc.pid, "VmHWM") / 1024
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
