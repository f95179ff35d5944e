"""The login form, the SSO button, the "Keluar" button and the per-rerun check of the session token.

The token lives only in st.session_state (Streamlit cannot set an HttpOnly cookie without a custom
component), so a reload of the browser tab logs out; see docs/decisions.md "Logins and audit"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from petakesos.auth import audit, roles
from petakesos.auth.accounts import Account, AccountError, AccountStore
from petakesos.auth.passwords import MAX_LENGTH
from petakesos.auth.sessions import Session, SessionStore

TOKEN, USER, ROLE, SCOPE = "petakesos_token", "petakesos_user", "petakesos_role", "petakesos_scope"
_NOTICE, _WAIT = "petakesos_login_pesan", "petakesos_login_tunggu"
TEXT = {
    "title": "Masuk ke Peta Kesos",
    "intro": "Data PMKS adalah data pribadi (UU 27/2022). Masuk dengan akun yang diberikan admin Dinas Sosial.",
    "user": "Nama pengguna",
    "password": "Kata sandi",
    "submit": "Masuk",
    "sso": "Masuk dengan SSO",
    "logout": "Keluar",
    "empty": "Isi nama pengguna dan kata sandi.",
    "too_long": f"Kata sandi terlalu panjang (paling banyak {MAX_LENGTH} karakter).",
    "wait": "Terlalu banyak percobaan: tunggu {detik} detik sebelum mencoba lagi.",
    "failed_wait": "Coba lagi setelah {detik} detik.",
    "expired": "Sesi Anda berakhir (terlalu lama tidak aktif, keluar, atau akun diubah). Silakan masuk lagi.",
    "logged_out": "Anda telah keluar.",
    "reload": "Memuat ulang halaman browser juga mengakhiri sesi.",
    "sso_unknown": "E-mail {email} dari SSO tidak terdaftar pada akun mana pun. Minta admin menambahkannya.",
    "store_error": "Berkas akun tidak dapat dibaca: {pesan}",
    "signed_in": "Masuk sebagai {user} ({role}{wilayah})",
}


@st.cache_resource(show_spinner=False)
def session_store() -> SessionStore:
    """The server's sessions, shared by every browser session of this process; accounts read fresh each
    time (AccountStore() follows PETAKESOS_USERS), so a change from the command line ends a session."""
    return SessionStore(lambda name: AccountStore().get(name))


def _forget() -> None:
    for key in (TOKEN, USER, ROLE, SCOPE):
        st.session_state.pop(key, None)


def current_session() -> Session | None:
    """The valid session of this browser tab, with the user's name, role and scope put in session state;
    None (and the keys removed, with a message when a token was there) when there is none."""
    token = st.session_state.get(TOKEN)
    if token is None:
        _forget()
        return None
    try:
        session = session_store().get(token)
    except AccountError:
        session = None
    if session is None:
        _forget()
        st.session_state[_NOTICE] = TEXT["expired"]
        return None
    st.session_state[USER], st.session_state[ROLE] = session.username, session.role
    st.session_state[SCOPE] = session.wilayah  # '' for admin: every wilayah
    return session


def _start(account: Account) -> None:
    st.session_state[TOKEN] = session_store().create(account)
    st.session_state.pop(_NOTICE, None)
    st.session_state.pop(_WAIT, None)
    audit.record("masuk", account.username, account.wilayah)


def _submit(store: AccountStore, username: str, password: str) -> None:
    """Check one try of the form; leave a message for the form to show when it fails."""
    now = datetime.now(UTC)
    wait_until = st.session_state.get(_WAIT)
    if isinstance(wait_until, datetime) and now < wait_until:
        st.session_state[_NOTICE] = TEXT["wait"].format(detik=max(1, round((wait_until - now).total_seconds())))
        return
    if not username or not password:
        st.session_state[_NOTICE] = TEXT["empty"]
        return
    if len(password) > MAX_LENGTH:  # refused before argon2 sees it
        audit.record("masuk_gagal", username, "", "kata sandi terlalu panjang")
        st.session_state[_NOTICE] = TEXT["too_long"]
        return
    result = store.authenticate(username.strip(), password)
    if result.ok:
        _start(result.account)
        return
    audit.record("masuk_gagal", username, "", "terkunci" if result.locked_until else "salah")
    st.session_state[_WAIT] = now + timedelta(seconds=result.delay)
    hint = "" if result.locked_until else " " + TEXT["failed_wait"].format(detik=max(1, round(result.delay)))
    st.session_state[_NOTICE] = result.message + hint


def sso_configured() -> bool:
    """Whether an identity provider is set up for st.login ([auth] in .streamlit/secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own FileNotFoundError variants
        return False


def _sso_return(store: AccountStore) -> None:
    """After the identity provider sends the user back: map its e-mail to a local account."""
    user = st.user
    if not getattr(user, "is_logged_in", False):
        return
    info = user.to_dict()
    account = roles.account_for_sso(info, store.by_email)
    if account is None:
        audit.record("masuk_gagal", f"sso:{info.get('email', '')}", "", "e-mail tidak terdaftar")
        st.session_state[_NOTICE] = TEXT["sso_unknown"].format(email=audit.clean(info.get("email", ""), 80))
        st.logout()
        return
    _start(account)
    st.rerun()


def _on_submit() -> None:
    """The form's callback: runs before the rerun draws the page, so its message shows at once."""
    try:
        _submit(AccountStore(), st.session_state.get("masuk_nama", ""), st.session_state.get("masuk_sandi", ""))
        st.session_state["masuk_sandi"] = ""  # the password does not stay in the session
    except AccountError as exc:
        st.session_state[_NOTICE] = TEXT["store_error"].format(pesan=audit.clean(exc, 200))


def form() -> None:
    """The login screen: the form, SSO where configured, and the message of the last try. The caller
    stops the script after it; a successful try reruns into the app."""
    if TOKEN in st.session_state:  # signed in by the callback of this very rerun
        st.rerun()
    st.title(TEXT["title"])
    st.caption(TEXT["intro"])
    if sso_configured():
        try:
            _sso_return(AccountStore())
        except AccountError as exc:
            st.session_state[_NOTICE] = TEXT["store_error"].format(pesan=audit.clean(exc, 200))
    if (notice := st.session_state.get(_NOTICE)) is not None:
        st.warning(notice, icon=":material/lock:")
    with st.form("masuk"):
        st.text_input(TEXT["user"], key="masuk_nama", autocomplete="username")
        st.text_input(TEXT["password"], type="password", key="masuk_sandi")
        st.form_submit_button(TEXT["submit"], type="primary", on_click=_on_submit)
    if sso_configured():
        st.button(TEXT["sso"], on_click=st.login, icon=":material/key:")
    st.caption(TEXT["reload"])


def _logout() -> None:
    session = session_store()
    user, scope = st.session_state.get(USER, ""), st.session_state.get(SCOPE, "")
    if session.revoke(st.session_state.get(TOKEN)):
        audit.record("keluar", user, scope)
    _forget()
    st.session_state[_NOTICE] = TEXT["logged_out"]


def logout_button(session: Session) -> None:
    """Who is signed in and the "Keluar" button, in the sidebar."""
    where = f", {session.wilayah}" if session.wilayah else ""
    st.sidebar.text(TEXT["signed_in"].format(user=session.username, role=session.role, wilayah=where))
    st.sidebar.button(TEXT["logout"], on_click=_logout, icon=":material/logout:", key="keluar")
