"""Benchmark at national scale (issues 11 and 14): a synthetic store with every desa of the national code
list and 30 million cases (built once into data/bench/nasional, reused), then a 10-row import into it as
its own process, and the app's queries for a province and for the whole country, each beside pandas on
the same rows and DuckDB's bare scan. Prints figures with ratios (or a JSON list with --json); not a test."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from petakesos import db, sql
from petakesos.config import REPO_ROOT, settings

STORE = REPO_ROOT / "data" / "bench" / "nasional"
SCALES = {"district": 300_000, "province": 3_000_000, "national": 30_000_000}
PROVINCE = "35"
YEAR = 2023
REPEATS = 3


def build(store: Path, n_cases: int) -> float:
    """Fill a new store with synthetic rows (not through the importer: this measures reading, not
    writing) and build its marts; returns seconds."""
    start = time.perf_counter()
    con = db.open_store(settings(), read_only=False, store=store)
    try:
        con.begin()
        db.load_reference_tables(con, settings())
        sql.execute(con, "bench/national_kasus", n=n_cases)
        sql.execute(con, "bench/national_penduduk")
        sql.execute(con, "bench/national_psm")
        db.rebuild_marts(con)
        sql.execute(con, "staging/set_meta", key="dataset", value="bench")
        con.commit()
    finally:
        con.close()
    return time.perf_counter() - start


def _median(run) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _small_import(store: Path) -> tuple[float, float]:
    """(seconds, peak MB) of `python -m petakesos import` of 10 new cases, in its own process."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kasus_10.csv"
        lines = ["nik,nama,jenis_kelamin,tanggal_lahir,kode_pmks,kode_desa,tanggal_catat,status"]
        stamp = int(time.time()) % 1_000_000
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


def _density_pandas(con, wilayah: str) -> None:
    """The per-desa count of cases open in YEAR, the naive way: the rows in pandas, then groupby."""
    rows = sql.run(con, "bench/kasus_rows", wilayah=wilayah)
    start, end = f"{YEAR}-01-01", f"{YEAR}-12-31"
    open_ = rows[(rows["tanggal_catat"] <= end) & (rows["tanggal_selesai"].isna() | (rows["tanggal_selesai"] >= start))]
    open_.groupby("kode_desa").size()


def measure(store: Path, n_cases: int) -> list[dict]:
    results: list[dict] = []

    def add(name, value, unit):
        results.append({"name": name, "value": round(value, 4), "unit": unit})

    seconds, mb = _small_import(store)
    add(f"impor 10 baris ke {n_cases:,} kasus (termasuk penyegaran mart)".replace(",", "."), seconds, "s")
    add("impor 10 baris: puncak memori", mb, "MB")
    con = db.open_store(settings(), store=store)
    try:
        for wilayah, label in ((PROVINCE, "provinsi Jawa Timur"), ("", "nasional")):
            params = {"wilayah": wilayah, "tahun": YEAR, "tahun_awal": YEAR, "kategori": [], "tingkat": 4}
            density = _median(lambda p=params: sql.run(con, "app/kasus_by_desa", **_own(p, "app/kasus_by_desa")))
            scan = _median(lambda w=wilayah: sql.run(con, "bench/kasus_scan", wilayah=w))
            naive = _median(lambda w=wilayah: _density_pandas(con, w))
            add(f"kepadatan per desa, {label}", density, "s")
            add(f"kepadatan per desa, {label}: pandas groupby", naive, "s")
            results[-1].update(ratio=round(naive / density, 2), against="pandas")  # times faster than pandas
            add(f"kepadatan per desa, {label}: pindai saja (DuckDB)", scan, "s")
            results[-1].update(ratio=round(density / scan, 2), against="scan")  # the query / the bare scan
        for name in sql.names("app"):
            sample = {"wilayah": PROVINCE, "tahun": YEAR, "tahun_awal": YEAR - 2, "kategori": [], "tingkat": 4}
            params = _own({**sample, "file_name": "", "alasan": ""}, name)
            add(f"{name} (provinsi, hangat)", _median(lambda n=name, p=params: sql.run(con, n, **p)), "s")
    finally:
        con.close()
    return results


def _own(params: dict, name: str) -> dict:
    return {k: v for k, v in params.items() if k in sql.param_names(sql.load(name))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m petakesos bench national")
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv or [])
    store = STORE.with_name(f"{args.scale}")
    built = None
    if not db.exists(store):
        built = build(store, SCALES[args.scale])
    results = measure(store, SCALES[args.scale])
    if built is not None:
        results.insert(0, {"name": "membangun penyimpanan sintetis", "value": round(built, 1), "unit": "s"})
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return
    print(f"Mesin: {platform.node()}, {os.cpu_count()} inti; skala {args.scale}: {SCALES[args.scale]:,} kasus")
    for r in results:
        extra = f"  rasio {r['ratio']} terhadap {r['against']}" if "ratio" in r else ""
        print(f"{r['name']:<70} {r['value']:>10} {r['unit']}{extra}")


if __name__ == "__main__":
    main(sys.argv[1:])
