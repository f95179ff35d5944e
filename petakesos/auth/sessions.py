"""Server-side sessions: the browser holds an opaque random token, the server keeps only its SHA-256 with
the user and the times, and drops it at logout, after the idle timeout or the absolute lifetime, or when the
account's password, role or wilayah changes (also when changed by another process, e.g. the command line)."""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from petakesos.auth.accounts import Account, utc_now

_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Session:
    """Who is logged in, as the account stands now."""

    username: str
    role: str
    wilayah: str
    created: datetime
    last_seen: datetime


@dataclass(frozen=True)
class _Entry:
    username: str
    stamp: str  # the account's credentials at login; any change ends the session
    created: datetime
    last_seen: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _stamp(account: Account) -> str:
    fields = (account.password_hash, account.role, account.wilayah, account.created.isoformat())
    return hashlib.sha256("\x1f".join((*fields, account.changed.isoformat())).encode()).hexdigest()


class SessionStore:
    """Sessions of one server process. `lookup` returns the current account of a name (AccountStore.get)."""

    def __init__(
        self,
        lookup: Callable[[str], Account | None],
        idle: timedelta = timedelta(minutes=30),
        lifetime: timedelta = timedelta(hours=8),
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.lookup, self.idle, self.lifetime, self.clock = lookup, idle, lifetime, clock
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()  # Streamlit runs each browser session on its own thread

    def create(self, account: Account) -> str:
        """A new token for a freshly authenticated account; give it to the browser, keep nothing else."""
        token, now = secrets.token_urlsafe(32), self.clock()
        with self._lock:
            self._purge(now)
            self._entries[_digest(token)] = _Entry(account.username, _stamp(account), now, now)
        return token

    def get(self, token: object) -> Session | None:
        """The session of a token, refreshed; None for a malformed, unknown, expired or revoked token and
        when the account is gone or its credentials have changed."""
        key = _key(token)
        if key is None:
            return None
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if self._expired(entry, now):
                del self._entries[key]
                return None
        account = self.lookup(entry.username)  # reads the accounts file: outside the lock
        with self._lock:
            if account is None or _stamp(account) != entry.stamp:
                self._entries.pop(key, None)
                return None
            if key not in self._entries:
                return None  # revoked meanwhile
            self._entries[key] = replace(entry, last_seen=now)
        return Session(account.username, account.role, account.wilayah, entry.created, now)

    def revoke(self, token: object) -> bool:
        """Logout: forget the token; whether there was one."""
        key = _key(token)
        with self._lock:
            return key is not None and self._entries.pop(key, None) is not None

    def revoke_user(self, username: str) -> int:
        """End every session of a user (password changed or user removed in this process); how many."""
        with self._lock:
            keys = [k for k, e in self._entries.items() if e.username == username]
            for k in keys:
                del self._entries[k]
        return len(keys)

    def active(self) -> int:
        """Sessions not yet expired."""
        with self._lock:
            self._purge(self.clock())
            return len(self._entries)

    def _expired(self, entry: _Entry, now: datetime) -> bool:
        return now >= entry.last_seen + self.idle or now >= entry.created + self.lifetime

    def _purge(self, now: datetime) -> None:
        for k in [k for k, e in self._entries.items() if self._expired(e, now)]:
            del self._entries[k]


def _key(token: object) -> str | None:
    return _digest(token) if isinstance(token, str) and _TOKEN.fullmatch(token) else None
