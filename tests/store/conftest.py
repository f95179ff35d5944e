"""A fresh DuckLake store on the PostgreSQL server that scripts/postgres.sh started (conninfo in
PETAKESOS_TEST_POSTGRES): one database per test, so tests do not see each other's imports.

Without that variable the tests are skipped on a developer's machine, but fail in CI (CI set):
.ci/run starts the server, so a silent skip would hide a broken set-up (as tests/needs.py does)."""

from __future__ import annotations

import dataclasses
import glob
import os
import re
import shutil
import subprocess
import uuid

import pytest

from petakesos import db
from petakesos.config import Settings

CONNINFO_ENV = "PETAKESOS_TEST_POSTGRES"


@dataclasses.dataclass(frozen=True)
class PgStore:
    store: str  # 'postgres:<conninfo>', as PETAKESOS_STORE takes it
    data: str  # the folder of Parquet files, as PETAKESOS_STORE_DATA takes it
    settings: Settings  # the test world's settings pointing at this store

    def env(self) -> dict[str, str]:
        """Environment for a subprocess (the CLI, a reader) that should use this store."""
        return dict(os.environ, PETAKESOS_STORE=self.store, PETAKESOS_STORE_DATA=self.data)


def _psql() -> str:
    found = shutil.which("psql") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))), None)
    if not found:
        pytest.fail("psql tidak ditemukan (paket Debian postgresql-client)")
    return found


def _admin(conninfo: str, statement: str) -> None:
    subprocess.run(
        [_psql(), conninfo, "-v", "ON_ERROR_STOP=1", "-qAtc", statement], check=True, capture_output=True, timeout=60
    )


@pytest.fixture(scope="session")
def pg_conninfo() -> str:
    """The test server's conninfo, or a skip here / a failure in CI."""
    conninfo = os.environ.get(CONNINFO_ENV, "")
    if not conninfo:
        message = f"{CONNINFO_ENV} tidak diatur: jalankan scripts/postgres.sh start (lihat .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        _admin(conninfo, "select 1")
    except subprocess.CalledProcessError:
        pytest.fail(f"server PostgreSQL uji tidak menjawab: {conninfo}")
    return conninfo


@pytest.fixture()
def pg_store(world, pg_conninfo, tmp_path) -> PgStore:
    """An empty database on the test server and a data folder: a store that does not exist yet."""
    name = f"kesos_{uuid.uuid4().hex[:12]}"
    _admin(pg_conninfo, f"create database {name}")
    conninfo = re.sub(r"dbname=\S+", f"dbname={name}", pg_conninfo)
    data = str(tmp_path / "berkas") + "/"
    store = db.POSTGRES_PREFIX + conninfo
    yield PgStore(store=store, data=data, settings=dataclasses.replace(world, store=store, store_data=data))
    _admin(pg_conninfo, f"drop database if exists {name} with (force)")
