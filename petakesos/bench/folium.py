"""Benchmark streamlit-folium against the project's map component on the same Jawa Timur desa map.

Serves the two small Streamlit scripts of ``bench_folium_app`` (all 8,494 desa, the same values and
classes) and drives each in headless Chromium with every non-localhost request aborted. Measured, each
as a median of 3: bytes sent to the browser for the map (websocket frames + HTTP responses of the map's
iframe: component files and Leaflet), time from navigation to polygons painted, time from a category
change to the map painted again, and the script reruns caused by opening the page and by 5 pan/zoom
actions (st_folium with its default ``returned_objects`` and narrowed to a click).
Run: ``.venv/bin/python -m petakesos.bench.folium [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from petakesos.bench import folium_app as apps
from petakesos.bench import server
from petakesos.bench.peta import _drawn_frame
from petakesos.bench.server import CHROMIUM, CHROMIUM_ARGS
from petakesos.config import REPO_ROOT

RUNS = 3
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
# What the map's iframe loads over HTTP, and Streamlit's cached messages (fetched by hash) if any.
MAP_FILES = ("/component/", "/app/static/", "/_stcore/message")
CHANGES = ("Kategori B", "Kategori C", "Kategori D")
POLYGONS = "() => Object.values(window.PETAKESOS)[0].group.getLayers().length"
VIEW = (
    "() => { const m = Object.values(window.PETAKESOS)[0].map;"
    " return [m.getCenter().lat, m.getCenter().lng, m.getZoom()]; }"
)
QUIET_S = 6.0  # no new script run for this long: the app is idle


def _serve(script: Path, runs: Path):
    """Streamlit serving `script` (static/ beside it links to the project's), counting its runs in `runs`."""
    env = server.default_env() | {"PK_BENCH_RUNS": str(runs), "PYTHONPATH": str(REPO_ROOT)}
    return server.serve(script, env, ("--server.enableStaticServing", "true"), timeout_s=240)


class Meter:
    """Bytes received by one page (Chrome DevTools protocol): websocket payloads and the map's HTTP files."""

    def __init__(self, page) -> None:
        self.ws = self.http = 0
        self._urls: dict[str, str] = {}
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.responseReceived", lambda e: self._urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.send("Network.enable")
        self._cdp = cdp

    def _finished(self, e: dict) -> None:
        if any(p in self._urls.get(e["requestId"], "") for p in MAP_FILES):
            self.http += int(e["encodedDataLength"])

    def _frame(self, e: dict) -> None:
        data = e["response"]["payloadData"]
        # Binary frames (Streamlit's protobuf messages) arrive base64-encoded.
        self.ws += len(data) * 3 // 4 - data.count("=", -2) if e["response"]["opcode"] == 2 else len(data.encode())

    def take(self) -> int:
        """Bytes since the last take."""
        self._cdp.send("Runtime.evaluate", {"expression": "0"})  # let pending events arrive first
        total, self.ws, self.http = self.ws + self.http, 0, 0
        return total


def _count(runs: Path) -> int:
    return len(runs.read_text(encoding="utf-8").splitlines()) if runs.exists() else 0


def _idle(runs: Path, limit_s: float = 180) -> int:
    """Wait until no script run has started for QUIET_S seconds; the number of runs so far."""
    n, since, deadline = _count(runs), time.time(), time.time() + limit_s
    while time.time() < deadline and time.time() - since < QUIET_S:
        time.sleep(0.25)
        if _count(runs) != n:
            n, since = _count(runs), time.time()
    return n


def _open(context, url: str) -> tuple:
    page = context.new_page()
    meter = Meter(page)
    t0 = time.perf_counter()
    page.goto(url)
    frame = _drawn_frame(page, timeout_s=240)
    return page, meter, frame, time.perf_counter() - t0


def _restyle(page, meter: Meter, frame, label: str) -> tuple:
    before = frame.evaluate("window.__pkBefore = window.__pkDrawn")
    meter.take()
    t0 = time.perf_counter()
    page.get_by_text(label, exact=True).click()
    frame = _drawn_frame(page, before=before, timeout_s=240)
    return frame, time.perf_counter() - t0, meter.take()


def _pan_zoom(page) -> None:
    """Five pan/zoom gestures in the middle of the map, 1.5 s apart."""
    box = page.locator("iframe").last.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for gesture in ("pan", "zoom_in", "pan", "zoom_out", "pan"):
        page.mouse.move(x, y)
        if gesture == "pan":
            page.mouse.down()
            page.mouse.move(x + 120, y + 60, steps=8)
            page.mouse.up()
        else:
            page.mouse.wheel(0, -240 if gesture == "zoom_in" else 240)
        page.wait_for_timeout(1500)


def _offline_context(browser, blocked: list[str]):
    """A fresh browser context (empty HTTP cache) that may talk to localhost only."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})

    def guard(route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    return ctx


def measure(browser, url: str, runs: Path, opens: int, restyles: bool) -> dict:
    """Figures of one served map: `opens` fresh visits (bytes, time, reruns), then pan/zoom reruns and,
    with `restyles`, three category changes on the last visit. Lists hold one value per repetition."""
    out: dict = {"blocked": [], "open_s": [], "open_bytes": [], "reruns_open": [], "restyle_s": [], "restyle_bytes": []}
    for i in range(opens):
        ctx = _offline_context(browser, out["blocked"])
        start = _idle(runs)
        page, meter, frame, dt = _open(ctx, url)
        out["reruns_open"].append(_idle(runs) - start)
        out["open_s"].append(dt)
        out["open_bytes"].append(meter.take())
        out["polygons"] = frame.evaluate(POLYGONS)
        if i < opens - 1:
            ctx.close()
    start = _idle(runs)
    meter.take()
    view = frame.evaluate(VIEW)
    _pan_zoom(page)
    out["reruns_pan_zoom"] = _idle(runs) - start
    out["pan_zoom_bytes"] = meter.take()
    out["view_moved"] = frame.evaluate(VIEW) != view  # the gestures reached the map
    for label in CHANGES if restyles else ():
        frame, dt, nbytes = _restyle(page, meter, frame, label)
        out["restyle_s"].append(dt)
        out["restyle_bytes"].append(nbytes)
        _idle(runs)
    ctx.close()
    return out


def _median(res: dict, key: str) -> float | None:
    v = res.get(key)
    if isinstance(v, list):
        return statistics.median(v) if v else None
    return v


def _warm(browser, url: str, runs: Path) -> None:
    """One visit that fills the server's caches (layers, every value set)."""
    ctx = _offline_context(browser, [])
    page, meter, frame, _ = _open(ctx, url)
    for label in CHANGES:
        frame = _restyle(page, meter, frame, label)[0]
    _idle(runs)
    ctx.close()


def run_all() -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="petakesos-bench-folium-") as tmp, sync_playwright() as p:
        tmp_path = Path(tmp)
        (tmp_path / "static").symlink_to(REPO_ROOT / "static")  # Streamlit serves static/ beside the script
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, text, modes in (
                ("component", apps.COMPONENT_APP, {"component": ""}),
                ("folium", apps.FOLIUM_APP, {"folium": "", "folium_default": "?ro=default"}),
            ):
                script, runs = tmp_path / f"bench_{name}.py", tmp_path / f"{name}.runs"
                script.write_text(text, encoding="utf-8")
                with _serve(script, runs) as url:
                    _warm(browser, url, runs)
                    for mode, query in modes.items():
                        print(f"  mengukur {mode}…", file=sys.stderr)
                        default = mode == "folium_default"
                        results[mode] = measure(browser, url + "/" + query, runs, RUNS, restyles=not default)
        finally:
            browser.close()
    return results


