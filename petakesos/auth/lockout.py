"""The lockout rule: after N failed logins within a window the account waits M minutes, and every failure
asks the login page to wait a little longer before the next try."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    """N failures (`max_failures`) inside `window` lock the account for `lock_for`."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock_for: timedelta = timedelta(minutes=15)
    base_delay: float = 1.0
    max_delay: float = 30.0

    def delay(self, failures: int) -> float:
        """Seconds the login page waits before accepting the next try: 1, 2, 4, 8 ... capped."""
        return 0.0 if failures <= 0 else min(self.max_delay, self.base_delay * 2 ** (failures - 1))


@dataclass(frozen=True)
class Attempts:
    """Failed logins of one account: how many since `first_failed`, and a lock if one is running."""

    failed: int = 0
    first_failed: datetime | None = None
    locked_until: datetime | None = None


def is_locked(attempts: Attempts, now: datetime) -> bool:
    """Whether a lock is running at `now`."""
    return attempts.locked_until is not None and now < attempts.locked_until


def current(attempts: Attempts, now: datetime, policy: LockoutPolicy) -> Attempts:
    """The attempts that still count at `now`: an ended lock or a window that has passed is forgotten."""
    if attempts.locked_until is not None and now >= attempts.locked_until:
        return Attempts()
    if attempts.first_failed is not None and now >= attempts.first_failed + policy.window:
        return Attempts(locked_until=attempts.locked_until)
    return attempts


def after_failure(attempts: Attempts, now: datetime, policy: LockoutPolicy) -> Attempts:
    """The attempts after one more failure at `now`, locked when it is the Nth inside the window."""
    counted = current(attempts, now, policy)
    if is_locked(counted, now):
        return counted  # tries during a lock neither count nor extend it
    failed = counted.failed + 1
    first = counted.first_failed or now
    if failed >= policy.max_failures:
        return Attempts(failed, first, now + policy.lock_for)
    return replace(counted, failed=failed, first_failed=first)
