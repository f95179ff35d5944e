"""Sign in through the real login form in a browser test: `log_in(page, base_url, username, password)`."""

from __future__ import annotations

FORM = '[data-testid="stForm"]'


def fill_form(page, username: str, password: str) -> None:
    """Type into the login form and press "Masuk" (the page must show the form)."""
    form = page.locator(FORM)
    form.get_by_label("Nama pengguna").fill(username)
    form.get_by_label("Kata sandi", exact=True).fill(password)
    form.get_by_role("button", name="Masuk").click()


def log_in(page, base_url: str, username: str, password: str, timeout: int = 60_000) -> None:
    """Open the app, sign in, and wait until the sidebar shows the navigation and the "Keluar" button."""
    page.goto(base_url)
    page.locator(FORM).wait_for(timeout=timeout)
    fill_form(page, username, password)
    page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=timeout)
    page.get_by_role("button", name="Keluar").wait_for(timeout=timeout)
