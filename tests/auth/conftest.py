"""Fixtures for the login core: cheap argon2 parameters, a clock the test moves, a store in a temp folder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from petakesos.auth.accounts import AccountStore
from petakesos.auth.passwords import Passwords


class Clock:
    """A clock that only moves when the test says so (no sleeping)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def fast_hasher(time_cost: int = 1) -> PasswordHasher:
    """Argon2id parameters that hash in about a millisecond; the default stays strong."""
    return PasswordHasher(time_cost=time_cost, memory_cost=8, parallelism=1)


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def passwords() -> Passwords:
    return Passwords(fast_hasher())


@pytest.fixture()
def make_passwords():
    """Passwords with cheap parameters of a chosen time cost (to test the upgrade of old hashes)."""
    return lambda time_cost=1: Passwords(fast_hasher(time_cost))


@pytest.fixture()
def store(tmp_path, passwords, clock) -> AccountStore:
    return AccountStore(tmp_path / "users.json", passwords=passwords, clock=clock)
