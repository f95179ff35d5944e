"""The Streamlit seam: one cached DuckDB connection, cached boundaries and cached query results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import geopandas as gpd
import pandas as pd
import streamlit as st

from petakesos import db, geo, sql
from petakesos.config import settings

QUERY_TTL_SECONDS = 600


DatabaseMissing = db.StoreProblem  # missing, unreadable or old: the page says which and what to do
SNAPSHOT_TTL_SECONDS = 3  # how stale the "latest import" may be: a rerun after that sees new data


def connection() -> duckdb.DuckDBPyConnection:
    """One read-only connection to the configured store per process; every query runs on its own cursor
    (thread safety) and so in its own transaction, which sees the latest committed import. Raises a
    db.StoreProblem (missing, unreadable) for the page to explain."""
    cfg = settings()
    return _connection(cfg.store, cfg.store_data)


@st.cache_resource(show_spinner=False)
def _connection(store: str, store_data: str | None) -> duckdb.DuckDBPyConnection:
    """Keyed by the store, so a process (or a test) pointed at another store never reads the old one."""
    return db.connect(store, read_only=True, data_path=store_data)


def store_problem() -> str | None:
    """Why the configured store cannot serve pages (missing, unreadable, older schema), in Bahasa
    Indonesia with what to do; None when it can. A store found fine is checked again only after
    SNAPSHOT_TTL_SECONDS (the check was a query on every rerun of every session); a problem is checked
    on every rerun, so the page clears on the first rerun after the store is fixed."""
    cfg = settings()
    try:
        _store_fine(cfg.store, cfg.store_data)
    except db.StoreProblem as problem:
        return problem.message
    return None


@st.cache_data(ttl=SNAPSHOT_TTL_SECONDS, show_spinner=False)
def _store_fine(store: str, store_data: str | None) -> bool:
    """True, cached; a problem raises (Streamlit caches no exception)."""
    db.check(_connection(store, store_data), store)
    return True


@st.cache_data(ttl=SNAPSHOT_TTL_SECONDS, show_spinner=False)
def snapshot() -> int:
    """The store's latest snapshot: part of every cached query's key, so an import shows on the next
    rerun without a restart, while unchanged data keep their cached results."""
    cur = connection().cursor()
    try:
        return db.snapshot(cur)
    finally:
        cur.close()


def query(name: str, **params) -> pd.DataFrame:
    """Rows of the named query in queries/ (parameters bound, never formatted into SQL), limited to the
    session's wilayah scope: `petakesos_scope`, set by the login page ('' = everything; absent = no login
    yet, so no limit)."""
    return _query(snapshot(), st.session_state.get("petakesos_scope", ""), name, **params)


@st.cache_data(ttl=QUERY_TTL_SECONDS, show_spinner=False)
def _query(snapshot_id: int, user_scope: str | None, name: str, **params) -> pd.DataFrame:
    """Cached per snapshot and per scope, so one user's rows never answer another's request (the key must
    not start with '_', or Streamlit leaves it out of the hash)."""
    return sql.run(connection(), name, scope=user_scope, **params)


def computed(build: Callable[..., Any], *args) -> Any:
    """build(*args) for a pure function of query results (a league table, map values), cached by the
    arguments' content: a rerun with the same data and choices, in any session, reuses the result."""
    return _computed(f"{build.__module__}.{build.__qualname__}", args, build)


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=5_000, show_spinner=False)
def _computed(builder: str, args: tuple, _build: Callable[..., Any]) -> Any:
    """Keyed by the builder's dotted name and the arguments (Streamlit hashes no function)."""
    return _build(*args)


@st.cache_resource(show_spinner=False)
def boundaries(level: str, zoom: str, scope: str) -> gpd.GeoDataFrame:
    """Simplified polygons of one level inside a scope; shared by all sessions, never mutated."""
    return geo.load_level(settings().geo_dir, level, zoom, scope)


def map_layers(scope: str, level: str = "desa") -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame | None]:
    """The polygons to colour for a scope and the outlines drawn over them for context (geo.view_for)."""
    zoom, outline_level = geo.view_for(scope, level)
    outline = boundaries(outline_level, zoom, scope) if outline_level else None
    return boundaries(level, zoom, scope), outline
