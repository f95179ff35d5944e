"""What each role may open and see: the page list of a role, who sees personal names, who has masking
forced, and when the app may stay open without a login (demo data and no accounts). Pure rules, no
Streamlit, so they are tested without a page."""

from __future__ import annotations

from collections.abc import Mapping

ANALYSIS = ("beranda", "peta", "peta_nasional", "cakupan", "kuota", "pelatihan", "bandingkan")
ADMIN_ONLY = ("impor", "audit")
ANALYSIS_ROLES = ("admin", "provinsi", "kabupaten", "viewer")
GUEST = "tamu"  # nobody signed in, allowed only while the app is open (demo data, no accounts)

OPEN, LOGIN, NO_ACCOUNTS = "open", "login", "no_accounts"


def mode(has_accounts: bool, dataset: str | None) -> str:
    """How the app treats a visitor without a session: OPEN (demo data and no accounts: everything but
    imports and the audit), LOGIN (any account exists), NO_ACCOUNTS (real data and nobody to let in)."""
    if has_accounts:
        return LOGIN
    return OPEN if dataset == "demo" else NO_ACCOUNTS


def dataset_label(meta_rows: Mapping[str, str]) -> str | None:
    """The store's dataset label ('demo' for the synthetic set) from the meta key/value rows."""
    return meta_rows.get("dataset")


def pages_for(role: str) -> tuple[str, ...]:
    """The pages a role sees in the navigation, in order."""
    if role == "admin":
        return (*ANALYSIS, *ADMIN_ONLY)
    if role in (*ANALYSIS_ROLES, GUEST):
        return ANALYSIS
    return ()


def allowed(role: str, required: tuple[str, ...]) -> bool:
    """Whether `role` passes a page's `require(...)`; the guest passes where any non-admin role does."""
    if role == GUEST:
        return any(r != "admin" for r in required)
    return role in required


def sees_names(role: str) -> bool:
    """Personal names (the PSM follow-up list) only for a kabupaten's own staff and the admin; the demo
    guest sees the synthetic names as before logins existed."""
    return role in ("admin", "kabupaten", GUEST)


def masking_forced(role: str) -> bool:
    """Small counts always shown as "<5" for viewers (the public)."""
    return role == "viewer"


def account_for_sso(user: Mapping[str, object], by_email) -> object | None:
    """The local account an identity-provider login maps to: the one account with the same e-mail, only
    when the provider says the e-mail is verified (or does not say); None otherwise. `by_email` is
    AccountStore.by_email."""
    email = user.get("email")
    if not isinstance(email, str) or not email or user.get("email_verified") is False:
        return None
    return by_email(email)
