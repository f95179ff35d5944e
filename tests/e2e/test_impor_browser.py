"""Impor Data in the real app (issue 12), on a store of the test's own built from tests/fixtures: upload
the messy workbook (features/test_impor.py: title rows, desa names for Kecamatan Kenduruan, 'Sidorejo'
in two kecamatan), see the preview, import, see the report add up (read 5 = imported 3 + quarantined 2
+ duplicate 0), download the quarantine Excel in the file's own layout, confirm Sidorejo = Desa Sidorejo
of Kenduruan, upload the same file again and see the row leave quarantine. And: while one user
imports, another user's Peta page still answers."""

from __future__ import annotations

import os
import shutil

import openpyxl
import pytest
from features.test_impor import messy_workbook
from needs import FIXTURES

from e2e.conftest import MAP_IFRAME
from petakesos.bench import server
from petakesos.config import REPO_ROOT
from petakesos.ingest.importer import import_files

pytestmark = pytest.mark.e2e
DOCS = REPO_ROOT / "docs"
VIEW = {"width": 1366, "height": 768}
NAME = "Kasus Kenduruan.xlsx"


@pytest.fixture()
def app(world, tmp_path):
    """The app served on a store of this test: the fixture's population, cases and PSM."""
    store = tmp_path / "store"
    import_files([FIXTURES / n for n in ("penduduk.csv", "pmks.csv", "psm.csv")], world, store=store)
    with server.serve(env=dict(os.environ, PETAKESOS_STORE=str(store))) as url:
        yield url


def _upload(page, path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("judul di baris 4").first.wait_for(timeout=60_000)


def _import(page, sentence: str) -> None:
    page.get_by_role("button", name="Impor", exact=True).click()
    page.get_by_text(sentence).first.wait_for(timeout=180_000)


def test_upload_import_report_confirm_and_import_again(app, tmp_path, page):
    page.set_viewport_size(VIEW)
    workbook = messy_workbook(tmp_path / NAME)
    page.goto(f"{app}/impor?wilayah=35.23.01&tahun=2023")
    page.get_by_text("Berkas ekspor (CSV atau XLSX)").wait_for(timeout=90_000)
    assert page.get_by_role("textbox", name="Kode kabupaten/kota berkas").input_value() == "35.23"
    _upload(page, workbook)
    assert page.get_by_text("Register kasus PMKS · judul di baris 4 · 5 baris data · 1 baris jumlah").count() == 1
    page.screenshot(path=str(DOCS / "impor_unggah.png"))

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
        "Alasan",
    )
    assert [(r[0], r[4], r[7]) for r in rows[1:]] == [
        ("Warga Empat", "Sidorejo", 8),
        ("Warga Lima", "35.23.01.2001", 9),
    ]
    assert "lebih dari satu kecamatan" in rows[1][8] and "NIK" not in rows[0]

    # Tick the first candidate of Sidorejo (Desa Sidorejo, Kec. Kenduruan): 'Pilih' is the editor's first column.
    editor = page.locator('[data-testid="stDataFrame"]', has_text="Kecamatan kandidat")
    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    page.mouse.click(box["x"] + 52, box["y"] + 35 + 17)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Simpan pilihan").click()
    page.get_by_text("Pilihan disimpan (1 nama)").wait_for(timeout=60_000)
    page.screenshot(path=str(DOCS / "impor_desa.png"))

    page.get_by_role("button", name=f"Remove {NAME}").click()
    page.get_by_text("5 baris data").wait_for(state="detached", timeout=30_000)
    (tmp_path / "lagi").mkdir()
    _upload(page, shutil.copy(workbook, tmp_path / "lagi" / NAME))  # the same file, picked again
    _import(page, "dibaca 5 = diimpor 1 + karantina 0 + duplikat 4")
    page.get_by_text("Tidak ada nama desa yang menunggu konfirmasi.").wait_for(timeout=60_000)
    assert page.get_by_text("Impor ditolak").count() == 0


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
        a.goto(f"{app}/impor?wilayah=35.23.01&tahun=2023")
        a.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(big))
        a.get_by_text("300.000 baris data").wait_for(timeout=180_000)
        a.get_by_role("button", name="Impor", exact=True).click()
        a.locator('[data-testid="stProgress"]').wait_for(timeout=60_000)

        b.goto(f"{app}/peta?wilayah=35.23.01&tahun=2023")
        b.locator(MAP_IFRAME).wait_for(timeout=90_000)  # the whole page ran: its map is drawn last but one
        assert b.get_by_role("heading", name="Peta PMKS").count() == 1
        assert a.locator('[data-testid="stProgress"]').count() == 1  # the import was still running
        b.screenshot(path=str(tmp_path / "peta_saat_impor.png"))

        a.get_by_text("dibaca 300.000 = diimpor 300.000 + karantina 0 + duplikat 0").wait_for(timeout=600_000)
    finally:
        importer.close()
        viewer.close()
        shutil.rmtree(tmp_path / "store" / "impor_unggah", ignore_errors=True)
