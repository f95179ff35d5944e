"""Every analysis page as every role (AppTest, a real session each): no NIK, no hash, no fixture name where
the role may not see names, and a Tuban user sees nothing of Lamongan, also with ?wilayah=35.24."""

from __future__ import annotations

import csv
import re

import pytest
from apptest import open_page
from needs import FIXTURES

from petakesos.auth import roles

PAGES = ("beranda", "peta", "peta_nasional", "cakupan", "kuota", "pelatihan", "bandingkan")
ROLES = {
    "admin": ("admin", ""),
    "provinsi": ("provinsi", "35"),
    "tuban": ("kabupaten", "35.23"),
    "lamongan": ("kabupaten", "35.24"),
    "viewer": ("viewer", ""),
}
ELEMENTS = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error", "success", "text")
HASH = re.compile(r"\b[0-9a-f]{64}\b")


def _column(name: str, column: str) -> set[str]:
    with (FIXTURES / name).open(encoding="utf-8") as f:
        return {row[column] for row in csv.DictReader(f) if row.get(column)}


NIKS = _column("pmks.csv", "nik") | _column("psm.csv", "nik")
NAMES = _column("pmks.csv", "nama") | _column("psm.csv", "nama")


def _shown(at) -> str:
    parts = [str(getattr(e, "value", "")) for kind in ELEMENTS for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [t.value.to_csv() for t in (*at.dataframe, *at.table)]
    parts += [" ".join(map(str, b.options)) for b in (*at.selectbox, *at.multiselect)]
    return "\n".join(parts)


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_crawl(world, page, who):
    role, wilayah = ROLES[who]
    at = open_page(page, as_user=(role, wilayah), wilayah="35.24" if who == "tuban" else "35.23", tahun="2023")
    assert not at.exception, at.exception
    text = _shown(at)
    assert not [n for n in NIKS if n in text]
    assert not HASH.search(text)
    if not roles.sees_names(role):
        assert not [n for n in NAMES if n in text], "names shown to a role without name rights"
    if page in ("beranda", "peta", "cakupan", "bandingkan"):
        assert not [n for n in NAMES if n in text], "names on a map, chart or comparison"
    if who == "tuban":
        assert "35.24" not in text and "Lamongan" not in text
