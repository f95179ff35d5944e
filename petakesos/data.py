"""The Streamlit seam: one cached DuckDB connection, cached boundaries and cached query results."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import pandas as pd
import streamlit as st

from petakesos import geo, sql
from petakesos.config import settings

QUERY_TTL_SECONDS = 600


class DatabaseMissing(RuntimeError):
    """No database yet: the page tells the user how to create one."""


@st.cache_resource(show_spinner=False)
def connection() -> duckdb.DuckDBPyConnection:
    """One read-only connection per process; every query runs on its own cursor (thread safety)."""
    path = settings().db_path
    if not path.exists():
        raise DatabaseMissing(str(path))
    return duckdb.connect(str(path), read_only=True)


@st.cache_data(ttl=QUERY_TTL_SECONDS, show_spinner=False)
def query(name: str, **params) -> pd.DataFrame:
    """Rows of the named query in queries/ (parameters bound, never formatted into SQL)."""
    return sql.run(connection(), name, **params)


@st.cache_resource(show_spinner=False)
def boundaries(level: str, zoom: str, scope: str) -> gpd.GeoDataFrame:
    """Simplified polygons of one level inside a scope; shared by all sessions, never mutated."""
    return geo.load_level(settings().geo_dir, level, zoom, scope)


def map_layers(scope: str, level: str = "desa") -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame | None]:
    """The polygons to colour for a scope and the outlines drawn over them for context (geo.view_for)."""
    zoom, outline_level = geo.view_for(scope, level)
    outline = boundaries(outline_level, zoom, scope) if outline_level else None
    return boundaries(level, zoom, scope), outline
