"""Passwords: argon2 hashes that never contain the password, policy, rehash, unknown users cost the same work."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from petakesos.auth.passwords import MIN_LENGTH, Passwords, WeakPassword


def test_the_hash_is_argon2id_and_never_holds_the_password(passwords):
    stored = passwords.hash("kuda-lumping-2026")
    assert stored.startswith("$argon2id$")
    assert "kuda-lumping-2026" not in stored
    assert stored != passwords.hash("kuda-lumping-2026")  # a fresh salt each time


def test_right_password_passes_and_wrong_one_fails(passwords):
    stored = passwords.hash("kuda-lumping-2026")
    assert passwords.verify(stored, "kuda-lumping-2026").ok
    assert not passwords.verify(stored, "kuda-lumping-2025").ok
    assert not passwords.verify(stored, "").ok
    assert not passwords.verify("bukan-hash", "kuda-lumping-2026").ok


def test_the_default_parameters_stay_strong():
    hasher = Passwords().hasher
    assert hasher.time_cost >= 2 and hasher.memory_cost >= 19 * 1024  # OWASP minimum for argon2id


@pytest.mark.parametrize(
    "password, reason",
    [
        ("pendek", "minimal 10 karakter"),
        (" " * 12, "tidak boleh hanya spasi"),
        ("a" * 1000, "paling banyak 256 karakter"),
    ],
)
def test_weak_or_oversized_passwords_are_refused_in_indonesian(passwords, password, reason):
    assert MIN_LENGTH == 10
    with pytest.raises(WeakPassword, match=reason):
        passwords.hash(password)


def test_a_hash_made_with_old_parameters_is_rehashed_on_success(make_passwords):
    old = make_passwords(1).hash("kuda-lumping-2026")
    verdict = make_passwords(2).verify(old, "kuda-lumping-2026")
    assert verdict.ok and verdict.rehashed and "t=2" in verdict.rehashed
    assert make_passwords(1).verify(old, "kuda-lumping-2026").rehashed is None


def test_an_unknown_user_is_verified_against_a_dummy_hash(passwords, monkeypatch):
    calls = []
    real = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, h, p: calls.append(h) or real(self, h, p))
    assert not passwords.verify(None, "kuda-lumping-2026").ok
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")  # the same argon2 work as a real user
    assert not passwords.verify(None, "x" * 10_000).ok  # oversized: refused, still after the dummy work
    assert len(calls) == 2
