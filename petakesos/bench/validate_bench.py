"""Validation of 1,000,000 raw PMKS rows in DuckDB (target ~2 s on the project machine): prints the figures."""

from __future__ import annotations

import argparse
import time

import duckdb

from petakesos import clock, sql
from petakesos.config import REPO_ROOT
from petakesos.ingest.kinds import PMKS
from petakesos.ingest.validate import validate

TARGET_S = 2.0


def main(argv: list[str] | None = None) -> None:
    """Build raw_rows in an in-memory database, validate them, print seconds and the ratio to the target."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--desa", type=int, default=2_000)
    args = ap.parse_args(argv)
    con = duckdb.connect()
    sql.execute(con, "schema/001_tables")
    sql.execute(con, "staging/load_ref_pmks_kategori", csv=str(REPO_ROOT / "data" / "pmks_categories.csv"))
    sql.execute(con, "ingest/values_bench_ref", n_desa=args.desa)
    sql.execute(con, "ingest/values_bench_raw_rows", n=args.rows, n_desa=args.desa)
    start = time.perf_counter()
    result = validate(con, PMKS, b"kunci-bench", clock.today())
    seconds = time.perf_counter() - start
    print(
        f"validate {args.rows:,} baris PMKS: {seconds:.2f} s (target {TARGET_S:.1f} s, rasio {seconds / TARGET_S:.2f})"
    )
    print(f"  baik {result.n_good:,}, ditolak {result.n_rejected:,}")


if __name__ == "__main__":
    main()
