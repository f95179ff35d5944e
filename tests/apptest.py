"""Open a page of the app in Streamlit's AppTest with a query string (and session state), as a link would,
signed in as a role through a real server-side session (the token in session state, as the login form
leaves it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from petakesos.auth.accounts import AccountStore
from petakesos.auth.passwords import Passwords
from petakesos.config import REPO_ROOT

PASSWORD = "sandi-uji-panjang-2026"
ADMIN = ("admin", "")  # the default: pages tested for their content see everything, as before logins
_FAST = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def accounts_file() -> Path:
    """The accounts file the app reads in tests: $PETAKESOS_USERS, set once per test process to a temp
    folder (its audit.jsonl beside it), so no test writes data/users.json or data/audit.jsonl."""
    if not os.environ.get("PETAKESOS_USERS"):
        os.environ["PETAKESOS_USERS"] = str(Path(tempfile.mkdtemp(prefix="petakesos-users-")) / "users.json")
    return Path(os.environ["PETAKESOS_USERS"])


def account(role: str, wilayah: str = "", username: str | None = None, email: str | None = None):
    """The test account of a role and wilayah, created on first use (cheap argon2 parameters)."""
    store = AccountStore(accounts_file(), passwords=_FAST)
    name = username or f"uji.{role}.{wilayah.replace('.', '-') or 'semua'}"
    return store.get(name) or store.add(name, role, wilayah, PASSWORD, email=email)


def login_state(role: str, wilayah: str = "") -> dict:
    """Session state of a browser tab signed in as `role` over `wilayah`: a real session token."""
    from petakesos.ui import login

    return {login.TOKEN: login.session_store().create(account(role, wilayah))}


def open_page(
    name: str, state: dict | None = None, timeout: float = 90, as_user: tuple[str, str] | None = ADMIN, **query
) -> AppTest:
    """Run pages/<name>.py once with the given query parameters and session state, signed in as
    `as_user` (role, wilayah); None opens it without a session."""
    accounts_file()
    at = AppTest.from_file(str(REPO_ROOT / "pages" / f"{name}.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    for key, value in {**(login_state(*as_user) if as_user else {}), **(state or {})}.items():
        at.session_state[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Label → shown value of every st.metric on the page."""
    return {m.label: m.value for m in at.metric}
