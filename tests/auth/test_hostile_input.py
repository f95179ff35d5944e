"""Hostile input: SQL injection in every query-string parameter and in the login form, path traversal in a
username, a 100 kB password, forged tokens — each harmless, with a clear message and no traceback."""

from __future__ import annotations

import pytest
from apptest import PASSWORD, account, open_page
from streamlit.testing.v1 import AppTest

from petakesos.auth.accounts import AccountError, AccountStore, check_username
from petakesos.config import REPO_ROOT
from petakesos.ui import login

INJECTIONS = ["35.23' OR '1'='1", "2023; DROP TABLE meta; --", "../../etc/passwd", "\x00<script>x</script>"]
PAGES = ("beranda", "peta", "cakupan", "kuota", "pelatihan", "bandingkan")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_in_query_string_is_harmless(world, page, bad):
    at = open_page(page, as_user=("kabupaten", "35.23"), wilayah=bad, tahun=bad, kategori=bad)
    assert not at.exception, at.exception
    assert "35.24" not in "".join(str(w.value) for w in at.warning)


@pytest.fixture()
def users(tmp_path, monkeypatch):
    monkeypatch.setenv("PETAKESOS_USERS", str(tmp_path / "users.json"))
    return tmp_path / "users.json"


def _login(name: str, password: str) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90).run()
    at.text_input(key="masuk_nama").input(name)
    at.text_input(key="masuk_sandi").input(password)
    return at.button[0].click().run()


@pytest.mark.parametrize("name", ["' OR 1=1 --", "admin'--", "../x", "a" * 10_000])
def test_injection_in_the_login_form_fails_cleanly(world, users, name):
    account("admin", "")
    at = _login(name, PASSWORD)
    assert not at.exception
    assert login.TOKEN not in at.session_state
    assert "Nama pengguna atau kata sandi salah." in at.warning[0].value


def test_a_100_kb_password_is_refused_before_hashing(world, users):
    account("admin", "", username="admin")
    at = _login("admin", "x" * 100_000)
    assert not at.exception
    assert at.warning[0].value == login.TEXT["too_long"]
    assert AccountStore().get("admin").failed == 0  # never reached argon2 or the lockout counter


@pytest.mark.parametrize("name", ["../x", "..", "a/b", "x'; drop", "Admin", "a\nb", ""])
def test_path_traversal_and_injection_in_a_username_are_refused(tmp_path, name):
    with pytest.raises(AccountError):
        check_username(name)
    assert not (tmp_path.parent / "x").exists()


def test_cli_refuses_a_traversing_username_and_records_changes(tmp_path, monkeypatch, capsys):
    import argparse
    import io
    import sys

    from argon2 import PasswordHasher

    from petakesos.auth.passwords import Passwords
    from petakesos.cli import user as cli_user

    monkeypatch.setattr(
        cli_user, "_passwords", lambda: Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    )
    monkeypatch.delenv("PETAKESOS_AUDIT", raising=False)
    parser = argparse.ArgumentParser()
    cli_user.add_parser(parser.add_subparsers(dest="command"))
    berkas = str(tmp_path / "users.json")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    args = parser.parse_args(["user", "add", "../x", "--peran", "admin", "--berkas", berkas, "--password-stdin"])
    assert args.func(args) == 2
    assert "Nama pengguna hanya boleh" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    args = parser.parse_args(
        [
            "user",
            "add",
            "dinsos.tuban",
            "--peran",
            "kabupaten",
            "--wilayah",
            "35.23",
            "--berkas",
            berkas,
            "--password-stdin",
        ]
    )
    assert args.func(args) == 0
    log = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert log.count("\n") == 1 and "tambah dinsos.tuban (kabupaten)" in log and '"wilayah": "35.23"' in log
