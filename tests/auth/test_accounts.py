"""Local accounts: a JSON file written atomically, roles with their wilayah, lockout with a clock we move."""

from __future__ import annotations

import json
import os
import stat
import threading
from datetime import timedelta

import pytest

from petakesos.auth.accounts import AccountError, AccountStore, users_path

PW = "kuda-lumping-2026"


def test_an_account_is_stored_with_its_role_scope_and_a_hash_only(store, clock, tmp_path):
    store.add("tuban.admin", "kabupaten", "3523", PW)
    text = (tmp_path / "users.json").read_text(encoding="utf-8")
    assert PW not in text
    (row,) = json.loads(text)["users"]
    assert row["username"] == "tuban.admin" and row["role"] == "kabupaten" and row["wilayah"] == "35.23"
    assert row["password_hash"].startswith("$argon2id$")
    assert row["created"] == row["changed"] == "2026-03-02T08:00:00+00:00"
    assert row["failed"] == 0 and row["locked_until"] is None
    assert stat.S_IMODE(os.stat(tmp_path / "users.json").st_mode) == 0o600  # hashes are not for everyone


def test_login_with_the_right_password_only(store):
    store.add("tuban.admin", "kabupaten", "35.23", PW)
    assert store.authenticate("tuban.admin", PW).account.wilayah == "35.23"
    wrong = store.authenticate("tuban.admin", "kuda-lumping-2025")
    assert not wrong.ok and wrong.account is None
    assert not store.authenticate("tidak.ada", PW).ok
    assert wrong.message == store.authenticate("tidak.ada", PW).message == "Nama pengguna atau kata sandi salah."


@pytest.mark.parametrize(
    "role, wilayah, stored",
    [("admin", "", ""), ("provinsi", "35", "35"), ("kabupaten", "35.23", "35.23"), ("viewer", "", "")],
)
def test_each_role_takes_its_own_level_of_wilayah(store, role, wilayah, stored):
    assert store.add("pengguna", role, wilayah, PW).wilayah == stored


@pytest.mark.parametrize(
    "role, wilayah, message",
    [
        ("admin", "35", "admin tidak dibatasi wilayah"),
        ("provinsi", "35.23", "kode provinsi"),
        ("kabupaten", "35", "kode kabupaten/kota"),
        ("kabupaten", "", "kode kabupaten/kota"),
        ("kabupaten", "35.2", "Kode wilayah tidak dikenal"),
        ("superuser", "", "Peran tidak dikenal"),
    ],
)
def test_a_role_with_the_wrong_wilayah_is_refused(store, role, wilayah, message):
    with pytest.raises(AccountError, match=message):
        store.add("pengguna", role, wilayah, PW)
    assert store.list() == []


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "..",
        "admin'; DROP TABLE users; --",
        "x' OR '1'='1",
        "a" * 10_000,
        "",
        "Budi Santoso",
        "budi\x00",
        "<script>",
    ],
)
def test_hostile_usernames_are_refused_with_a_clear_message(store, name):
    with pytest.raises(AccountError, match="Nama pengguna hanya boleh"):
        store.add(name, "viewer", "", PW)
    assert store.list() == []
    assert not store.authenticate(name, PW).ok  # and at login they are simply unknown


def test_duplicate_remove_and_unknown(store):
    store.add("budi", "viewer", "", PW)
    with pytest.raises(AccountError, match="sudah ada"):
        store.add("budi", "admin", "", PW)
    store.remove("budi")
    assert store.get("budi") is None
    with pytest.raises(AccountError, match="tidak ditemukan"):
        store.remove("budi")
    with pytest.raises(AccountError, match="tidak ditemukan"):
        store.set_password("budi", PW)


def test_password_change_replaces_the_hash_and_the_changed_stamp(store, clock):
    store.add("budi", "viewer", "", PW)
    clock.advance(days=3)
    store.set_password("budi", "kata-sandi-baru-99")
    budi = store.get("budi")
    assert budi.changed > budi.created
    assert not store.authenticate("budi", PW).ok
    assert store.authenticate("budi", "kata-sandi-baru-99").ok


def test_five_failures_lock_the_account_and_the_lock_is_released_after_the_time(store, clock):
    store.add("budi", "viewer", "", PW)
    delays = []
    for _ in range(4):
        result = store.authenticate("budi", "salah-salah-salah")
        assert not result.ok and result.locked_until is None
        delays.append(result.delay)
        clock.advance(seconds=10)
    assert delays == [1, 2, 4, 8]  # a growing wait before the next try
    fifth = store.authenticate("budi", "salah-salah-salah")
    assert fifth.locked_until == clock.now + timedelta(minutes=15)
    assert "terkunci" in fifth.message
    clock.advance(minutes=14)
    locked = store.authenticate("budi", PW)  # even the right password waits
    assert not locked.ok and locked.locked_until is not None
    clock.advance(minutes=1)
    assert store.authenticate("budi", PW).ok
    assert store.get("budi").failed == 0


def test_failures_spread_beyond_the_window_do_not_lock(store, clock):
    store.add("budi", "viewer", "", PW)
    for _ in range(4):
        store.authenticate("budi", "salah-salah-salah")
    clock.advance(minutes=16)  # the 15-minute window of the first failure has passed: counting starts again
    for _ in range(4):
        assert store.authenticate("budi", "salah-salah-salah").locked_until is None
    assert store.get("budi").failed == 4
    assert store.authenticate("budi", "salah-salah-salah").locked_until is not None  # the fifth in the window


def test_a_success_resets_the_counter(store):
    store.add("budi", "viewer", "", PW)
    for _ in range(4):
        store.authenticate("budi", "salah-salah-salah")
    assert store.authenticate("budi", PW).ok
    for _ in range(4):
        assert store.authenticate("budi", "salah-salah-salah").locked_until is None


def test_an_old_hash_is_upgraded_at_login(tmp_path, clock, make_passwords):
    path = tmp_path / "users.json"
    AccountStore(path, passwords=make_passwords(1), clock=clock).add("budi", "viewer", "", PW)
    newer = AccountStore(path, passwords=make_passwords(2), clock=clock)
    assert newer.authenticate("budi", PW).ok
    assert "t=2" in newer.get("budi").password_hash


def test_two_writers_at_once_lose_nothing(tmp_path, passwords, clock):
    path = tmp_path / "users.json"
    stores = [AccountStore(path, passwords=passwords, clock=clock) for _ in range(8)]
    threads = [threading.Thread(target=s.add, args=(f"user{i}", "viewer", "", PW)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a.username for a in stores[0].list()) == [f"user{i}" for i in range(8)]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("users.json.")] == ["users.json.lock"]


def test_a_damaged_file_is_a_clear_error(tmp_path, passwords):
    path = tmp_path / "users.json"
    path.write_text("{ ini bukan json", encoding="utf-8")
    with pytest.raises(AccountError, match="tidak dapat dibaca"):
        AccountStore(path, passwords=passwords).list()


def test_the_file_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PETAKESOS_USERS", str(tmp_path / "akun.json"))
    assert users_path() == tmp_path / "akun.json"
    monkeypatch.delenv("PETAKESOS_USERS")
    monkeypatch.setenv("PETAKESOS_DATA_DIR", str(tmp_path))
    assert users_path() == tmp_path / "users.json"
