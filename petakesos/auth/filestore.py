"""The accounts file on disk: read it, and change it under an exclusive lock with an atomic replace, so two
writers (the app and `python -m petakesos user`) never lose each other's change or leave half a file."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class DamagedFile(ValueError):
    """The file exists but is not an accounts file."""


def read(path: Path) -> list[dict]:
    """The account rows of the file; an absent file has none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedFile(f"Berkas akun {path} tidak dapat dibaca ({exc.__class__.__name__}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("users"), list):
        raise DamagedFile(f"Berkas akun {path} tidak dapat dibaca (bentuknya bukan berkas akun).")
    return data["users"]


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of `path` (a `.lock` file beside it) for a read-modify-write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def write(path: Path, users: list[dict]) -> None:
    """Replace the file with `users` in one step (temp file, fsync, os.replace); readable by the owner only.
    Call it inside `locked`."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"version": 1, "users": users}, out, ensure_ascii=False, indent=2)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a crash
    finally:
        os.close(folder)