def _spread(res: dict, key: str, scale: float) -> dict:
    """The single measurements behind a median (the machine is shared: the spread says how much to trust it)."""
    v = res.get(key)
    return {"runs": [round(x * scale, 3) for x in v]} if isinstance(v, list) and len(v) > 1 else {}


def figures(res: dict[str, dict]) -> list[dict]:
    """Rows {name, value, unit, ratio?, against?}: folium's figures as ratios to the component's."""
    c, f, d = res["component"], res["folium"], res["folium_default"]
    rows = [
        ("map data sent, open", "open_bytes", 1e-6, "MB"),
        ("open to polygons drawn", "open_s", 1, "s"),
        ("map data sent, category change", "restyle_bytes", 1e-6, "MB"),
        ("category change to map drawn", "restyle_s", 1, "s"),
        ("script reruns to open", "reruns_open", 1, "runs"),
        ("script reruns, 5 pan/zoom", "reruns_pan_zoom", 1, "runs"),
        ("map data sent, 5 pan/zoom", "pan_zoom_bytes", 1e-6, "MB"),
    ]
    out = []
    for label, key, scale, unit in rows:
        base = {"name": f"component: {label}", "value": round(_median(c, key) * scale, 3), "unit": unit}
        out.append(base | _spread(c, key, scale))
        for who, r in (("streamlit-folium", f), ("streamlit-folium, default returned_objects", d)):
            value = _median(r, key)
            if value is None:
                continue
            row = {"name": f"{who}: {label}", "value": round(value * scale, 3), "unit": unit}
            if _median(c, key):
                row.update(ratio=round(value / _median(c, key), 2), against=base["name"])
            out.append(row | _spread(r, key, scale))
    for mode, r in res.items():
        out.append({"name": f"{mode}: polygons drawn", "value": r["polygons"], "unit": "polygons"})
        out.append({"name": f"{mode}: requests leaving localhost", "value": len(r["blocked"]), "unit": "requests"})
        out.append({"name": f"{mode}: view moved by pan/zoom", "value": int(r["view_moved"]), "unit": "yes=1"})
    out.append({"name": "load average (1 min) at the end", "value": round(os.getloadavg()[0], 2), "unit": "load"})
    return out


def table(rows: list[dict]) -> str:
    """The rows as a text table: median, ratio to the component, single values."""
    lines = []
    for r in rows:
        runs = f"  ({' / '.join(str(x) for x in r['runs'])})" if "runs" in r else ""
        ratio = f"  ×{r['ratio']:.2f} of the component" if "ratio" in r else ""
        lines.append(f"{r['name']:<70} {r['value']:>8} {r['unit']:<8}{ratio}{runs}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Measure both maps and print the table (or JSON with --json)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of {name, value, unit, ratio?, against?, runs?} (runs: the single values)",
    )
    args = ap.parse_args(argv)
    print(f"  load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    rows = figures(run_all())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    print(table(rows))


if __name__ == "__main__":
    main()
