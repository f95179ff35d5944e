"""Impor Data in the real app (issue 12), on a store of the test's own built from tests/fixtures: upload
the messy workbook (features/test_impor.py: title rows, desa names for Kecamatan Kenduruan, 'Sidorejo'
in two kecamatan), see the columns as read and the preview, import, see the report add up (read 5 =
imported 3 + quarantined 2 + duplicate 0), download the quarantine Excel in the file's own layout,
confirm Sidorejo = Desa Sidorejo of Kenduruan, fix the other row (category 99 -> 24) in that Excel,
upload the fixed Excel and see both rows leave quarantine. And: while one user imports, another user's
Peta page still answers."""

from __future__ import annotations

import os
import shutil

import openpyxl
import pytest
from features.test_impor import messy_workbook
from needs import FIXTURES

from e2e.conftest import MAP_IFRAME
from e2e.login import log_in
from petakesos.bench import server
from petakesos.config import REPO_ROOT
from petakesos.ingest.importer import import_files

pytestmark = pytest.mark.e2e
DOCS = REPO_ROOT / "docs"
VIEW = {"width": 1366, "height": 768}
NAME = "Kasus Kenduruan.xlsx"
ADMIN, PASSWORD = "admin.impor", "sandi-impor-uji-2026"  # imports need an admin login


@pytest.fixture()
def app(world, tmp_path):
    """The app served on a store of this test (the fixture's population, cases and PSM), with one admin."""
    from argon2 import PasswordHasher

    from petakesos.auth.accounts import AccountStore
    from petakesos.auth.passwords import Passwords

    store = tmp_path / "store"
    import_files([FIXTURES / n for n in ("penduduk.csv", "pmks.csv", "psm.csv")], world, store=store)
    users = tmp_path / "akun" / "users.json"
    users.parent.mkdir()
    fast = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    AccountStore(users, passwords=fast).add(ADMIN, "admin", "", PASSWORD)
    with server.serve(env=dict(os.environ, PETAKESOS_STORE=str(store), PETAKESOS_USERS=str(users))) as url:
        yield url


def _open(page, url: str, title: str = "Impor Data") -> None:
    """Sign in as the admin and open a page from the navigation (a reload would end the session)."""
    log_in(page, url, ADMIN, PASSWORD)
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    if title == "Impor Data":
        page.get_by_text("Berkas ekspor (CSV atau XLSX)").wait_for(timeout=90_000)
        kab = page.get_by_role("textbox", name="Kode kabupaten/kota berkas")
        kab.fill("35.23")
        kab.press("Enter")
        page.wait_for_timeout(1_000)


def _upload(page, path, header_row: int = 4) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text(f"judul di baris {header_row}").first.wait_for(timeout=60_000)


