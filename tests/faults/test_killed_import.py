"""An import killed with SIGKILL at any point (reading, writing data files, just before the commit) leaves
every table and every app query's figures exactly as before, frees the import lock, and the next import
works: an import is one DuckLake transaction, and the lock is an OS file lock the kernel releases."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from needs import FIXTURES

from faults.state import import_command, run_import, store_state, write_cases
from petakesos import db
from petakesos.config import REPO_ROOT

BIG_ROWS = 300_000  # several seconds to import on the 2-core machine: long enough to be killed part way
KILL_AFTER_S = (0.5, 1.0, 2.0, 4.0)


def _data_files(store) -> set[str]:
    return {str(p) for p in (store / db.FILES_DIR).rglob("*.parquet")}


def _kill(child: subprocess.Popen) -> bool:
    """SIGKILL the import; False when it had already ended, which it may only have done successfully."""
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)  # a process that exits meanwhile stays a zombie until waited for
    child.wait(timeout=30)
    assert child.returncode in (0, -signal.SIGKILL), f"the import failed on its own: {child.returncode}"
    return child.returncode == -signal.SIGKILL


def _start(store, big) -> subprocess.Popen:
    return subprocess.Popen(
        import_command(store, big), cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    return write_cases(tmp_path_factory.mktemp("big") / "kasus_besar.csv", BIG_ROWS)


def _assert_lock_free(store) -> None:
    with db.import_lock(store):  # raises db.ImportRunning if the killed import still held it
        pass


def test_import_killed_at_several_times_leaves_everything_as_before(store, big_file):
    before = store_state(store)
    for delay in KILL_AFTER_S:
        child = _start(store, big_file)
        time.sleep(delay)
        _kill(child)
        now = store_state(store)
        _assert_lock_free(store)
        if now == before:
            continue
        # On a fast machine the import can commit before the SIGKILL lands (or end before it is sent): then it
        # must be there whole (one more log row, every row of the file), and later kill times too late.
        assert now["table:import_log"][0] == before["table:import_log"][0] + 1, f"killed after {delay} s"
        assert now["table:pmks_kasus"][0] == before["table:pmks_kasus"][0] + BIG_ROWS, f"killed after {delay} s"
        assert delay > KILL_AFTER_S[0], "the import committed before the first kill: use a bigger file"
        before = now
        break
    done = run_import(store, FIXTURES / "pmks.csv")
    assert done.returncode == 0, done.stderr
    after = store_state(store)
    assert after["table:pmks_kasus"][0] == before["table:pmks_kasus"][0] + 6  # the fixture's six good case rows
    assert after != before


def test_import_killed_while_its_data_files_are_being_written_leaves_everything_as_before(store, big_file):
    """The worst moment: Parquet files of the new rows exist in the store folder, the commit has not run."""
    before, files_before = store_state(store), _data_files(store)
    child = _start(store, big_file)
    deadline = time.monotonic() + 300
    while not (_data_files(store) - files_before) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _kill(child), "the import ended before it could be killed: use a bigger file"
    assert _data_files(store) - files_before, "no data file of the import appeared before it was killed"
    assert store_state(store) == before
    _assert_lock_free(store)
    # The next import of the same big file goes through whole, then the fixture's cases on top.
    done = run_import(store, big_file)
    assert done.returncode == 0, done.stderr
    assert store_state(store)["table:pmks_kasus"][0] == BIG_ROWS
