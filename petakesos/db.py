"""Open the DuckDB file, create its schema, load reference tables and rebuild the marts."""

from __future__ import annotations

from pathlib import Path

import duckdb

from petakesos import sql
from petakesos.config import Settings


def connect(db_path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with the schema in place (created on first use unless read-only)."""
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path), read_only=read_only)
    if not read_only:
        for name in sql.names("schema"):
            sql.execute(con, name)
    return con


def load_reference_tables(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Reload code list, population per kab/kota and PMKS categories (cheap, and keeps them current)."""
    shared = settings.shared_geo_dir
    code_list = shared / "wilayah_kemendagri_2025.csv"
    if code_list.exists():
        polygons = sorted(str(p) for p in shared.glob("desa_*.parquet"))
        sql.execute(con, "staging/load_ref_wilayah", kode_csv=str(code_list), desa_parquet=polygons)
        sql.execute(con, "staging/load_ref_penduduk_kab", csv=str(shared / "penduduk_luas_prov_kabkota_2025.csv"))
    elif sql.fetch(con, "staging/ref_wilayah_count")["n"].iloc[0] == 0:
        raise FileNotFoundError(
            f"Daftar kode wilayah tidak ditemukan: {code_list}. Atur PETAKESOS_SHARED_GEO ke folder shared/geo."
        )
    sql.execute(con, "staging/load_ref_pmks_kategori", csv=str(settings.data_dir / "pmks_categories.csv"))


def rebuild_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the mart tables from the fact tables, in file order."""
    for name in sql.names("marts"):
        sql.execute(con, name)
