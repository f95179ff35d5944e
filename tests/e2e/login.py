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


PASSWORD = "kata-sandi-uji-panjang"


def accounts_file(folder, *accounts: tuple[str, str, str]):
    """An accounts file in `folder` holding (username, role, wilayah) accounts, all with PASSWORD; argon2 set
    to be fast (a test setting, not production). For an app served on real (non-demo) data."""
    from pathlib import Path

    from argon2 import PasswordHasher

    from petakesos.auth.accounts import AccountStore
    from petakesos.auth.passwords import Passwords

    users = Path(folder) / "akun" / "users.json"
    users.parent.mkdir(parents=True, exist_ok=True)
    store = AccountStore(users, passwords=Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)))
    for username, role, wilayah in accounts:
        store.add(username, role, wilayah, PASSWORD)
    return users
