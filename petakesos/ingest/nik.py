"""Keyed hashing of NIK, so the database can link a person's rows without ever holding the NIK."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import pandas as pd


def load_key(key_path: Path) -> bytes:
    """The HMAC key: $PETAKESOS_NIK_KEY if set, else the key file (created on first use, mode 600)."""
    env_key = os.environ.get("PETAKESOS_NIK_KEY")
    if env_key:
        return env_key.encode("utf-8")
    if not key_path.exists():
        key_path.parent.mkdir(parents=True, exist_ok=True)
        key_path.write_text(secrets.token_hex(32), encoding="utf-8")
        key_path.chmod(0o600)
    return key_path.read_text(encoding="utf-8").strip().encode("utf-8")


def hash_one(key: bytes, nik: str) -> str:
    return hmac.new(key, nik.encode("utf-8"), hashlib.sha256).hexdigest()


def hash_series(key: bytes, niks: pd.Series) -> pd.Series:
    """HMAC-SHA256 of each NIK (missing stays missing)."""
    return niks.map(lambda v: hash_one(key, v) if isinstance(v, str) else None)
