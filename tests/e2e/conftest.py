"""A real app server on the demo database and headless Debian Chromium with the network cut off."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from petakesos.config import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
# The iframe of the map component (ui.map_panel); its title is the component name.
MAP_IFRAME = 'iframe[title="petakesos.ui.peta"]'
SHOTS = Path(os.environ.get("PETAKESOS_SHOTS", "/tmp/petakesos-shots"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url():
    """Serve app.py on the demo database (built by scripts/setup.sh) on a free localhost port."""
    yield from _serve()


@pytest.fixture()
def fresh_app_url():
    """A server of its own that no browser has visited yet (for first-visit behaviour)."""
    yield from _serve()


def _serve():
    # The default settings, not the test world's: the browser tests look at the demo data.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PETAKESOS_")}
    demo_db = REPO_ROOT / "data" / "petakesos.duckdb"
    if not demo_db.exists():
        pytest.fail(f"Demo database missing at {demo_db}: run scripts/setup.sh first.")
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO_ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("Streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A page that may talk to localhost only: any other request fails, as on an offline machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []

    def offline(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            return route.continue_()
        blocked.append(url)
        return route.abort()

    context.route("**/*", offline)
    pg = context.new_page()
    pg.blocked_requests = blocked
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield pg
    context.close()


def metric_value(page, label: str) -> str:
    """The value shown by the st.metric with this label."""
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()
