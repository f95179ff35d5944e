"""Benchmark (issue 15): the `geo` command on upstream village files — Jawa Timur (8,494 desa) converted and
simplified (target ≤ 60 s) and, with --semua, all of Indonesia province by province (≤ 15 min, ≤ 8 GB).

Each build runs as the command a user runs (`python -m petakesos geo`) in its own process, so time and memory
are the command's alone. Memory is sampled from /proc over the whole process tree (the store build runs two
worker processes), and the largest single process is taken from the kernel's rusage. Prints figures and the
ratio to each target; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from petakesos import fmt
from petakesos.config import REPO_ROOT, settings

TARGET_PROVINCE_S = 60.0
TARGET_NATIONAL_S = 15 * 60.0
TARGET_MEMORY_GB = 8.0


def _tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc (no psutil needed)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        kb = [line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")]
        rss[int(entry.name)] = int(kb[0]) if kb else 0
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in tree)


def run_geo(args: list[str]) -> dict:
    """Run `python -m petakesos geo ARGS`; seconds, peak MB of the process tree and of one process, exit code."""
    child = subprocess.Popen(
        [sys.executable, "-m", "petakesos", "geo", *args], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(child.pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    sampler.start()
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    summary = next((line for line in out.splitlines() if line.startswith("Batas wilayah dibangun")), "")
    return {
        "seconds": seconds,
        "tree_mb": peak[0] / 1024,
        "process_mb": usage.ru_maxrss / 1024,  # Linux: kB; the largest of the child and its reaped workers
        "cpu_s": usage.ru_utime + usage.ru_stime,  # with its workers: the time on a quiet machine, near enough
        "code": os.waitstatus_to_exitcode(status),
        "summary": summary,
    }


def _print(label: str, r: dict, target_s: float) -> None:
    ok = "ya" if r["seconds"] <= target_s and r["tree_mb"] <= TARGET_MEMORY_GB * 1024 and r["code"] == 0 else "TIDAK"
    print(
        f"  {label:<28} {fmt.decimal(r['seconds'])} s, rasio {fmt.decimal(r['seconds'] / target_s, 2)} terhadap "
        f"{fmt.number(target_s)} s (CPU {fmt.decimal(r['cpu_s'])} s); memori puncak {fmt.number(r['tree_mb'])} MB "
        f"(semua proses), {fmt.number(r['process_mb'])} MB (satu proses); "
        f"kode keluar {r['code']}; memenuhi target: {ok}"
    )
    if r["summary"]:
        print(f"    {r['summary']}")


def main(argv: list[str] | None = None) -> None:
    """Jawa Timur always; all of Indonesia with --semua (minutes: run it when the machine is quiet)."""
    parser = argparse.ArgumentParser(
        prog="python -m petakesos.bench.geo", description="ukur waktu dan memori perintah geo"
    )
    parser.add_argument("--semua", action="store_true", help="juga seluruh Indonesia (38 provinsi)")
    parser.add_argument("--out", type=Path, default=None, help="folder hasil --semua (bawaan: folder sementara)")
    args = parser.parse_args([] if argv is None else argv)
    source = settings().shared_geo_dir / "upstream" / "wilayah_boundaries"
    if not (source / "db" / "kel" / "35").is_dir():
        raise SystemExit(f"Berkas wilayah_boundaries tidak ada di {source}.")
    load = os.getloadavg()[0]
    print(f"{platform.machine()}, {os.cpu_count()} inti, beban {load:.1f}; sumber {source}")
    if load > (os.cpu_count() or 1):
        print("  (mesin sedang sibuk: waktu dinding lebih lama dari semestinya; lihat juga waktu CPU)")
    with tempfile.TemporaryDirectory(prefix="bench_geo_") as tmp:
        r = run_geo(["--provinsi", "35", "--from", str(source), "--out", str(Path(tmp) / "jatim")])
        _print("Jawa Timur (8.494 desa)", r, TARGET_PROVINCE_S)
        if args.semua:
            out = args.out or Path(tmp) / "semua"
            r = run_geo(["--semua", "--from", str(source), "--out", str(out)])
            _print("Seluruh Indonesia (38 prov.)", r, TARGET_NATIONAL_S)


if __name__ == "__main__":
    main(sys.argv[1:])