def _fix_category(saved, target):
    """The downloaded quarantine Excel with Warga Lima's category 99 corrected to 24, as staff would."""
    book = openpyxl.load_workbook(saved)
    sheet = book["Karantina"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Nama Lengkap")].value == "Warga Lima":
            assert row[header.index("Baris asal")].value == 9  # the row it came from in the original file
            row[header.index("Jenis PMKS")].value = "24"
    book.save(target)
    return target


def _import(page, sentence: str) -> None:
    page.get_by_role("button", name="Impor", exact=True).click()
    page.get_by_text(sentence).first.wait_for(timeout=180_000)


def test_upload_import_report_confirm_and_import_again(app, tmp_path, page):
    page.set_viewport_size(VIEW)
    workbook = messy_workbook(tmp_path / NAME)
    _open(page, app)
    _upload(page, workbook)
    assert page.get_by_text("Register kasus PMKS · judul di baris 4 · 5 baris data · 1 baris jumlah").count() == 1
    page.screenshot(path=str(DOCS / "impor_unggah.png"))
    page.get_by_text("Jenis data", exact=True).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=str(DOCS / "impor_kolom.png"))

    _import(page, "dibaca 5 = diimpor 3 + karantina 2 + duplikat 0")
    page.get_by_role("heading", name="Laporan mutu impor").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.get_by_text("Unduh baris karantina").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)  # let the chart finish drawing before the screenshot
    page.screenshot(path=str(DOCS / "impor_laporan.png"))

    with page.expect_download(timeout=60_000) as got:
        page.get_by_text("Unduh baris karantina").first.click()
    saved = tmp_path / "karantina.xlsx"
    got.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved)["Karantina"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Nama Lengkap",
        "L/P",
        "Tgl Lahir",
        "Jenis PMKS",
        "Desa/Kel",
        "Tgl Pendataan",
        "Status",
        "Baris asal",
        "Berkas asal",
        "Alasan",
    )
    assert [(r[0], r[4], r[7], r[8]) for r in rows[1:]] == [
        ("Warga Empat", "Sidorejo", 8, NAME),
        ("Warga Lima", "35.23.01.2001", 9, NAME),
    ]
    assert "lebih dari satu kecamatan" in rows[1][9] and "NIK" not in rows[0]

    # Tick the first candidate of Sidorejo (Desa Sidorejo, Kec. Kenduruan): 'Pilih' is the editor's first column.
    editor = page.locator('[data-testid="stDataFrame"]', has_text="Kecamatan kandidat")
    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    page.mouse.click(box["x"] + 52, box["y"] + 35 + 17)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Simpan pilihan").click()
    page.get_by_text("Pilihan disimpan (1 nama)").wait_for(timeout=60_000)
    page.screenshot(path=str(DOCS / "impor_desa.png"))

    # The downloaded Excel fixed in Excel (Warga Lima's category) and uploaded: both rows leave quarantine,
    # Sidorejo now matched by the confirmation, Warga Lima by the fix; their NIK carried over from quarantine.
    page.get_by_role("button", name=f"Remove {NAME}").click()
    page.get_by_text("5 baris data").wait_for(state="detached", timeout=30_000)
    fixed = _fix_category(saved, tmp_path / f"karantina_{NAME}")
    _upload(page, fixed, header_row=1)
    page.get_by_text("Unduhan karantina yang diperbaiki").wait_for(timeout=30_000)
    _import(page, f"karantina_{NAME}: dibaca 2 = diimpor 2 + karantina 0 + duplikat 0")
    page.get_by_text("Tidak ada nama desa yang menunggu konfirmasi.").wait_for(timeout=60_000)
    page.get_by_text(f"{NAME}: Tidak ada baris karantina dari berkas ini.").wait_for(timeout=60_000)
    assert page.get_by_text("Impor ditolak").count() == 0
    report = page.locator('[data-testid="stDataFrame"]').first
    assert report.is_visible()
    page.get_by_role("heading", name="Laporan mutu impor").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(1_000)
    page.screenshot(path=str(DOCS / "impor_perbaikan.png"))


def test_another_users_map_answers_while_one_imports(app, tmp_path, browser):
    big = tmp_path / "kasus_besar.csv"
    header, *rows = (FIXTURES / "pmks.csv").read_text(encoding="utf-8").splitlines()
    with big.open("w", encoding="utf-8") as out:  # 300,000 rows: an import that takes a while
        out.write(header + "\n")
        for i in range(300_000):
            out.write(f"35230101{i:08d},Orang {i},L,1970-01-01,24,35.23.01.2001,2023-01-0{1 + i % 9},aktif,,SIKS-NG\n")
    importer = browser.new_context(viewport=VIEW)
    viewer = browser.new_context(viewport=VIEW)
    try:
        a, b = importer.new_page(), viewer.new_page()
        log_in(b, app, ADMIN, PASSWORD)  # the other user is signed in before the import starts
        _open(a, app)
        a.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(big))
        a.get_by_text("300.000 baris data").wait_for(timeout=180_000)
        a.get_by_role("button", name="Impor", exact=True).click()
        a.locator('[data-testid="stProgress"]').wait_for(timeout=60_000)

        b.locator('[data-testid="stSidebarNav"]').get_by_text("Peta PMKS", exact=True).click()
        b.locator(MAP_IFRAME).wait_for(timeout=90_000)  # the whole page ran: its map is drawn last but one
        assert b.get_by_role("heading", name="Peta PMKS").count() == 1
        assert a.locator('[data-testid="stProgress"]').count() == 1  # the import was still running
        b.screenshot(path=str(tmp_path / "peta_saat_impor.png"))

        a.get_by_text("dibaca 300.000 = diimpor 300.000 + karantina 0 + duplikat 0").wait_for(timeout=600_000)
    finally:
        importer.close()
        viewer.close()
        shutil.rmtree(tmp_path / "store" / "impor_unggah", ignore_errors=True)
