"""Parse and describe Kemendagri wilayah codes, accepted with or without dots."""

from __future__ import annotations

import re

# Digits per level once the dots are removed: prov 2, kab 4, kec 6, desa 10.
_LEVEL_BY_DIGITS = {2: "prov", 4: "kab", 6: "kec", 10: "desa"}
LEVELS = ("prov", "kab", "kec", "desa")


class InvalidWilayah(ValueError):
    """A code that is not a Kemendagri province/kabupaten/kecamatan/desa code."""


def normalize(code: str | None) -> str:
    """Return the dotted code ('3523' -> '35.23'); '' means all of Indonesia."""
    if code is None:
        return ""
    raw = str(code).strip()
    if raw == "":
        return ""
    digits = re.sub(r"[.\s]", "", raw)
    if not digits.isdigit() or len(digits) not in _LEVEL_BY_DIGITS:
        raise InvalidWilayah(f"Kode wilayah tidak dikenal: {raw!r}")
    parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:10]]
    return ".".join(p for p in parts if p)


def level(code: str) -> str:
    """Level of a dotted code: 'nasional', 'prov', 'kab', 'kec' or 'desa'."""
    if code == "":
        return "nasional"
    return _LEVEL_BY_DIGITS[len(code.replace(".", ""))]


def child_level(code: str) -> str:
    """The level one below the code's own ('35' -> 'kab'); desa has no children."""
    lv = level(code)
    if lv == "nasional":
        return "prov"
    idx = LEVELS.index(lv)
    return LEVELS[min(idx + 1, len(LEVELS) - 1)]


def contains(scope: str, code: str) -> bool:
    """Whether `code` lies inside `scope` ('' contains everything)."""
    return scope == "" or code == scope or code.startswith(scope + ".")


def display_name(row) -> str:
    """'Kabupaten Tuban, Jawa Timur' from a row of queries/app/wilayah_names.sql (any mapping)."""
    if row["tingkat"] == 1:
        return str(row["nama"])
    if row["tingkat"] == 2:
        return f"{row['nama']}, {row['nama_prov']}"
    prefix = "Kecamatan " if row["tingkat"] == 3 else ""
    return f"{prefix}{row['nama']}, {row['nama_kab']}"
