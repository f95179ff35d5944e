"""The gate every page passes first: who is signed in (the session token re-checked on every rerun), or
whether the app is open without a login (demo data and no accounts), and whether this page is for them.
`require(...)` stops the page with a clear message otherwise, also when a page URL is opened directly."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from petakesos import data
from petakesos.auth import roles
from petakesos.auth.accounts import AccountError, AccountStore
from petakesos.ui import login

NO_ACCOUNTS = (
    "Belum ada akun. Buat akun admin: python -m petakesos user add NAMA --peran admin\n"
    "Data di penyimpanan ini bukan data contoh, jadi dasbor hanya terbuka setelah masuk."
)
ADMIN_NEEDED = (
    "Halaman ini memerlukan login admin. Belum ada akun: buat dengan\n"
    "python -m petakesos user add NAMA --peran admin\n"
    "lalu muat ulang halaman."
)
NOT_FOR_ROLE = "Halaman ini tidak tersedia untuk peran {role}."
SAMARKAN = "samarkan_kecil"  # the sidebar's masking switch (petakesos.ui.sidebar)


@dataclass(frozen=True)
class Visitor:
    """Who is using this browser tab: a signed-in user, or the guest of an open demo app."""

    username: str
    role: str
    scope: str
    session: login.Session | None


def _dataset() -> str | None:
    try:
        meta = data.query("app/dataset_meta")
    except data.DatabaseMissing:
        return None
    return roles.dataset_label(dict(zip(meta["key"], meta["value"])))


def _has_accounts() -> bool:
    try:
        return bool(AccountStore().list())
    except AccountError:
        return True  # a damaged accounts file must not open the app: the login form reports it


def check() -> Visitor | None:
    """The visitor of this rerun (a signed-in user, or the guest of an open demo), or None when they must
    first see the entry screen (login form or the no-account text)."""
    session = login.current_session()
    if session is not None:
        return Visitor(session.username, session.role, session.wilayah, session)
    if roles.mode(_has_accounts(), _dataset()) == roles.OPEN:
        st.session_state[login.SCOPE] = ""  # demo data: every wilayah, as before logins existed
        st.session_state[login.ROLE] = roles.GUEST
        return Visitor("", roles.GUEST, "", None)
    return None


def entry_screen() -> None:
    """What a visitor without a session sees when the app is not open: the text saying how to create
    the first account (real data, no accounts), else the login form."""
    if roles.mode(_has_accounts(), _dataset()) == roles.NO_ACCOUNTS:
        st.text(NO_ACCOUNTS)
    else:
        login.form()


def visitor() -> Visitor:
    """The visitor of this rerun, or (after drawing the entry screen) st.stop()."""
    who = check()
    if who is None:
        entry_screen()
        st.stop()
    return who


def require(*allowed_roles: str) -> Visitor:
    """Call first on a page: the visitor when their role may open it; otherwise a message and st.stop().
    A viewer's small counts are always masked (the sidebar switch is set back on every rerun)."""
    _leave_legacy_pages_mode()
    who = visitor()
    if not roles.allowed(who.role, allowed_roles):
        if who.role == roles.GUEST:
            st.text(ADMIN_NEEDED)
        else:
            st.error(NOT_FOR_ROLE.format(role=who.role), icon=":material/block:")
        st.stop()
    if roles.masking_forced(who.role):
        st.session_state[SAMARKAN] = True
    return who


def sees_names() -> bool:
    """Whether this visitor may see personal names (the PSM follow-up list); for the pages' name lists."""
    return roles.sees_names(st.session_state.get(login.ROLE, ""))


def asks_for_other_page(hidden: set[str]) -> bool:
    """Whether the tab was opened on a link straight to a page the role does not have (e.g. /audit for a
    viewer); app.py then routes it to the page, whose require() shows the refusal instead of the page."""
    url = st.context.url or ""
    return url.rstrip("/").rsplit("/", 1)[-1] in hidden


def _leave_legacy_pages_mode() -> None:
    """A link such as /audit on a server no browser has visited yet runs the page file alone (Streamlit's
    old pages/ folder mode, with file names in the sidebar): switch that off and rerun through app.py, as
    ui.sidebar does for the pages with pickers."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
