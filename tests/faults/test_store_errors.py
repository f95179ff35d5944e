"""A store that is missing, unreadable (garbage bytes, a folder where the catalog file should be) or of an
older schema gives a clear page and a clear command-line message, never a traceback; `migrate` or the
next import brings an old store up to date and records it."""

from __future__ import annotations

import contextlib
import subprocess
import sys

import pytest
from needs import FIXTURES
from streamlit.testing.v1 import AppTest

from faults.state import run_import
from petakesos import db, sql
from petakesos.config import REPO_ROOT

NEWEST = sql.names("schema")[-1]  # e.g. 'schema/004_impor_pemetaan'

# What app.py does before navigation, then the Beranda page, as a user opening the app gets it.
APP = f"""
import runpy
from petakesos.ui import store_check
store_check.require_store()
runpy.run_path({str(REPO_ROOT / "pages" / "beranda.py")!r}, run_name="__main__")
"""


def _open_app(monkeypatch, store) -> AppTest:
    monkeypatch.setenv("PETAKESOS_STORE", str(store))
    return AppTest.from_string(APP, default_timeout=90).run()


def _page_error(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1, [e.value for e in at.error]
    return at.error[0].value.replace("\\", "")  # shown as plain text: Markdown characters escaped


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "petakesos", *map(str, args)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )


def _recorded(store) -> set[str]:
    with contextlib.closing(db.connect(store, read_only=True)) as con:
        return set(sql.run(con, "store/migrations_done")["nama"])


@pytest.fixture()
def garbage_store(store):
    (store / db.CATALOG_FILE).write_bytes(b"\x00\x13 bukan basis data \xff" * 200)
    return store


@pytest.fixture()
def folder_store(store):
    catalog = store / db.CATALOG_FILE
    catalog.unlink()
    catalog.mkdir()
    return store


@pytest.fixture()
def old_store(store):
    """The fixture store as an older version left it: the newest schema file not recorded."""
    with contextlib.closing(db.connect(store)) as con:
        con.execute("delete from schema_migrasi where nama = ?", [NEWEST])
    assert NEWEST not in _recorded(store)
    return store


def test_missing_store_gives_a_clear_page_and_message(monkeypatch, tmp_path):
    missing = tmp_path / "belum_ada"
    text = _page_error(_open_app(monkeypatch, missing))
    assert "Penyimpanan data belum ada" in text and str(missing) in text
    assert "python -m petakesos import" in text
    done = _cli("migrate", "--db", missing)
    assert done.returncode == 2 and "Penyimpanan data belum ada" in done.stderr
    assert "Traceback" not in done.stderr
    assert not missing.exists()  # nothing created by looking


@pytest.mark.parametrize("broken", ["garbage_store", "folder_store"])
def test_unreadable_catalog_gives_a_clear_page_and_message(monkeypatch, request, broken):
    store = request.getfixturevalue(broken)
    text = _page_error(_open_app(monkeypatch, store))
    assert "tidak dapat dibaca" in text and str(store) in text
    for args in (["migrate", "--db", store], ["import", FIXTURES / "pmks.csv", "--db", store]):
        done = _cli(*args)
        assert done.returncode == 2, done.stdout
        assert "Traceback" not in done.stderr
        assert "tidak dapat dibaca" in done.stderr or "tidak ada data yang diubah" in done.stderr, done.stderr


def test_old_schema_says_so_and_how_to_update_and_migrate_records_it(monkeypatch, old_store):
    text = _page_error(_open_app(monkeypatch, old_store))
    assert "Skema penyimpanan data" in text and "sudah lama" in text
    assert f"python -m petakesos migrate --db {old_store}" in text
    assert NEWEST.split("/")[1] in text
    done = _cli("migrate", "--db", old_store)
    assert done.returncode == 0, done.stderr
    assert NEWEST.split("/")[1] in done.stdout
    assert _recorded(old_store) == set(sql.names("schema"))
    at = _open_app(monkeypatch, old_store)
    assert not at.exception and not at.error
    assert _cli("migrate", "--db", old_store).stdout.strip() == "Skema penyimpanan data sudah mutakhir."


def test_an_import_brings_an_old_store_up_to_date(monkeypatch, old_store):
    done = run_import(old_store, FIXTURES / "pmks.csv")
    assert done.returncode == 0, done.stderr
    assert _recorded(old_store) == set(sql.names("schema"))
    at = _open_app(monkeypatch, old_store)
    assert not at.exception and not at.error
