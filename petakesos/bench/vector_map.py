"""Benchmark the national desa map (PMTiles + MapLibre GL): tile build, first draw, restyle, bytes, click.

For the app's boundary store (three provinces) and, when present, the national store (`--geo DIR`, or
/work/geo_all when it has a manifest): builds the tiles (or reuses static/tiles when current), serves the
component's own frontend with the tiles and the static assets from a loopback server that answers range
requests (as Streamlit's static serving does), feeds it the arguments the page would send (random values),
and measures in headless Chromium with every other request blocked. Prints figures and ratios to targets.
Run: ``.venv/bin/python -m petakesos.bench.vector_map [--geo DIR]`` or ``python -m petakesos bench nationalmap``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import re
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from petakesos import maps
from petakesos.bench.server import CHROMIUM, CHROMIUM_ARGS
from petakesos.config import settings
from petakesos.geo import store_ready, tiles
from petakesos.maps import vector
from petakesos.maps.breaks import NO_DATA_COLOR

FIRST_DRAW_TARGET_S, RESTYLE_TARGET_S, BYTES_TARGET = 3.0, 0.5, 5_000_000
NATIONAL = Path("/work/geo_all")
CACHE = Path(tempfile.gettempdir()) / "petakesos-nationalmap"
# The Leaflet canvas component on Jawa Timur's 8,494 desa (petakesos.bench.map, README "Speed").
LEAFLET = "Leaflet canvas, Jawa Timur 8.494 desa: 0,86 MB, gambar 0,74 s, ganti warna 0,06 s (bench map)"
# Record what the component sends back (in the bench its parent window is itself).
SENT = """() => { window.__sent = []; window.addEventListener('message', e => {
    if (e.data && e.data.type === 'streamlit:setComponentValue') window.__sent.push(e.data.value); }); }"""
TEXTS = {
    "value_label": "Jumlah kasus",
    "masked": "<5 kasus",
    "no_data": "Tidak ada data",
    "legend_title": "Jumlah kasus (acak)",
    "legend_no_data": "Tidak ada data / <5 kasus",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with single-range requests (PMTiles reads the archive by byte ranges); counts bytes."""

    sent = 0

    def log_message(self, *args) -> None:  # quiet
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start, end = int(match.group(1)), int(match.group(2) or size - 1)
        end = min(end, size - 1)
        f = path.open("rb")
        f.seek(start)
        self._remaining = end - start + 1
        self.send_response(206)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(self._remaining))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return f

    def copyfile(self, source, outputfile) -> None:
        data = source.read(getattr(self, "_remaining", None) or -1)
        type(self).sent += len(data)
        outputfile.write(data)


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process's live descendants (the browser): on a machine shared
    with other work, wall time says little; CPU time says what the draw costs."""
    import os

    children: dict[int, list[int]] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        ticks[pid] = int(fields[11]) + int(fields[12])
    total, todo = 0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        total += ticks.get(pid, 0)
        todo += children.get(pid, [])
    return total / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def _serve(root: Path):
    handler = type("H", (_Handler,), {"sent": 0})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def _site(root: Path, tiles_dir: Path) -> None:
    """The URL layout the component expects: /component/<name>/ beside /app/static/{maplibre,pmtiles,tiles}."""
    static = root / "app" / "static"
    static.mkdir(parents=True)
    for name in ("maplibre", "pmtiles"):
        (static / name).symlink_to(settings().static_dir / name)
    (static / "tiles").symlink_to(tiles_dir)
    (root / "component").mkdir()
    (root / "component" / "x").symlink_to(vector.FRONTEND)


def _args(index: dict, seed: int) -> str:
    rng = np.random.default_rng(seed)
    codes = [f"{i // 10**8:02d}.{i // 10**6 % 100:02d}.{i // 10**4 % 100:02d}.{i % 10**4:04d}" for i in index["ids"]]
    values = pd.DataFrame({"kode": codes, "nilai": rng.poisson(rng.gamma(2.0, 4.0, len(codes))).astype(float)})
    small = values["nilai"].between(1, 4)
    values["teks"] = pd.Series("<5 kasus", index=values.index).where(small, None)
    values["nilai"] = values["nilai"].where(~small)
    classes = maps.classify(values["nilai"], "quantile", 5)
    colors = maps.palette_colors("YlOrRd", classes.k)
    args = vector.component_args(
        index, values, classes, colors, texts=TEXTS, decimals=0, no_data_color=NO_DATA_COLOR, height=620
    )
    return json.dumps(args)


def _browser(url: str, args1: str, args2: str, counter, shot: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        blocked: list[str] = []

        def guard(route) -> None:
            if route.request.url.startswith(url):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        post = "a => window.postMessage({ type: 'streamlit:render', args: JSON.parse(a) }, '*')"
        t0, cpu0 = time.perf_counter(), _cpu_seconds()
        page.goto(f"{url}/component/x/index.html")
        page.evaluate(SENT)
        page.evaluate(post, args1)
        page.wait_for_function("window.PETAKESOS_NATIONAL.restyles >= 1", timeout=120_000)
        out["first_s"], out["first_cpu_s"] = time.perf_counter() - t0, _cpu_seconds() - cpu0
        out["first_in_page_s"] = page.evaluate("window.PETAKESOS_NATIONAL.firstMs") / 1000
        # Where the first draw's time goes, in ms since the frame's navigation started.
        out["split"] = page.evaluate("""() => { const S = window.PETAKESOS_NATIONAL;
            return { maplibre_loaded: Math.round(S.t_script || 0), style_loaded: Math.round(S.loadAt),
                     classes_set: Math.round(S.t_applied || 0), idle: Math.round(S.drawnAt) }; }""")
        out["bytes"] = counter.sent + len(args1.encode())
        times = []
        cpu0 = _cpu_seconds()
        for i, a in enumerate([args2, args1, args2]):
            page.evaluate(post, a)
            page.wait_for_function(f"window.PETAKESOS_NATIONAL.restyles >= {i + 2}", timeout=60_000)
            times.append(page.evaluate("window.PETAKESOS_NATIONAL.last.ms") / 1000)
        out["restyle_s"], out["restyle_cpu_s"] = sorted(times)[1], (_cpu_seconds() - cpu0) / 3
        out["restyle_bytes"] = len(args2.encode())
        out["bytes_after_restyle"] = counter.sent + len(args1.encode())
        point = page.evaluate("""() => { const m = window.PETAKESOS_NATIONAL.map, c = m.getCanvas();
            for (let r = 0; r < 30; r++) for (let k = 0; k < 30; k++) {
              const x = c.clientWidth * (0.35 + 0.3 * k / 30), y = c.clientHeight * (0.35 + 0.3 * r / 30);
              const f = m.queryRenderedFeatures([x, y], { layers: ['desa'] })[0];
              if (f) return { x, y, kode: f.properties.kode }; } return null; }""")
        if point:
            page.mouse.click(point["x"], point["y"])
            page.wait_for_timeout(300)
            out["click"] = (point["kode"], page.evaluate("window.__sent.slice(-1)[0] || null"))
        page.screenshot(path=str(shot))
        before = counter.sent
        t = time.perf_counter()
        page.evaluate(
            "() => { const m = window.PETAKESOS_NATIONAL.map; m.jumpTo({ center: m.getCenter(), zoom: 11 }); }"
        )
        page.wait_for_function("(m => m.loaded() && m.areTilesLoaded())(window.PETAKESOS_NATIONAL.map)")
        out["zoom11_s"], out["zoom11_bytes"] = time.perf_counter() - t, counter.sent - before
        out["errors"], out["blocked"] = errors, blocked
        browser.close()
    return out


def bench(name: str, geo_dir: Path, out: Path) -> None:
    print(f"\n== {name}: {geo_dir} ==")
    cfg = settings()
    app_tiles = tiles.tiles_dir(cfg.static_dir)
    tiles_dir = app_tiles if geo_dir.resolve() == cfg.geo_dir.resolve() else CACHE / name
    summary = tiles.build_tiles(geo_dir, tiles_dir)
    how = "sudah mutakhir" if summary["skipped"] else f"dibangun dalam {summary['seconds']} s"
    print(f"  ubin: {tiles_dir / tiles.TILES_FILE}, {summary['bytes'] / 1e6:.1f} MB, {how}")
    index = tiles.read_index(tiles_dir)
    args1, args2 = _args(index, 1), _args(index, 2)
    print(f"  {index['count']} desa; argumen komponen {len(args1.encode()) / 1e6:.2f} MB (kelas + nilai + legenda)")
    with tempfile.TemporaryDirectory(prefix="petakesos-vector-") as tmp:
        _site(Path(tmp), tiles_dir)
        with _serve(Path(tmp)) as (url, counter):
            r = _browser(url, args1, args2, counter, out / f"bench_nationalmap_{name}.png")
    print(
        f"  gambar pertama: {r['first_s']:.2f} s dari buka halaman ({r['first_s'] / FIRST_DRAW_TARGET_S:.0%} dari"
        f" target 3 s); {r['first_in_page_s']:.2f} s dari argumen sampai peta diam; CPU peramban "
        f"{r['first_cpu_s']:.2f} s"
    )
    print(f"  rincian gambar pertama (ms sejak navigasi): {r['split']}")
    print(f"  data tampilan pertama: {r['bytes'] / 1e6:.2f} MB ({r['bytes'] / BYTES_TARGET:.0%} dari target 5 MB)")
    print(
        f"  ganti warna: {r['restyle_s']:.3f} s median dari 3 ({r['restyle_s'] / RESTYLE_TARGET_S:.0%} dari target"
        f" 0,5 s), CPU peramban {r['restyle_cpu_s']:.2f} s; {r['restyle_bytes'] / 1e3:.0f} kB argumen;"
        " ubin diambil lagi: "
        f"{(r['bytes_after_restyle'] - r['bytes']) / 1e3:.0f} kB"
    )
    print(f"  perbesar ke zoom 11: {r['zoom11_s']:.2f} s, {r['zoom11_bytes'] / 1e3:.0f} kB ubin")
    print(f"  klik desa {r.get('click')} (kode di bawah kursor, kode yang dikirim)")
    print(f"  galat: {r['errors'] or 'tidak ada'}; permintaan diblokir: {r['blocked'] or 'tidak ada'}")
    print(f"  pembanding: {LEAFLET}")


def main(argv: list[str] | None = None) -> None:
    """Benchmark the app's store and, when there is one, the national store."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--geo", type=Path, default=None, help="penyimpanan batas nasional (bawaan: /work/geo_all)")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    args = ap.parse_args(argv or [])
    bench("toko", settings().geo_dir, args.out)
    national = args.geo or NATIONAL
    if store_ready(national):
        bench("nasional", national, args.out)
    else:
        print(f"\n(penyimpanan nasional {national} belum ada: lewati)")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
