"""Benchmark: import throughput and memory (issue 11): a 1,000,000-row case CSV into a new store, 100,000 rows of
XLSX, and a 10-row import into the store that then holds a million cases. Each import runs as the command a user
runs (`python -m petakesos import`) in its own process, so its peak memory is measured alone. Prints figures and
the ratio to each target; it is not a test."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.csv as pa_csv

from petakesos import sql
from petakesos.config import REPO_ROOT, settings

TARGETS = {"csv": 5.0, "xlsx": 20.0, "kecil": 5.0}  # seconds
MEMORY_TARGET_MB = 1024


def _cases(n: int) -> pa.Table:
    demo = sorted(str(p) for p in settings().demo_dir.glob("pmks_kasus_*.csv"))
    if not demo:
        raise SystemExit("Data contoh belum ada: jalankan `python -m petakesos demo` dulu.")
    import duckdb

    con = duckdb.connect()
    sql.execute(con, "bench/impor_kasus", files=demo, n=n)
    return con.fetch_arrow_table()


def _write_xlsx(rows: pa.Table, path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("kasus")
    sheet.append(rows.column_names)
    for record in rows.to_pylist():
        sheet.append(list(record.values()))
    book.save(path)


def _import(store: Path, *files: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one `python -m petakesos import` in its own process."""
    args = [sys.executable, "-m", "petakesos", "import", "--json", "--db", str(store), *map(str, files)]
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, child.returncode


def _line(name: str, seconds: float, mb: float, code: int, target: float) -> None:
    ok = "ya" if seconds <= target and code == 0 else "TIDAK"
    print(
        f"{name:<44} {seconds:7.2f} s  (target {target:.0f} s, rasio {seconds / target:4.2f})"
        f"  puncak memori {mb:7.0f} MB (target {MEMORY_TARGET_MB}, rasio {mb / MEMORY_TARGET_MB:4.2f})"
        f"  kode keluar {code}  memenuhi: {ok}"
    )


def main() -> None:
    print(f"Mesin: {platform.node()}, {os.cpu_count()} inti, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="bench_impor_") as tmp:
        folder = Path(tmp)
        big = _cases(1_000_000)
        pa_csv.write_csv(big, folder / "kasus_1juta.csv")
        _write_xlsx(big.slice(0, 100_000), folder / "kasus_100rb.xlsx")
        small = big.slice(0, 10).set_column(0, "nik", pa.array([f"{8_000_000_000_000_000 + i}" for i in range(10)]))
        pa_csv.write_csv(small, folder / "kasus_10.csv")
        del big
        _line(
            "CSV 1.000.000 baris ke penyimpanan baru",
            *_import(folder / "a", folder / "kasus_1juta.csv"),
            TARGETS["csv"],
        )
        _line(
            "XLSX 100.000 baris ke penyimpanan baru",
            *_import(folder / "b", folder / "kasus_100rb.xlsx"),
            TARGETS["xlsx"],
        )
        _line(
            "10 baris ke penyimpanan berisi 1 juta kasus",
            *_import(folder / "a", folder / "kasus_10.csv"),
            TARGETS["kecil"],
        )


if __name__ == "__main__":
    main()
