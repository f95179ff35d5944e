"""What a fault must not change: every table's row count and a checksum of its rows, and a checksum of
every app query's frame (the figures pages show), read from a store in a fresh read-only connection."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from test_queries import SAMPLE_PARAMS

from petakesos import db, sql
from petakesos.config import REPO_ROOT


def _digest(frame: pd.DataFrame) -> str:
    """Order-free checksum of a frame's rows (the same rows in any order give the same digest)."""
    if frame.empty:
        return "leer"
    rows = sorted(frame.to_csv(index=False, header=False).splitlines())
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def _content(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without what depends on when and in which order imports ran (times, import numbers,
    the meta table's last-import stamp), for comparing a store with one that imported the same files
    in another order or at another time."""
    keep = [
        c
        for c in frame.columns
        if not pd.api.types.is_datetime64_any_dtype(frame[c]) and "import" not in c and "snapshot" not in c
    ]
    frame = frame[keep]
    if "key" in frame.columns and "value" in frame.columns:
        frame = frame[~frame["key"].isin(["last_import", "referensi"])]
    return frame


def store_state(store: Path, content_only: bool = False) -> dict[str, tuple[int, str]]:
    """{'table:<name>': (rows, checksum), 'query:<name>': (rows, checksum)} of the store as committed;
    `content_only` leaves out times and import numbers (see _content)."""
    with contextlib.closing(db.connect(store, read_only=True)) as con:
        tables = con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() order by 1"
        ).fetchall()
        state = {}
        for (table,) in tables:
            frame = con.execute(f'select * from "{table}"').df()
            frame = _content(frame) if content_only else frame
            state[f"table:{table}"] = (len(frame), _digest(frame))
        for name in sql.names("app"):
            needed = sql.param_names(sql.load(name))
            if needed - SAMPLE_PARAMS.keys():  # a new query: tests/test_queries.py asks for its sample values
                continue
            params = {k: SAMPLE_PARAMS[k] for k in needed}
            frame = sql.run(con, name, **params)
            frame = _content(frame) if content_only else frame
            state[f"query:{name}"] = (len(frame), _digest(frame))
    return state


def import_command(store: Path, *files: Path) -> list[str]:
    """The command a user runs to import files into `store`."""
    return [sys.executable, "-m", "petakesos", "import", "--db", str(store), *map(str, files)]


def run_import(store: Path, *files: Path, **popen) -> subprocess.CompletedProcess:
    """`python -m petakesos import` in its own process, as a user runs it."""
    return subprocess.run(
        import_command(store, *files),
        cwd=REPO_ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
        **popen,
    )


def write_cases(path: Path, n: int, first: int = 0) -> Path:
    """A case export of `n` valid rows in the fixture's desa (Kenduruan), NIK numbered from `first`."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    seq = range(first, first + n)
    table = pa.table(
        {
            "nik": [f"35230101{i:08d}" for i in seq],
            "nama": [f"Kasus {i}" for i in seq],
            "jenis_kelamin": ["L" if i % 2 else "P" for i in seq],
            "tanggal_lahir": ["1960-01-01"] * n,
            "kode_pmks": [f"{1 + i % 26:02d}" for i in seq],
            "kode_desa": [f"35.23.01.{2001 + i % 9}" for i in seq],
            "tanggal_catat": [f"{2020 + i % 5}-0{1 + i % 9}-1{i % 10}" for i in seq],
            "status": ["aktif"] * n,
            "tanggal_selesai": [""] * n,
            "sumber": ["SIKS-NG"] * n,
        }
    )
    pa_csv.write_csv(table, path)
    return path
