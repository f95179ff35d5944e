"""Local accounts kept in a JSON file (`PETAKESOS_USERS`, default data/users.json, never committed): who
someone is, their role and wilayah, an argon2 hash, and their failed logins. Messages are for users, in
Indonesian."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from petakesos import wilayah as codes
from petakesos.auth import filestore
from petakesos.auth.lockout import Attempts, LockoutPolicy, after_failure, current, is_locked
from petakesos.auth.passwords import Passwords
from petakesos.clock import utc_now
from petakesos.config import settings

ROLES = ("admin", "provinsi", "kabupaten", "viewer")
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
USERNAME_RULE = (
    "Nama pengguna hanya boleh berisi huruf kecil a-z, angka, titik, garis bawah dan tanda hubung, "
    "2 sampai 32 karakter, diawali huruf atau angka."
)
FAILED = "Nama pengguna atau kata sandi salah."


class AccountError(ValueError):
    """A change or a file the accounts cannot take; the message says why, in Indonesian."""


def users_path() -> Path:
    """Where the accounts live: `PETAKESOS_USERS`, else users.json in the data folder."""
    return Path(os.environ.get("PETAKESOS_USERS") or settings().data_dir / "users.json")


def check_username(name: object) -> str:
    """The name when it follows the rule (no paths, quotes, spaces or capitals); AccountError otherwise."""
    if not isinstance(name, str) or len(name) > 32 or not _USERNAME.fullmatch(name):
        raise AccountError(USERNAME_RULE)
    return name


def check_scope(role: str, wilayah: str | None) -> str:
    """The dotted wilayah code a role is limited to: '' for admin, a province for provinsi, a kabupaten/kota
    for kabupaten, any level (or none) for viewer."""
    if role not in ROLES:
        raise AccountError(f"Peran tidak dikenal; pilih salah satu: {', '.join(ROLES)}.")
    try:
        code = codes.normalize(wilayah)
    except codes.InvalidWilayah:
        raise AccountError("Kode wilayah tidak dikenal: pakai kode Kemendagri, mis. 35 atau 35.23.") from None
    level = codes.level(code)
    if role == "admin" and code:
        raise AccountError("Peran admin tidak dibatasi wilayah; biarkan wilayah kosong.")
    if role == "provinsi" and level != "prov":
        raise AccountError("Peran provinsi memerlukan kode provinsi, mis. 35.")
    if role == "kabupaten" and level != "kab":
        raise AccountError("Peran kabupaten memerlukan kode kabupaten/kota, mis. 35.23.")
    return code


def check_email(email: object) -> str:
    """The e-mail in lower case ('' for none) when it looks like one; the SSO login maps it to this account."""
    if email is None or email == "":
        return ""
    if not isinstance(email, str) or len(email) > 254 or not _EMAIL.fullmatch(email):
        raise AccountError("Alamat e-mail tidak dikenal, mis. nama@dinsos.example.go.id.")
    return email.lower()


@dataclass(frozen=True)
class Account:
    """One local user. The hash stays out of repr so it never lands in a log by accident."""

    username: str
    role: str
    wilayah: str
    password_hash: str = field(repr=False)
    created: datetime
    changed: datetime  # last change of password, role or wilayah (not of the failure counter)
    attempts: Attempts = Attempts()
    email: str = ""  # optional: the identity-provider e-mail that `st.login` maps to this account

    @property
    def failed(self) -> int:
        return self.attempts.failed

    def to_row(self) -> dict:
        a, stamp = self.attempts, _iso
        return {
            "username": self.username,
            "role": self.role,
            "wilayah": self.wilayah,
            "password_hash": self.password_hash,
            "created": stamp(self.created),
            "changed": stamp(self.changed),
            "failed": a.failed,
            "first_failed": stamp(a.first_failed),
            "locked_until": stamp(a.locked_until),
            "email": self.email,
        }

    @classmethod
    def from_row(cls, row: dict) -> Account:
        when = _parse  # ISO 8601 with its UTC offset
        attempts = Attempts(int(row.get("failed") or 0), when(row.get("first_failed")), when(row.get("locked_until")))
        return cls(
            str(row["username"]),
            str(row["role"]),
            str(row["wilayah"]),
            str(row["password_hash"]),
            when(row["created"]),
            when(row["changed"]),
            attempts,
            str(row.get("email") or ""),
        )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


@dataclass(frozen=True)
class LoginResult:
    """A login attempt: the account when it succeeded; otherwise a message, the lock and a wait hint."""

    account: Account | None
    locked_until: datetime | None = None
    delay: float = 0.0  # seconds the login page should wait before the next try
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.account is not None


class AccountStore:
    """The accounts of one file; every change is a locked read-modify-write with an atomic replace."""

    def __init__(
        self,
        path: Path | None = None,
        passwords: Passwords | None = None,
        policy: LockoutPolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.path = Path(path) if path is not None else users_path()
        self.passwords = passwords or Passwords()
        self.policy = policy or LockoutPolicy()
        self.clock = clock

    def list(self) -> list[Account]:
        """All accounts, by name."""
        return sorted(self._load().values(), key=lambda a: a.username)

    def get(self, username: object) -> Account | None:
        """The account of that name; None for an unknown or malformed name."""
        return self._load().get(username) if isinstance(username, str) else None

    def by_email(self, email: object) -> Account | None:
        """The one account with this e-mail (case-insensitive); None for none, a malformed one or two."""
        try:
            wanted = check_email(email)
        except AccountError:
            return None
        found = [a for a in self._load().values() if wanted and a.email == wanted]
        return found[0] if len(found) == 1 else None

    def add(self, username: str, role: str, wilayah: str | None, password: str, email: str | None = None) -> Account:
        """A new account; AccountError when the name or e-mail is taken or the role and wilayah do not fit."""
        name, code, mail = check_username(username), check_scope(role, wilayah), check_email(email)
        hashed = self.passwords.hash(password)
        now = self.clock()
        with self._change() as users:
            if name in users:
                raise AccountError(f"Pengguna {name} sudah ada.")
            if mail and any(a.email == mail for a in users.values()):
                raise AccountError(f"E-mail {mail} sudah dipakai pengguna lain.")
            users[name] = Account(name, role, code, hashed, now, now, email=mail)
            return users[name]

    def remove(self, username: str) -> None:
        """Remove the account (its sessions end at their next use: the account is gone)."""
        name = check_username(username)
        with self._change() as users:
            if users.pop(name, None) is None:
                raise AccountError(f"Pengguna {name} tidak ditemukan.")

    def set_password(self, username: str, password: str) -> Account:
        """A new password; ends the user's sessions and any running lock."""
        name = check_username(username)
        hashed = self.passwords.hash(password)
        with self._change() as users:
            if name not in users:
                raise AccountError(f"Pengguna {name} tidak ditemukan.")
            users[name] = replace(users[name], password_hash=hashed, changed=self.clock(), attempts=Attempts())
            return users[name]

    def authenticate(self, username: object, password: object) -> LoginResult:
        """Check a login. Unknown names cost the same argon2 work and get the same message as a wrong
        password; the Nth failure inside the window locks the account."""
        now, policy = self.clock(), self.policy
        known = self.get(username)
        verdict = self.passwords.verify(known.password_hash if known else None, password)
        if known is None:
            return LoginResult(None, delay=policy.delay(1), message=FAILED)
        with self._change() as users:
            account = users.get(known.username)
            if account is None or account.password_hash != known.password_hash:
                return LoginResult(None, delay=policy.delay(1), message=FAILED)  # changed meanwhile
            attempts = current(account.attempts, now, policy)
            if verdict.ok and not is_locked(attempts, now):
                users[account.username] = replace(
                    account, password_hash=verdict.rehashed or account.password_hash, attempts=Attempts()
                )
                return LoginResult(users[account.username])
            if not is_locked(attempts, now):
                attempts = after_failure(attempts, now, policy)
            users[account.username] = replace(account, attempts=attempts)
        if is_locked(attempts, now):
            until = attempts.locked_until
            return LoginResult(None, until, (until - now).total_seconds(), _locked_message(until))
        return LoginResult(None, delay=policy.delay(attempts.failed), message=FAILED)

    def _load(self) -> dict[str, Account]:
        try:
            return {a.username: a for a in map(Account.from_row, filestore.read(self.path))}
        except filestore.DamagedFile as exc:
            raise AccountError(str(exc)) from None
        except (KeyError, TypeError, ValueError) as exc:
            raise AccountError(f"Berkas akun {self.path} tidak dapat dibaca ({exc.__class__.__name__}).") from None

    @contextmanager
    def _change(self) -> Iterator[dict[str, Account]]:
        with filestore.locked(self.path):
            before = self._load()
            users = dict(before)
            yield users
            if users != before:
                filestore.write(self.path, [users[n].to_row() for n in sorted(users)])


def _locked_message(until: datetime) -> str:
    return (
        "Akun terkunci karena terlalu banyak percobaan gagal; "
        f"coba lagi setelah pukul {until.astimezone().strftime('%H.%M')}."
    )
