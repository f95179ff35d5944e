"""Server-side sessions: opaque tokens stored hashed, idle and absolute expiry, revocation."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from petakesos.auth.sessions import SessionStore

PW = "kuda-lumping-2026"


@pytest.fixture()
def sessions(store, clock) -> SessionStore:
    store.add("tuban", "kabupaten", "35.23", PW)
    store.add("jatim", "provinsi", "35", PW)
    return SessionStore(store.get, idle=timedelta(minutes=30), lifetime=timedelta(hours=8), clock=clock)


def _login(store, sessions, name="tuban") -> str:
    return sessions.create(store.authenticate(name, PW).account)


def test_a_token_is_opaque_random_and_stored_only_as_its_hash(store, sessions):
    token = _login(store, sessions)
    assert len(token) >= 43 and "tuban" not in token
    assert token != _login(store, sessions)
    kept = repr(vars(sessions))
    assert token not in kept and hashlib.sha256(token.encode()).hexdigest() in kept
    session = sessions.get(token)
    assert (session.username, session.role, session.wilayah) == ("tuban", "kabupaten", "35.23")


def test_idle_timeout(store, sessions, clock):
    token = _login(store, sessions)
    clock.advance(minutes=29)
    assert sessions.get(token) is not None  # use keeps it alive
    clock.advance(minutes=29)
    assert sessions.get(token) is not None
    clock.advance(minutes=31)
    assert sessions.get(token) is None
    clock.advance(seconds=1)
    assert sessions.get(token) is None  # and it stays gone


def test_absolute_lifetime_even_when_used(store, sessions, clock):
    token = _login(store, sessions)
    for _ in range(16):
        clock.advance(minutes=29)
        assert sessions.get(token) is not None
    clock.advance(minutes=29)  # 8 h 13 min after login
    assert sessions.get(token) is None


def test_logout_revokes_only_that_session(store, sessions):
    first, second = _login(store, sessions), _login(store, sessions)
    assert sessions.revoke(first)
    assert sessions.get(first) is None and sessions.get(second) is not None
    assert not sessions.revoke(first)


@pytest.mark.parametrize(
    "forged",
    [
        "",
        None,
        "x",
        "a" * 43,
        "' OR '1'='1",
        "../../etc/passwd",
        "A" * 100_000,
        12345,
        b"bytes",
    ],
)
def test_unknown_or_malformed_tokens_give_none(store, sessions, forged):
    _login(store, sessions)
    assert sessions.get(forged) is None
    assert not sessions.revoke(forged)


def test_a_tampered_token_gives_none(store, sessions):
    token = _login(store, sessions)
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert sessions.get(flipped) is None
    assert sessions.get(token + "x") is None
    assert sessions.get(token.upper() if token.upper() != token else token.lower()) is None
    assert sessions.get(token) is not None


def test_a_password_change_revokes_every_session_of_that_user(store, sessions, clock):
    tuban1, tuban2, jatim = _login(store, sessions), _login(store, sessions), _login(store, sessions, "jatim")
    clock.advance(minutes=1)
    store.set_password("tuban", "kata-sandi-baru-99")  # e.g. from the command line, another process
    assert sessions.get(tuban1) is None and sessions.get(tuban2) is None
    assert sessions.get(jatim) is not None


def test_removing_the_user_revokes_their_sessions(store, sessions):
    token = _login(store, sessions)
    store.remove("tuban")
    assert sessions.get(token) is None


def test_re_adding_a_removed_user_does_not_bring_old_sessions_back(store, sessions):
    token = _login(store, sessions)
    store.remove("tuban")
    store.add("tuban", "kabupaten", "35.23", PW)  # same name, same clock time
    assert sessions.get(token) is None


def test_revoke_user_in_this_process(store, sessions):
    tokens = [_login(store, sessions) for _ in range(3)]
    jatim = _login(store, sessions, "jatim")
    assert sessions.revoke_user("tuban") == 3
    assert all(sessions.get(t) is None for t in tokens) and sessions.get(jatim) is not None


def test_expired_sessions_are_dropped_from_memory(store, sessions, clock):
    for _ in range(5):
        _login(store, sessions)
    clock.advance(hours=9)
    _login(store, sessions)
    assert sessions.active() == 1
