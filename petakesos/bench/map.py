"""Benchmark the desa choropleth: payload size, Python build time, browser draw and restyle time.

Builds the map of all Jawa Timur desa (prov zoom) and of Kabupaten Tuban (kab zoom) with random
values, opens each exported HTML in headless Chromium with the network blocked, and screenshots it.
Run: ``.venv/bin/python -m petakesos.bench.map``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from petakesos import geo, maps
from petakesos.bench.server import CHROMIUM, CHROMIUM_ARGS
from petakesos.config import settings
from petakesos.maps.render import restyle_payload

PAYLOAD_TARGET = 2_000_000
DRAW_TARGET_S = 2.0
RESTYLE_TARGET_S = 1.0
_FALLBACK = {"prov": (0.003, 4), "kab": (0.0004, 5)}  # geobuild's tolerance/decimals per zoom


def _fallback_layer(level: str, zoom: str, scope: str) -> gpd.GeoDataFrame:
    """Contract-shaped layer from shared/geo when the store is not built yet (desa/kec/kab only)."""
    src = gpd.read_parquet(settings().shared_geo_dir / "desa_35_jawa_timur.parquet")
    src = src.rename(columns={"kode_desa": "kode", "nama_desa": "nama"})
    if scope:
        src = src[(src["kode"] == scope) | src["kode"].str.startswith(scope + ".")]
    if level != "desa":
        key = {"kec": "kode_kec", "kab": "kode_kab"}[level]
        src = src.dissolve(key, as_index=False, aggfunc="first")
        src["kode"] = src[key]
        src["nama"] = src["nama_kec"] if level == "kec" else src["nama_kab"]
    tol, dec = _FALLBACK[zoom]
    geoms = shapely.coverage_simplify(src.geometry.values, tol)
    src = src.set_geometry(shapely.make_valid(shapely.set_precision(geoms, 10.0**-dec)))
    return src.sort_values("kode", ignore_index=True)


def load(level: str, zoom: str, scope: str) -> gpd.GeoDataFrame:
    """The store's layer when built (geo.load_level), else a fallback with the same columns."""
    geo_dir = settings().geo_dir
    if geo.store_ready(geo_dir):
        return geo.load_level(geo_dir, level, zoom, scope)
    print(f"  (store {geo_dir} belum dibangun: memakai penyederhanaan sendiri dari shared/geo)")
    return _fallback_layer(level, zoom, scope)


