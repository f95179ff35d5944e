"""A real app server on the demo database and headless Debian Chromium with the network cut off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from needs import require

from petakesos.bench import server
from petakesos.bench.server import CHROMIUM, CHROMIUM_ARGS
from petakesos.config import REPO_ROOT
from petakesos.maps.component import IFRAME_TITLE

# The iframe of the map component (ui.map_panel); its title is the component name.
MAP_IFRAME = f'iframe[title="{IFRAME_TITLE}"]'
SHOTS = Path(os.environ.get("PETAKESOS_SHOTS", "/tmp/petakesos-shots"))


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
    require(REPO_ROOT / "data" / "kesos", "Data contoh")
    try:
        with server.serve() as url:
            yield url
    except server.ServerDidNotStart as failed:
        pytest.fail(str(failed))


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


# Accounts of the login browser tests (tests/e2e/login.py signs in with them).
LOGIN_PASSWORD = "sandi-peramban-2026"
LOGIN_ACCOUNTS = {"dinsos.tuban": ("kabupaten", "35.23"), "admin.uji": ("admin", "")}


@pytest.fixture(scope="module")
def login_app_url(world, tmp_path_factory):
    """A server on the fixture store (real data, two Tuban kecamatan, built by this run's code) with
    accounts, so a login is required; the audit log beside the accounts."""
    from argon2 import PasswordHasher

    from petakesos.auth.accounts import AccountStore
    from petakesos.auth.passwords import Passwords

    users = tmp_path_factory.mktemp("akun") / "users.json"
    store = AccountStore(users, passwords=Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)))
    for name, (role, wilayah) in LOGIN_ACCOUNTS.items():
        store.add(name, role, wilayah, LOGIN_PASSWORD)
    try:
        # os.environ holds the world's PETAKESOS_* settings for this session.
        with server.serve(env={**os.environ, "PETAKESOS_USERS": str(users)}) as url:
            yield url
    except server.ServerDidNotStart as failed:
        pytest.fail(str(failed))
