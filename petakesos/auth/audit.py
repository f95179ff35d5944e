"""The audit log: logins (and failures), logouts, imports, exports and user changes, appended as JSON lines to
one file (`PETAKESOS_AUDIT`, default audit.jsonl beside the accounts file) under an exclusive lock. Each line
carries the SHA-256 of the line before it, so an edit made outside the app shows as a broken chain; the app
has no code path that edits or deletes a line."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from petakesos import sql
from petakesos.auth.accounts import users_path, utc_now

# Event names as stored and shown (Indonesian: the admin reads them on the Audit page).
EVENTS = ("masuk", "masuk_gagal", "keluar", "impor", "ekspor", "pengguna")
GENESIS = "0" * 64  # the "previous line" of the first line
MAX_TEXT = 300  # a field longer than this is cut: nobody writes a megabyte into the log through a username
_TAIL = 8192  # bytes read from the end to find the last line (a line is at most ~2 kB)


def audit_path() -> Path:
    """Where the log lives: `PETAKESOS_AUDIT`, else audit.jsonl beside the accounts file."""
    return Path(os.environ.get("PETAKESOS_AUDIT") or users_path().with_name("audit.jsonl"))


def clean(value: object, limit: int = MAX_TEXT) -> str:
    """Text safe to store and show: control and format characters (newlines, bidi overrides) replaced by
    a space, cut to `limit` characters with an ellipsis."""
    text = "" if value is None else str(value)
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _digest(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


def _last_line(fd: int) -> bytes | None:
    size = os.fstat(fd).st_size
    if size == 0:
        return None
    start = max(0, size - _TAIL)
    tail = os.pread(fd, size - start, start)
    lines = tail.rstrip(b"\n").split(b"\n")
    return lines[-1]


def record(
    event: str,
    who: object,
    wilayah: object = "",
    detail: object = "",
    *,
    path: Path | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> dict:
    """Append one entry and return it. `who` and `detail` are cleaned (a username as typed at a failed
    login may hold anything); an unknown event is refused (ValueError): the page's filter lists them."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event: {event!r}")
    target = Path(path) if path is not None else audit_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        last = _last_line(fd)
        number = 1
        if last is not None:
            try:
                number = int(json.loads(last).get("no", 0)) + 1
            except (ValueError, AttributeError):
                number = 0  # the last line is not ours: keep appending, the chain check reports it
        entry = {
            "no": number,
            "waktu": clock().isoformat(timespec="seconds"),
            "peristiwa": event,
            "pengguna": clean(who, 64),
            "wilayah": clean(wilayah, 32),
            "keterangan": clean(detail),
            "sebelum": GENESIS if last is None else _digest(last),
        }
        os.write(fd, json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        os.fsync(fd)
        return entry
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def first_broken_line(path: Path | None = None) -> int | None:
    """The number (1-based) of the first line changed outside the app, or None when the chain holds.

    Line N+1 names the hash of line N; when it does not match, line N was edited (or a line was inserted
    or removed there). A line that is not an entry of ours breaks the chain at itself."""
    target = Path(path) if path is not None else audit_path()
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return None
    previous = GENESIS
    for n, line in enumerate(raw.rstrip(b"\n").split(b"\n") if raw else [], start=1):
        try:
            claimed = json.loads(line)["sebelum"]
        except (ValueError, KeyError, TypeError):
            return n
        if claimed != previous:
            return max(1, n - 1)
        previous = _digest(line)
    return None


@dataclass(frozen=True)
class Filter:
    """What the Audit page filters by; '' means any."""

    dari: date
    sampai: date
    event: str = ""
    who: str = ""
    wilayah: str = ""


def entries(flt: Filter, path: Path | None = None) -> pd.DataFrame:
    """The log's entries that pass the filter, newest first (queries/audit/audit_entries.sql, the path a
    bound parameter); an absent log has none."""
    target = Path(path) if path is not None else audit_path()
    if not target.exists() or target.stat().st_size == 0:
        return pd.DataFrame(columns=["nomor", "waktu", "peristiwa", "pengguna", "wilayah", "keterangan"])
    con = duckdb.connect()
    try:
        return sql.run(
            con,
            "audit/audit_entries",
            scope="",
            path=str(target),
            event=flt.event,
            who=flt.who,
            wilayah=flt.wilayah,
            dari=flt.dari,
            sampai=flt.sampai,
        )
    finally:
        con.close()
