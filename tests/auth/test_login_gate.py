"""The login gate through AppTest on the fixture store (real data, no 'demo' label): no accounts → one text
page; accounts → the login form; a session → the pages of the role; demo data and no accounts → open."""

from __future__ import annotations

import pytest
from apptest import PASSWORD, account, login_state, open_page
from needs import demo_connection
from streamlit.testing.v1 import AppTest

from petakesos import clock, sql
from petakesos.auth import audit, roles
from petakesos.config import REPO_ROOT
from petakesos.ui import access, login


@pytest.fixture()
def users(tmp_path, monkeypatch):
    """An accounts file of this test only (absent until an account is added), audit log beside it."""
    path = tmp_path / "users.json"
    monkeypatch.setenv("PETAKESOS_USERS", str(path))
    return path


def _app(state: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at.run()


def _texts(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("text", "warning", "error", "info", "title") for e in getattr(at, kind))


def test_real_data_and_no_accounts_shows_only_how_to_create_one(world, users):
    at = _app()
    assert not at.exception
    assert [t.value for t in at.text] == [access.NO_ACCOUNTS]
    assert not at.metric and not at.dataframe and not at.selectbox and not at.text_input


def test_with_an_account_a_visitor_gets_the_login_form_and_no_data(world, users):
    account("kabupaten", "35.23")
    at = _app()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert at.button[0].label == "Masuk"
    assert not at.metric and not at.selectbox


def _try(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="masuk_nama").input(name)
    at.text_input(key="masuk_sandi").input(password)
    return at.button[0].click().run()


def test_login_then_logout_with_audit(world, users):
    account("kabupaten", "35.23", username="dinsos.tuban")
    at = _try(_app(), "dinsos.tuban", PASSWORD)
    assert not at.exception, at.exception
    assert at.session_state[login.USER] == "dinsos.tuban"
    assert at.session_state[login.ROLE] == "kabupaten"
    assert at.session_state[login.SCOPE] == "35.23"
    assert at.session_state["masuk_sandi"] == ""  # the password is not kept
    token = at.session_state[login.TOKEN]
    assert login.session_store().get(token).username == "dinsos.tuban"
    at.button(key="keluar").click().run()
    assert login.TOKEN not in at.session_state and login.session_store().get(token) is None
    assert "Anda telah keluar." in _texts(at)
    log = users.with_name("audit.jsonl").read_text(encoding="utf-8")
    assert '"peristiwa": "masuk"' in log and '"peristiwa": "keluar"' in log and "dinsos.tuban" in log


def test_wrong_password_gives_the_same_message_a_delay_and_an_audit_line(world, users):
    account("kabupaten", "35.23", username="dinsos.tuban")
    at = _try(_app(), "dinsos.tuban", "salah-sekali-ini")
    assert "Nama pengguna atau kata sandi salah. Coba lagi setelah 1 detik." in _texts(at)
    assert login.TOKEN not in at.session_state
    at = _try(at, "dinsos.tuban", PASSWORD)  # at once: refused without a check, even with the right password
    assert "tunggu 1 detik sebelum mencoba lagi" in _texts(at)
    assert login.TOKEN not in at.session_state
    entries = audit.entries(audit.Filter(dari=clock.today(), sampai=clock.today()), users.with_name("audit.jsonl"))
    assert entries["peristiwa"].tolist() == ["masuk_gagal"]


@pytest.mark.parametrize("token", ["x" * 43, "", "' or 1=1 --", "A" * 5000, None])
def test_a_tampered_or_foreign_token_leads_back_to_the_form(world, users, token):
    account("viewer", "")
    at = _app({login.TOKEN: token, login.SCOPE: ""})
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert login.SCOPE not in at.session_state  # the old scope does not linger
    if token is not None:
        assert login.TEXT["expired"] in _texts(at)


def test_a_password_change_ends_the_session(world, users):
    state = login_state("kabupaten", "35.23")
    from petakesos.auth.accounts import AccountStore

    AccountStore().set_password("uji.kabupaten.35-23", "sandi-baru-yang-panjang")
    at = _app(state)
    assert login.TEXT["expired"] in _texts(at)


@pytest.mark.parametrize(("role", "wilayah"), [("viewer", ""), ("kabupaten", "35.23"), ("provinsi", "35")])
@pytest.mark.parametrize("page", ["impor", "audit"])
def test_admin_pages_refuse_other_roles_opened_directly(world, users, role, wilayah, page):
    at = open_page(page, as_user=(role, wilayah))
    assert not at.exception
    assert [e.value for e in at.error] == [access.NOT_FOR_ROLE.format(role=role)]
    assert not at.dataframe and not at.text_input


def test_audit_page_for_the_admin(world, users):
    audit.record("masuk", "dinsos.tuban", "35.23", "")
    at = open_page("audit", as_user=("admin", ""))
    assert not at.exception
    assert at.dataframe[0].value["Pengguna"].tolist() == ["dinsos.tuban"]
    assert "Rantai catatan utuh" in at.success[0].value


def test_viewer_has_masking_forced_on(world, users):
    at = open_page("beranda", as_user=("viewer", ""), state={"samarkan_kecil": False}, wilayah="35.23.01", tahun="2022")
    assert not at.exception
    assert not [t for t in at.toggle if t.key == "samarkan_kecil"]  # no switch to turn it off
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kasus PMKS"] == "2–8"  # Kenduruan's 4 cases, all in desa of 1–4: masked as a range


def test_demo_store_is_labelled_demo_and_fixture_store_is_not(con):
    meta = sql.run(demo_connection(), "app/dataset_meta")
    assert roles.dataset_label(dict(zip(meta["key"], meta["value"]))) == "demo"
    meta = sql.run(con, "app/dataset_meta")
    assert roles.dataset_label(dict(zip(meta["key"], meta["value"]))) == "data"  # any import but the demo's


def test_demo_data_without_accounts_stays_open_but_not_the_import(world, users, monkeypatch):
    monkeypatch.setattr(access, "_dataset", lambda: "demo")
    at = open_page("beranda", as_user=None, tahun="2023")
    assert not at.exception and at.metric  # open, figures shown
    assert at.session_state[login.ROLE] == roles.GUEST
    at = open_page("impor", as_user=None)
    assert [t.value for t in at.text] == [access.ADMIN_NEEDED]
    assert not at.text_input
    account("admin", "")  # the first account closes the open demo
    at = open_page("beranda", as_user=None, tahun="2023")
    assert not at.metric and [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]


def test_an_excel_download_is_audited(world, users):
    at = open_page("cakupan", as_user=("kabupaten", "35.23"), wilayah="35.23.01", tahun="2023")
    buttons = [b for b in at.get("download_button")]
    assert buttons, "the page offers an Excel download"
    from petakesos.ui import blocks

    with_state = {"petakesos_user": "uji.kabupaten.35-23", "petakesos_scope": "35.23"}
    import streamlit as st

    for key, value in with_state.items():
        st.session_state[key] = value  # outside a run: the callback reads a plain dict-like state
    content = blocks.audited("cakupan.xlsx", lambda: b"PK")  # drawn: nothing written yet
    today = clock.today()
    assert audit.entries(audit.Filter(dari=today, sampai=today, event="ekspor")).empty
    assert content() == b"PK"  # clicked: the workbook is built and the export written
    rows = audit.entries(audit.Filter(dari=clock.today(), sampai=clock.today(), event="ekspor"))
    assert rows["keterangan"].tolist() == ["cakupan.xlsx"] and rows["wilayah"].tolist() == ["35.23"]
