"""A disk that fills up during an import: the command exits 2 saying "Ruang disk penuh", nothing of that
import is visible, the earlier data are intact, and once there is room the same import goes through.
The store sits on a small tmpfs mounted for the test (tests run as root)."""

from __future__ import annotations

import subprocess

import pytest
from needs import FIXTURES

from faults.state import run_import, store_state, write_cases
from petakesos.ingest.importer import import_files

ROWS = 200_000  # about 13 MB of Parquet (hashed NIKs do not compress): more than the 8 MB disk holds


@pytest.fixture()
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def test_full_disk_during_import_is_reported_and_loses_nothing(world, small_disk, tmp_path):
    store = small_disk / "store"
    import_files([FIXTURES / "penduduk.csv", FIXTURES / "psm.csv", FIXTURES / "pmks.csv"], world, store=store)
    before = store_state(store)
    big = write_cases(tmp_path / "kasus_besar.csv", ROWS)

    done = run_import(store, big)
    assert done.returncode == 2
    assert "Ruang disk penuh" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert store_state(store) == before

    subprocess.run(["mount", "-o", "remount,size=256m", str(small_disk)], check=True)  # room made
    again = run_import(store, big)
    assert again.returncode == 0, again.stderr
    after = store_state(store)
    assert after["table:pmks_kasus"][0] == 6 + ROWS  # the fixture's six cases and every new row
    assert after["table:psm"] == before["table:psm"]