def random_values(layer: gpd.GeoDataFrame, seed: int, missing: float = 0.04) -> pd.DataFrame:
    """Poisson counts per kode with a few desa left out (no data) and some zeros."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(2.0, 4.0, len(layer))
    vals = pd.DataFrame({"kode": layer["kode"].to_numpy(), "nilai": rng.poisson(lam).astype(float)})
    return vals[rng.random(len(vals)) > missing].reset_index(drop=True)


def _browser_run(html_path: Path, values2: str | None, screenshot: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        blocked: list[str] = []

        def guard(route):
            url = route.request.url
            if url.startswith(("file:", "data:", "blob:", "http://127.0.0.1", "http://localhost")):
                route.continue_()
            else:
                blocked.append(url)
                route.abort()

        page.route("**/*", guard)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html_path.as_uri(), wait_until="load")
        page.wait_for_function("window.__pkDrawn !== undefined", timeout=60_000)
        out["draw_s"] = page.evaluate("window.__pkDrawn") / 1000
        out["features"] = page.evaluate("Object.values(window.PETAKESOS)[0].group.getLayers().length")
        if values2 is not None:
            out["restyle_s"] = page.evaluate(
                """async (v) => {
                  const P = Object.values(window.PETAKESOS)[0];
                  const t0 = performance.now();
                  P.restyle(JSON.parse(v));
                  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                  return (performance.now() - t0) / 1000;
                }""",
                values2,
            )
            # Back to the first values so the screenshot shows the map as built.
            page.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0];
                                     P.restyle(P.first || P.values); }""")
        # A click on a canvas polygon must still reach the map (st_folium's last_clicked).
        page.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0];
            P.map.on('click', e => { window.__pkClick = [e.latlng.lat, e.latlng.lng]; }); }""")
        box = page.evaluate("""() => { const P = Object.values(window.PETAKESOS)[0];
            const l = P.group.getLayers()[Math.floor(P.group.getLayers().length / 2)];
            const pt = P.map.latLngToContainerPoint(l.getCenter()); return [pt.x, pt.y]; }""")
        page.mouse.move(box[0], box[1])
        page.mouse.click(box[0], box[1])
        page.wait_for_timeout(300)
        out["click_latlng"] = page.evaluate("window.__pkClick || null")
        out["tooltip"] = page.evaluate("(document.querySelector('.pk-tip') || {}).innerText || null")
        page.mouse.move(5, 450)
        page.wait_for_timeout(200)
        page.screenshot(path=str(screenshot))
        out["errors"], out["blocked"] = errors, blocked
        browser.close()
    return out


def bench(
    name: str,
    level_zoom_scope: tuple[str, str, str],
    outline_level: str,
    spec: maps.MapSpec,
    screenshot: Path,
    workdir: Path,
) -> None:
    level, zoom, scope = level_zoom_scope
    print(f"\n== {name}: {level} @ zoom {zoom}, scope {scope or 'semua'} ==")
    t = time.perf_counter()
    layer = load(level, zoom, scope)
    outline = load(outline_level, zoom, scope)
    print(f"  layer {len(layer)} fitur, garis konteks {len(outline)} ({time.perf_counter() - t:.1f} s muat)")
    values = random_values(layer, seed=1)
    t = time.perf_counter()
    m = maps.choropleth(layer, values, spec, outline_layer=outline)
    build_cold = time.perf_counter() - t
    t = time.perf_counter()
    m = maps.choropleth(layer, random_values(layer, seed=2), spec, outline_layer=outline)
    build_warm = time.perf_counter() - t
    nbytes = maps.payload_bytes(m)
    print(f"  payload: {nbytes / 1e6:.2f} MB ({nbytes / PAYLOAD_TARGET:.0%} of the 2 MB target)")
    print(f"  build (Python): {build_cold:.2f} s cold (encode geometry), {build_warm:.2f} s warm (values only)")
    m = maps.choropleth(layer, values, spec, outline_layer=outline)
    html = maps.export_html(m, workdir / f"{name}.html")
    print(f"  exported HTML (self-contained): {html.stat().st_size / 1e6:.2f} MB")
    values2 = restyle_payload(layer, random_values(layer, seed=3), spec)
    print(f"  restyle payload (values only): {len(values2.encode()) / 1e3:.0f} kB")
    res = _browser_run(html, values2, screenshot)
    print(
        f"  browser draw: {res['draw_s']:.2f} s ({res['draw_s'] / DRAW_TARGET_S:.0%} of the 2 s target), "
        f"{res['features']} polygons"
    )
    if "restyle_s" in res:
        print(
            f"  browser restyle: {res['restyle_s']:.3f} s ({res['restyle_s'] / RESTYLE_TARGET_S:.0%} of the 1 s target)"
        )
    print(f"  click on a polygon -> map click at {res['click_latlng']}; tooltip: {res['tooltip']!r}")
    print(f"  page errors: {res['errors'] or 'none'}; blocked requests: {res['blocked'] or 'none'}")
    print(f"  screenshot: {screenshot}")


def main(argv: list[str] | None = None) -> None:
    """Run both benchmarks and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("/tmp"))
    args = ap.parse_args(argv)
    source = "Data contoh acak (bukan data nyata)"
    with tempfile.TemporaryDirectory(prefix="petakesos-bench-") as tmp:
        bench(
            "jatim",
            ("desa", "prov", "35"),
            "kab",
            maps.MapSpec(
                title="Jumlah PMKS per desa (acak)",
                subtitle="Provinsi Jawa Timur · 2025",
                value_label="Jumlah kasus",
                source_note=source,
                asof="30-06-2025",
                presentation=True,
            ),
            args.out / "bench_jatim.png",
            Path(tmp),
        )
        bench(
            "tuban",
            ("desa", "kab", "35.23"),
            "kec",
            maps.MapSpec(
                title="Jumlah PMKS per desa (acak)",
                subtitle="Kabupaten Tuban · 2025",
                value_label="Jumlah kasus",
                source_note=source,
                asof="30-06-2025",
                palette="Blues",
                scheme="fisher_jenks",
            ),
            args.out / "bench_tuban.png",
            Path(tmp),
        )


if __name__ == "__main__":
    main()
