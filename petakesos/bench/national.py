"""Benchmark at national scale (issues 11 and 14): a synthetic store with every desa of the national code
list and 30 million cases (built once into data/bench/<scale>, reused), then a 10-row import into it as
its own process, the mart refresh, the per-desa density for a province and the nation beside pandas and
DuckDB's bare scan, every app query for a province, the Peta page's map payload and the app's memory.
Every figure is a median of several runs; the machine is stated. Prints figures (or a JSON list of
`name, value, unit, ratio?, against?` with --json, or the README table with --markdown); not a test."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from petakesos import db, sql
from petakesos.bench import national_app, national_queries, national_report
from petakesos.config import REPO_ROOT, settings

STORE_DIR = REPO_ROOT / "data" / "bench"
SCALES = {"district": 300_000, "province": 3_000_000, "national": 30_000_000}
PROVINCE, PROVINCE_LABEL = "35", "provinsi Jawa Timur"
YEAR = 2023
REPEATS = 5


def build(store: Path, n_cases: int) -> float:
    """Fill a new store with synthetic rows (not through the importer: this measures reading, not
    writing) and build its marts; returns seconds. The cases go in province by province, each insert in
    desa order, so the store is sorted by desa as schema 005 keeps a real one, with the memory of one
    province's sort; a province then reads only its own files and row groups."""
    start = time.perf_counter()
    con = db.open_store(settings(), read_only=False, store=store)
    try:
        con.execute("set enable_progress_bar = false")  # DuckDB draws it on stdout: --json must stay JSON
        con.begin()
        db.load_reference_tables(con, settings())
        for kode_prov in sql.fetch(con, "bench/national_provinsi")["kode"]:  # bounded memory, desa order
            sql.execute(con, "bench/national_kasus", n=n_cases, kode_prov=kode_prov)
        sql.execute(con, "bench/national_penduduk")
        sql.execute(con, "bench/national_psm")
        db.rebuild_marts(con)
        # Synthetic data, labelled as the demo's is: the app then opens without accounts (auth.roles.mode),
        # as it must for the benchmark's browser to reach every page.
        sql.execute(con, "staging/set_meta", key="dataset", value="demo")
        con.commit()
    finally:
        con.close()
    return time.perf_counter() - start


def _small_import(store: Path) -> tuple[float, float]:
    """(seconds, peak MB) of `python -m petakesos import` of 10 new cases, in its own process."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kasus_10.csv"
        lines = ["nik,nama,jenis_kelamin,tanggal_lahir,kode_pmks,kode_desa,tanggal_catat,status"]
        stamp = time.time_ns() % 1_000_000
        lines += [
            f"35230101{stamp:06d}{i:02d},Uji {i},L,1970-01-01,09,35.23.01.2001,2023-0{i % 9 + 1}-01,aktif"
            for i in range(10)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args = [sys.executable, "-m", "petakesos", "import", "--db", str(store), str(path)]
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"impor kecil gagal: {child.stderr.read().decode()[-500:]}")
    return seconds, usage.ru_maxrss / 1024


def measure(store: Path, repeats: int = REPEATS, app: bool = True) -> list[dict]:
    """Every figure of the benchmark as records; `app=False` leaves out the browser (the app's memory)."""
    results: list[dict] = []

    def add(name: str, value: float, unit: str, **ratio) -> None:
        results.append({"name": name, "value": round(value, 4), "unit": unit})
        if ratio:
            results[-1].update(ratio=round(ratio["ratio"], 2), against=ratio["against"])

    imports = [_small_import(store) for _ in range(max(1, repeats // 2))]
    add(
        "impor 10 baris (proses sendiri, termasuk penyegaran mart)",
        sorted(s for s, _ in imports)[len(imports) // 2],
        "s",
    )
    add("impor 10 baris: puncak memori", max(mb for _, mb in imports), "MB")
    national_queries.mart_refresh(store, add, repeats)
    con = db.open_store(settings(), store=store)
    try:
        for wilayah, label in ((PROVINCE, PROVINCE_LABEL), ("", "nasional")):
            national_queries.density(con, add, wilayah, label, YEAR, repeats)
        national_queries.page_queries(con, add, PROVINCE, YEAR, repeats)
    finally:
        con.close()
    size, cold, warm = national_app.map_payload(store, PROVINCE, YEAR, repeats)
    add("peta desa provinsi: data dikirim", size, "B")
    add("peta desa provinsi: membangun (pertama)", cold, "s")
    add("peta desa provinsi: membangun (berikutnya)", warm, "s")
    if app:
        started, after, peak = national_app.app_memory(store, PROVINCE, YEAR)
        add("aplikasi: memori setelah mulai", started, "MB")
        add("aplikasi: memori setelah semua halaman", after, "MB")
        add("aplikasi: memori puncak", peak, "MB")
    return results


def run(args: argparse.Namespace) -> list[dict]:
    """The machine, the store (built first when missing) and every figure, as records."""
    store = args.store or STORE_DIR / args.scale
    results = national_report.machine()
    results.append({"name": "kasus dalam penyimpanan sintetis", "value": SCALES[args.scale], "unit": "baris"})
    if not db.exists(store):
        # In a process of its own: Linux reports a child's peak memory as at least its parent's at the
        # fork, so a build in this process would inflate the import's peak measured next.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            seconds = pool.apply(build, (store, SCALES[args.scale]))
        results.append({"name": "membangun penyimpanan sintetis", "value": round(seconds, 1), "unit": "s"})
    return results + measure(store, args.repeats, app=not args.no_app)


def _saved(path: Path) -> list[dict]:
    """The records of an earlier `--json` run, or a clear message naming the file."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SystemExit(f"{path}: berkas tidak dapat dibaca ({err.strerror}).") from None
    except json.JSONDecodeError as err:
        raise SystemExit(
            f"{path}, baris {err.lineno} kolom {err.colno}: bukan keluaran JSON dari `bench national --json`."
        ) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) and "name" in r for r in records):
        raise SystemExit(f"{path}: bukan daftar catatan dari `bench national --json`.")
    return records


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m petakesos bench national")
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument("--store", type=Path, help="folder of the synthetic store (default data/bench/<scale>)")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="runs per figure (the median is kept)")
    parser.add_argument("--no-app", action="store_true", help="without the app's memory (no browser)")
    parser.add_argument("--from", dest="saved", type=Path, help="records of an earlier --json run: no measuring")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="a JSON list of records")
    out.add_argument("--markdown", action="store_true", help="the table of README.md, beside the targets")
    args = parser.parse_args(argv or [])
    results = _saved(args.saved) if args.saved else run(args)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    elif args.markdown:
        print(national_report.markdown(results))
    else:
        print(national_report.text(results, args.scale))


if __name__ == "__main__":
    main(sys.argv[1:])
