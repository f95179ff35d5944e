"""Load named queries from `queries/` and run them with bound parameters: the only place that executes SQL."""

from __future__ import annotations

import functools
import re

import duckdb
import pandas as pd

from petakesos.config import REPO_ROOT

QUERIES_DIR = REPO_ROOT / "queries"
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@functools.cache
def load(name: str) -> str:
    """Text of `queries/<name>.sql`, e.g. load('app/headline_figures')."""
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if QUERIES_DIR not in path.parents:
        raise ValueError(f"query name outside queries/: {name}")
    return path.read_text(encoding="utf-8")


def param_names(text: str) -> set[str]:
    """Named parameters ($name) a query uses, ignoring those inside -- comments."""
    code = "\n".join(line.split("--", 1)[0] for line in text.splitlines())
    return set(_PARAM.findall(code))


def _bind(text: str, params: dict) -> dict:
    needed = param_names(text)
    missing = needed - params.keys()
    if missing:
        raise KeyError(f"missing query parameters: {sorted(missing)}")
    # DuckDB binds lists, not tuples; callers pass tuples because cached functions need hashable args.
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items() if k in needed}


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run one named query on its own cursor and return its rows as a DataFrame.

    Every app query takes `$wilayah` (the dotted scope, '' for all): that is where a
    user's wilayah scope will be enforced once logins exist.
    """
    text = load(name)
    cur = con.cursor()
    try:
        return cur.execute(text, _bind(text, params)).df()
    finally:
        cur.close()


def fetch(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run one named query on the connection itself, inside its open transaction (imports)."""
    text = load(name)
    return con.execute(text, _bind(text, params)).df()


def execute(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Run a named statement (DDL, mart rebuild, insert) on the given connection."""
    text = load(name)
    if param_names(text):
        con.execute(text, _bind(text, params))
    else:
        con.execute(text)


def names(folder: str) -> list[str]:
    """Names of the queries in one folder of queries/, sorted (so numbered files run in order)."""
    return sorted(f"{folder}/{p.stem}" for p in (QUERIES_DIR / folder).glob("*.sql"))


def all_names() -> list[str]:
    """Every query file, for the test that runs them all against the fixture database."""
    return sorted(str(p.relative_to(QUERIES_DIR).with_suffix("")) for p in QUERIES_DIR.rglob("*.sql"))


# Tables an import may write to; a query file names its target as __table__ and gets one of these.
WRITABLE_TABLES = frozenset({"pmks_kasus", "psm", "pelatihan", "penduduk_desa", "karantina"})


def execute_on(con: duckdb.DuckDBPyConnection, name: str, table: str, **params) -> None:
    """Run a write statement whose target table is chosen at run time, from the allow-list only."""
    if table not in WRITABLE_TABLES:
        raise ValueError(f"table not allowed: {table}")
    text = load(name).replace("__table__", table)
    if param_names(text):
        con.execute(text, _bind(text, params))
    else:
        con.execute(text)
