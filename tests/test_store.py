"""The store (a DuckLake): imports while readers hold it open, snapshot isolation across processes,
one import at a time, schema migrations applied once, extensions only from the pinned wheels."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from needs import FIXTURES

from petakesos import db
from petakesos.config import REPO_ROOT
from petakesos.ingest.importer import import_files


def _count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def _import_in_another_process(world, store, *files) -> subprocess.CompletedProcess:
    env = dict(os.environ, PETAKESOS_STORE=str(store))
    args = [sys.executable, "-m", "petakesos", "import", *map(str, files)]
    return subprocess.run(args, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def store(world, tmp_path):
    path = tmp_path / "store"
    import_files([FIXTURES / "penduduk.csv", FIXTURES / "psm.csv"], world, store=path)
    return path


def test_import_runs_while_a_reader_holds_the_store_and_the_reader_sees_it_next_transaction(world, store):
    reader = db.open_store(world, store=store)
    reader.begin()
    assert _count(reader, "pmks_kasus") == 0
    done = _import_in_another_process(world, store, FIXTURES / "pmks.csv")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # Inside its transaction the reader keeps its snapshot: no half (or whole) import appears.
    assert _count(reader, "pmks_kasus") == 0
    reader.commit()
    # The next transaction sees the import, without reconnecting. The fixture holds 6 good case rows.
    assert _count(reader, "pmks_kasus") == 6
    assert _count(reader.cursor(), "mart_kasus_desa_tahun") > 0
    reader.close()


def test_snapshot_moves_when_an_import_commits(world, store):
    reader = db.open_store(world, store=store)
    before = db.snapshot(reader)
    import_files([FIXTURES / "pmks.csv"], world, store=store)
    assert db.snapshot(reader) > before
    reader.close()


def test_a_second_import_is_refused_clearly_while_one_runs(world, store, capsys):
    from petakesos.cli import main as cli_main

    with db.import_lock(store):
        code = cli_main(["import", str(FIXTURES / "pmks.csv"), "--db", str(store)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Impor lain sedang berjalan" in err and "Tidak ada data yang diubah" in err
    reader = db.open_store(world, store=store)
    assert _count(reader, "pmks_kasus") == 0
    reader.close()
    # Once the first is done, the same import goes through.
    assert cli_main(["import", str(FIXTURES / "pmks.csv"), "--db", str(store)]) == 0


def test_schema_files_are_applied_once_and_recorded(world, store):
    con = db.open_store(world, read_only=False, store=store)
    assert db.migrate(con) == []  # everything already applied by the import
    recorded = [r[0] for r in con.execute("select nama from schema_migrasi order by nama").fetchall()]
    con.close()
    from petakesos import sql

    assert recorded == sql.names("schema")


def test_reading_a_missing_store_says_so_and_creates_nothing(world, tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(db.StoreMissing):
        db.open_store(world, store=missing)
    assert not missing.exists()


def test_extensions_are_installed_from_the_pinned_wheels(world, store):
    con = db.open_store(world, store=store)
    rows = con.execute(
        "select extension_name, installed_from from duckdb_extensions() where extension_name in "
        "('ducklake', 'sqlite_scanner') and loaded"
    ).fetchall()
    con.close()
    assert {name for name, _ in rows} == {"ducklake", "sqlite_scanner"}
    for _, source in rows:
        assert "site-packages/duckdb_extension_" in source and source.endswith(".duckdb_extension"), source


def test_tidy_deletes_files_a_killed_import_left_once_they_are_old_and_never_a_fresh_one(world, store):
    """A killed import leaves Parquet files the catalog never recorded; the next import's tidy removes
    them once they are older than its window, while a file still being written (fresh) stays."""
    import time

    folder = store / db.FILES_DIR
    catalogued = set(folder.rglob("*.parquet"))
    old, fresh = folder / "ducklake-ditinggal-lama.parquet", folder / "ducklake-sedang-ditulis.parquet"
    for orphan in (old, fresh):
        orphan.write_bytes(b"PAR1 bukan data PAR1")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(old, (two_hours_ago, two_hours_ago))
    con = db.open_store(world, read_only=False, store=store)
    try:
        db.tidy(con, keep_hours=1)
    finally:
        con.close()
    left = set(folder.rglob("*.parquet"))
    assert not old.exists()
    assert fresh.exists()
    assert catalogued <= left  # nothing the catalog uses was touched
    assert _count(db.open_store(world, store=store), "psm") > 0
