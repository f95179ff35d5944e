"""Keyed hashing of NIK, so the database can link a person's rows without ever holding the NIK.

The import hashes in DuckDB (macro `values_hmac` in queries/ingest/values_macro_hmac.sql) with the pads from
`hmac_pads`; `hash_one` is the same HMAC-SHA256 in Python, for tests and single values.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import pandas as pd

_BLOCK = 64  # SHA-256 block size in bytes (RFC 2104)


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


def hmac_pads(key: bytes) -> dict[str, bytes]:
    """{'ipad': K xor 0x36.., 'opad': K xor 0x5c..} to bind as BLOB parameters of the SQL-side HMAC.

    K is the key padded with zeros to 64 bytes (hashed first when longer), as RFC 2104 says.
    """
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(_BLOCK, b"\0")
    return {"ipad": bytes(b ^ 0x36 for b in padded), "opad": bytes(b ^ 0x5C for b in padded)}


def hash_one(key: bytes, nik: str) -> str:
    """HMAC-SHA256 of one NIK as lower-case hex."""
    return hmac.new(key, nik.encode("utf-8"), hashlib.sha256).hexdigest()


def hash_series(key: bytes, niks: pd.Series) -> pd.Series:
    """HMAC-SHA256 of each NIK (missing stays missing)."""
    return niks.map(lambda v: hash_one(key, v) if isinstance(v, str) else None)
