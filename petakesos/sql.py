"""Load named queries from `queries/` and run them with bound parameters: the only place that executes SQL."""

from __future__ import annotations

import functools
import re

import duckdb
import pandas as pd
import pyarrow as pa

from petakesos.auth import scope_sql
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


def run(con: duckdb.DuckDBPyConnection, name: str, scope: str | None = "", **params) -> pd.DataFrame:
    """Run one named query on its own cursor and return its rows as a DataFrame.

    `scope` is the user's wilayah ('' = no limit, the default for the CLI and imports): the query's
    `$wilayah` is intersected with it here, the one place every app query passes, so no page, link or
    export reaches outside it. A request outside the scope returns no rows (auth.scope_sql.restrict).
    """
    text = load(name)
    drop = False
    if scope != "":
        params, drop = scope_sql.restrict(name, param_names(text), scope, params)
    cur = con.cursor()
    try:
        frame = _frame(cur.execute(text, _bind(text, params)))
    finally:
        cur.close()
    return frame.iloc[0:0] if drop else frame


# DuckDB types whose Arrow form becomes the same pandas column as DuckDB's own .df() gives (after _frame's
# two adjustments); a result with any other type (DECIMAL, HUGEINT, lists, structs, time zones) takes .df().
_ARROW_TYPES = {
    "VARCHAR",
    "BOOLEAN",
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "FLOAT",
    "DOUBLE",
    "DATE",
    "TIMESTAMP",
}
_NULLABLE = {
    pa.bool_(): pd.BooleanDtype(),
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
}


def _frame(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The result as DuckDB's .df() gives it, through Arrow when its types allow: text then becomes pandas'
    Arrow-backed str columns without a Python object per value (the national desa list: 172 → 104 ms).
    As .df() does, an integer or boolean column with a NULL is nullable (Int32, boolean) and one without
    is plain numpy, dates are datetime64[us], and a text column without any text holds None objects."""
    if not all(str(column[1]) in _ARROW_TYPES for column in cur.description):
        return cur.df()
    table = cur.to_arrow_table()
    frame = table.to_pandas(date_as_object=False, types_mapper=_NULLABLE.get)
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_date32(column.type):
            frame[name] = frame[name].astype("datetime64[us]")
        elif column.type in _NULLABLE and column.null_count == 0:
            frame[name] = frame[name].astype(_NULLABLE[column.type].numpy_dtype)
        elif pa.types.is_string(column.type) and column.null_count == len(column):  # no text at all
            frame[name] = pd.Series([None] * len(column), index=frame.index, dtype=object)
    return frame


def fetch(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run one named query on the connection itself, inside its open transaction (imports)."""
    text = load(name)
    return con.execute(text, _bind(text, params)).df()


def execute(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Run a named statement (DDL, mart rebuild, insert) on the given connection."""
    _execute_text(con, load(name), params)


def _execute_text(con: duckdb.DuckDBPyConnection, text: str, params: dict) -> None:
    """DuckDB binds parameters only in the last statement of a text, so a file of several statements
    with parameters runs one statement at a time, each with the parameters it names."""
    bound = _bind(text, params) if param_names(text) else {}
    if not bound:
        con.execute(text)
        return
    for statement in con.extract_statements(text):
        own = {k: v for k, v in bound.items() if k in statement.named_parameters}
        con.execute(statement, own) if own else con.execute(statement)


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
    _execute_text(con, load(name).replace("__table__", table), params)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def attach(con: duckdb.DuckDBPyConnection, target: str, data_path: str, read_only: bool) -> None:
    """Attach the store (queries/store/attach.sql). ATTACH takes no bound parameters, so the values
    (from the settings, never from a user) go in as quoted literals."""
    text = (
        load("store/attach")
        .replace("__target__", _quoted(target))
        .replace("__data_path__", _quoted(data_path))
        .replace("__read_only__", "true" if read_only else "false")
    )
    con.execute(text)


def install_extension(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """INSTALL an extension from a file of a pinned wheel (never a download); INSTALL takes no parameters."""
    con.execute(f"install {_quoted(path)}")


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """LOAD an installed extension by its name (a fixed name from petakesos/db.py)."""
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"bad extension name: {name}")
    con.execute(f"load {name}")


def use_store(con: duckdb.DuckDBPyConnection, target: str) -> None:
    """Attach an existing store read-write as `kesos` and make it the default (queries/store/use.sql)."""
    con.execute(load("store/use").replace("__target__", _quoted(target)))
