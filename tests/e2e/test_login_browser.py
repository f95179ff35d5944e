"""Log in through the form as kabupaten Tuban, click through the pages, see only Tuban, log out; a wrong
password three times shows the delay message. Screenshots docs/login.png and docs/audit.png."""

from __future__ import annotations

import pytest

from e2e.conftest import LOGIN_PASSWORD
from e2e.login import FORM, fill_form, log_in
from petakesos.config import REPO_ROOT

pytestmark = pytest.mark.e2e

PAGES = ["Peta PMKS", "Cakupan PSM", "Rencana Kuota PSM", "Pelatihan PSM", "Bandingkan Kabupaten", "Beranda"]
DOCS = REPO_ROOT / "docs"


def _idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_tuban_user_sees_only_tuban_and_logs_out(page, login_app_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(login_app_url)
    page.locator(FORM).get_by_text("Kata sandi").wait_for(timeout=60_000)
    _idle(page)
    assert not page.locator('[data-testid="stSidebarNav"]').count()  # no page list before the login
    page.screenshot(path=str(DOCS / "login.png"))
    log_in(page, login_app_url, "dinsos.tuban", LOGIN_PASSWORD)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert "Impor Data" not in nav.inner_text() and "Audit" not in nav.inner_text()
    for title in PAGES:
        nav.get_by_text(title, exact=True).click()
        page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]', has_text=title).wait_for(timeout=60_000)
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]', has_text="Tahun").wait_for(timeout=60_000)
        page.get_by_text("Tuban").first.wait_for(timeout=60_000)
        _idle(page)
        body = page.locator("body").inner_text()
        assert "Tuban" in body, title  # the fixture holds Tuban only; Lamongan exists in the code list
        assert "Lamongan" not in body, title
    page.get_by_role("button", name="Keluar").click()
    page.get_by_text("Anda telah keluar.").wait_for(timeout=60_000)
    page.locator(FORM).wait_for()


def test_wrong_password_three_times_shows_the_delay(page, login_app_url):
    page.goto(login_app_url)
    page.locator(FORM).wait_for(timeout=60_000)
    seen = []
    for _ in range(3):
        fill_form(page, "dinsos.tuban", "bukan-sandinya-1234")
        _idle(page)
        seen.append(page.locator('[data-testid="stAlert"]').first.inner_text())
    assert "Nama pengguna atau kata sandi salah" in seen[0]
    assert any("tunggu" in s or "Coba lagi setelah" in s for s in seen[1:]), seen
    assert not page.get_by_role("button", name="Keluar").count()


def test_admin_sees_the_audit_page(page, login_app_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, login_app_url, "admin.uji", LOGIN_PASSWORD)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Audit", exact=True).click()
    page.get_by_text("Catatan Audit").wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=60_000)
    _idle(page)
    page.screenshot(path=str(DOCS / "audit.png"))


def test_a_link_to_a_page_outside_the_role_does_not_open_it(page, login_app_url):
    # A link opens a new browser session, so it meets the login form first; after it, the refusal.
    page.goto(f"{login_app_url}/audit")
    page.locator(FORM).wait_for(timeout=60_000)
    fill_form(page, "dinsos.tuban", LOGIN_PASSWORD)
    page.get_by_text("Halaman ini tidak tersedia untuk peran kabupaten").wait_for(timeout=60_000)
    page.get_by_role("button", name="Keluar").wait_for(timeout=60_000)
    assert not page.get_by_text("Catatan Audit").count()


def test_the_demo_guest_gets_the_message_for_the_audit_link(page, app_url):
    page.goto(f"{app_url}/audit")
    page.get_by_text("Halaman ini memerlukan login admin").wait_for(timeout=60_000)
    assert not page.get_by_text("Catatan Audit").count()
