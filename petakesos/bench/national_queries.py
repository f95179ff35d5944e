"""The national benchmark's database figures: the per-desa density the Peta page runs, beside the same
count done the naive way (pandas on the case rows already in memory), DuckDB's aggregation straight from
the case rows and DuckDB's bare scan of the columns that aggregation reads; then every app query for a
province, warm; and the mart refresh after a small import, in a transaction rolled back."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from petakesos import db, sql
from petakesos.config import settings

Add = Callable[..., None]


def median(run: Callable[[], object], repeats: int) -> float:
    """Median seconds of `repeats` runs after one warm-up run (the figures are for a warm app)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pandas_count(rows, year: int) -> None:
    """Cases open at any time in `year` per desa, the naive way: filter the rows, then groupby."""
    start, end = f"{year}-01-01", f"{year}-12-31"
    open_ = rows[(rows["tanggal_catat"] <= end) & (rows["tanggal_selesai"].isna() | (rows["tanggal_selesai"] >= start))]
    open_.groupby("kode_desa").size()


def _pandas_median(con: duckdb.DuckDBPyConnection, wilayah: str, year: int, repeats: int) -> float:
    rows = sql.run(con, "bench/kasus_rows", wilayah=wilayah)  # fetched once: pandas starts with them in memory
    return median(lambda: _pandas_count(rows, year), repeats)


def density(con: duckdb.DuckDBPyConnection, add: Add, wilayah: str, label: str, year: int, repeats: int) -> None:
    """The Peta page's per-desa density of `wilayah` and its three yardsticks, with ratios."""
    app = {"wilayah": wilayah, "tahun": year, "tahun_awal": year, "kategori": []}
    raw = {k: v for k, v in app.items() if k != "kategori"}
    value = median(lambda: sql.run(con, "app/kasus_by_desa", **app), repeats)
    add(f"kepadatan per desa, {label}", value, "s")
    naive = _pandas_median(con, wilayah, year, repeats)
    add(f"kepadatan per desa, {label}: pandas groupby", naive, "s", ratio=naive / value, against="pandas")
    scan = median(lambda: sql.run(con, "bench/kasus_scan", wilayah=wilayah), repeats)
    add(f"kepadatan per desa, {label}: pindai kolom kasus saja", scan, "s", ratio=value / scan, against="scan")
    direct = median(lambda: sql.run(con, "bench/kasus_density_raw", **raw), repeats)
    add(f"kepadatan per desa, {label}: agregasi langsung dari kasus", direct, "s", ratio=direct / scan, against="scan")


SAMPLE = {"tahun_awal": 2021, "kategori": [], "tingkat": 4, "file_name": "", "alasan": ""}


def page_queries(con: duckdb.DuckDBPyConnection, add: Add, province: str, year: int, repeats: int) -> None:
    """Every app query for `province` in `year`, warm (a query needing a parameter not sampled is skipped)."""
    for name in sql.names("app"):
        needed = sql.param_names(sql.load(name))
        params = {**SAMPLE, "wilayah": province, "tahun": year}
        if needed - params.keys():
            print(f"  {name}: dilewati, parameter tanpa contoh {sorted(needed - params.keys())}", file=sys.stderr)
            continue
        own = {k: params[k] for k in needed}
        add(f"{name} (provinsi, hangat)", median(lambda n=name, p=own: sql.run(con, n, **p), repeats), "s")


def mart_refresh(store: Path, add: Add, repeats: int) -> None:
    """The incremental mart refresh an import of a few case rows runs (the desa of one kecamatan touched),
    timed inside a transaction that is rolled back, so the store is left as it was."""
    con = db.open_store(settings(), read_only=False, store=store)
    try:
        times = []
        for _ in range(repeats):
            con.begin()
            sql.execute(con, "ingest/touched_create")
            sql.execute(con, "bench/touched_kecamatan", kode_kec="35.23.01")
            start = time.perf_counter()
            db.rebuild_marts(con, changed={"pmks_kasus"})
            times.append(time.perf_counter() - start)
            con.rollback()
    finally:
        con.close()
    add("penyegaran mart setelah impor kecil", statistics.median(times), "s")
