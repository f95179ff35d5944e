"""Every download a page offers (Excel sheets, the map as HTML and PNG, chart data), built as the button
builds it on click, for every role: no NIK, no hash, no fixture name where the role may not see names, and
for a Tuban user who follows a Lamongan link nothing of Lamongan. Complements test_role_crawl (the page)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from apptest import open_page
from test_role_crawl import HASH, NAMES, NIKS, PAGES, ROLES

from petakesos.auth import roles
from petakesos.ui import blocks


def _text(file_name: str, content: object) -> str:
    """What a person could read in the file: every cell of a workbook, the text of an HTML or CSV file."""
    data = content.encode() if isinstance(content, str) else bytes(content)
    if zipfile.is_zipfile(io.BytesIO(data)) and file_name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return (
            "\n".join(
                " ".join("" if v is None else str(v) for v in row)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
            + "\n"
            + " ".join(book.sheetnames)
        )
    if file_name.endswith(".png"):
        return ""  # pixels: the map's labels are checked in its HTML twin
    return data.decode("utf-8", errors="replace")


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_every_export_as_every_role(world, page, who, monkeypatch):
    offered: list[tuple[str, object]] = []
    audited = blocks.audited

    def remember(file_name, make):
        offered.append((file_name, make))
        return audited(file_name, make)

    monkeypatch.setattr(blocks, "audited", remember)
    role, wilayah = ROLES[who]
    at = open_page(page, as_user=(role, wilayah), wilayah="35.24" if who == "tuban" else "35.23", tahun="2023")
    assert not at.exception, at.exception
    if page == "kuota" and at.text_input:  # the plan and its workbook come after a number of slots
        at.text_input(key="kuota_slot").input("3")
        at.run()
        assert not at.exception, at.exception
    if who == "admin":  # the capture works: these pages offer downloads on the fixture
        assert offered or page in ("beranda", "peta_nasional"), f"{page}: no download offered"
    for file_name, make in offered:
        text = _text(file_name, make())
        assert not [n for n in NIKS if n in text], file_name
        assert not HASH.search(text), file_name
        if not roles.sees_names(role) or page in ("peta", "cakupan", "bandingkan"):
            assert not [n for n in NAMES if n in text], f"{file_name}: names"
        if who == "tuban":
            assert "35.24" not in text and "Lamongan" not in text, file_name
