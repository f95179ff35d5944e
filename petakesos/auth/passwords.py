"""Password hashing with argon2id (argon2-cffi): the policy, verification with rehash, and equal work for
unknown users so a login's timing does not tell which names exist."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 256  # long enough for any passphrase, short enough that nobody posts megabytes to the hasher


class WeakPassword(ValueError):
    """A password the policy refuses; the message is for the user, in Indonesian."""


def check_policy(password: object) -> str:
    """The password itself when the policy accepts it; otherwise WeakPassword with the reason."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise WeakPassword(f"Kata sandi minimal {MIN_LENGTH} karakter.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Kata sandi paling banyak {MAX_LENGTH} karakter.")
    if not password.strip():
        raise WeakPassword("Kata sandi tidak boleh hanya spasi.")
    return password


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check; `rehashed` is a new hash to store when the parameters have changed."""

    ok: bool
    rehashed: str | None = None


class Passwords:
    """Hash and verify with one set of argon2 parameters (argon2-cffi's defaults, RFC 9106 low-memory, unless
    a test passes cheaper ones)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        """A new salted argon2id hash of a password the policy accepts."""
        return self.hasher.hash(check_policy(password))

    def verify(self, stored: str | None, password: object) -> Verdict:
        """Whether `password` matches `stored`; `stored` None (unknown user) costs the same argon2 work."""
        usable = isinstance(password, str) and 0 < len(password) <= MAX_LENGTH
        target = stored if stored is not None and usable else self._dummy_hash()
        try:
            self.hasher.verify(target, password if usable else "")
        except (VerificationError, InvalidHashError):
            return Verdict(False)
        if target is not stored:
            return Verdict(False)
        rehashed = self.hasher.hash(password) if self.hasher.check_needs_rehash(stored) else None
        return Verdict(True, rehashed)

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy
