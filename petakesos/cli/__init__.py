"""Command line: set-up, demo data, imports, maps and allocations without the UI."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from petakesos import db
from petakesos.cli import allocate as cli_allocate
from petakesos.cli import desa as cli_desa
from petakesos.cli import geo as cli_geo
from petakesos.cli import map as cli_map
from petakesos.cli import user as cli_user
from petakesos.config import settings

HELP = "Peta Kesos — peta PMKS dan cakupan PSM per desa/kelurahan."


def _cmd_setup(args: argparse.Namespace) -> int:
    from petakesos.geo import build as geobuild
    from petakesos.maps import assets as static_assets

    cfg = settings()
    summary = geobuild.build_store(cfg.shared_geo_dir, cfg.geo_dir, force=args.force)
    print(f"Batas wilayah: {summary}")
    print(f"Aset peta (Leaflet, MapLibre, pmtiles) di {static_assets.ensure_static(cfg.static_dir)}")
    from petakesos.geo import tiles  # the national desa map's vector tiles, only when older than the store

    print(f"Ubin peta nasional: {tiles.build_tiles(cfg.geo_dir, tiles.tiles_dir(cfg.static_dir), force=args.force)}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    import duckdb

    from petakesos import db
    from petakesos.ingest.importer import import_files
    from petakesos.ingest.kinds import WrongKind
    from petakesos.ingest.options import per_file
    from petakesos.ingest.readers import UnreadableFile

    cfg = settings()
    try:
        names, kinds, mappings = per_file(args)
    except ValueError as exc:
        print(f"Impor dibatalkan, tidak ada data yang diubah. {exc}", file=sys.stderr)
        return 2
    try:
        result = import_files(
            [Path(f) for f in args.files],
            cfg,
            store=args.db,
            kabupaten=args.kabupaten,
            names=names,
            kinds=kinds,
            mappings=mappings,
            imported_by=args.oleh,
        )
    except (UnreadableFile, WrongKind, db.ImportRunning) as exc:
        print(f"Impor dibatalkan, tidak ada data yang diubah. {exc}", file=sys.stderr)
        return 2
    except (duckdb.Error, OSError) as exc:  # disk full, store unreadable, a conflicting import elsewhere
        print(f"Impor gagal dan dibatalkan; tidak ada data yang diubah. Penyebab: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return 0
    for f in result.files:
        print(
            f"{f.file} ({f.kind}): dibaca {f.read} = diimpor {f.imported} + karantina {f.quarantined}"
            f" + duplikat {f.duplicate}"
            + (f" (diperbarui {f.updated})" if f.updated else "")
            + (f"; baris jumlah dilewati {f.dropped}" if f.dropped else "")
            + (f"; keluar dari karantina {f.released}" if f.released else "")
        )
        for line in f.examples:
            print(f"  karantina: {line}")
    t = result.totals()
    print(
        f"Total: dibaca {t['read']} = diimpor {t['imported']} + karantina {t['quarantined']}"
        f" + duplikat {t['duplicate']}"
    )
    return 0


def _refresh(store: str) -> None:
    """Bring an existing store up to this version: schema migrations and marts rebuilt."""
    from petakesos import db

    con = db.open_store(settings(), read_only=False, store=store)
    try:
        con.begin()
        db.rebuild_marts(con)
        con.commit()
    finally:
        con.close()


def _demo_provinces(chosen: list[str] | None, cfg) -> tuple[str, ...] | None:
    """The --provinsi codes, checked against the national code list (None = the provinces with desa files)."""
    if not chosen:
        return None
    from petakesos.geo.upstream import load_codes

    codes = load_codes(cfg.shared_geo_dir / "wilayah_kemendagri_2025.csv")
    unknown = [p for p in chosen if p not in set(codes.loc[codes["tingkat"] == "1", "kode"])]
    if unknown:
        raise ValueError(f"kode provinsi tidak dikenal: {', '.join(unknown)}")
    return tuple(dict.fromkeys(chosen))


def _cmd_demo(args: argparse.Namespace) -> int:
    from petakesos import db
    from petakesos.demo import write_demo_exports
    from petakesos.ingest.importer import import_files

    cfg = settings()
    store = args.db or cfg.store
    if db.exists(store) and not args.force:
        _refresh(store)
        print(f"Data contoh sudah ada: {store}; tabel ringkasan diperbarui (pakai --force untuk membuat ulang).")
        return 0
    if db.exists(store):
        if db.is_postgres(store):
            print("Data contoh tidak dibuat ulang di PostgreSQL; hapus basis data itu sendiri.", file=sys.stderr)
            return 2
        shutil.rmtree(store)
    try:
        files = write_demo_exports(cfg.shared_geo_dir, cfg.demo_dir, provinces=_demo_provinces(args.provinsi, cfg))
    except (ValueError, FileNotFoundError) as exc:
        print(f"Data contoh tidak dapat dibuat: {exc}", file=sys.stderr)
        return 2
    print(f"Data contoh (sintetis) ditulis: {len(files)} berkas di {cfg.demo_dir}")
    result = import_files(files, cfg, store=store, dataset_label="demo")
    t = result.totals()
    print(
        f"Diimpor ke {store}: dibaca {t['read']} = diimpor {t['imported']} + karantina "
        f"{t['quarantined']} + duplikat {t['duplicate']}"
    )
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    """Apply the schema files an older store lacks (the app refuses an old schema and says to run this)."""
    from petakesos import db

    cfg = settings()
    store = args.db or cfg.store
    try:
        applied = db.upgrade(store, cfg.store_data)
    except db.StoreProblem as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except db.ImportRunning as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"Skema diperbarui: {', '.join(applied)}." if applied else "Skema penyimpanan data sudah mutakhir.")
    return 0


BENCHMARKS = {
    "allocate": "petakesos.bench.allocate",  # 1,000 slots over 8,500 desa, each method
    "map": "petakesos.bench.map",  # Jawa Timur desa map: bytes, build and browser draw time
    "peta": "petakesos.bench.peta",  # the Peta page end to end in Chromium: open and switch times
    "folium": "petakesos.bench.folium",  # streamlit-folium against the map component (docs/decisions.md)
    "national": "petakesos.bench.national",  # 30 million cases: small import, page queries, against pandas
    "import": "petakesos.bench.impor",  # 1,000,000-row CSV, 100,000-row XLSX, a 10-row import: time and memory
    "geo": "petakesos.bench.geo",  # upstream village files: Jawa Timur ≤ 60 s; `python -m petakesos.bench.geo --semua`
    "load": "petakesos.bench.load",  # 25 sessions clicking through the pages over websockets: p50/p95, errors, RSS
    "nationalmap": "petakesos.bench.vector_map",  # all desa as vector tiles in Chromium: first draw, restyle, bytes
}


def _cmd_bench(args: argparse.Namespace) -> int:
    """Run benchmark scripts; each prints its figures and the ratio to its target (not a test)."""
    import importlib
    import inspect

    extra = getattr(args, "extra", [])  # options of one benchmark, e.g. `bench national --scale national --json`
    for name in args.which or list(BENCHMARKS):
        print(f"== {name}", file=sys.stderr)  # a heading only: stdout stays the benchmark's (`--json`)
        module = importlib.import_module(BENCHMARKS[name])
        if "argv" in inspect.signature(module.main).parameters:  # these parse their own options
            module.main(extra)
        elif extra:
            print(f"Benchmark {name} tidak menerima opsi: {' '.join(extra)}", file=sys.stderr)
            return 2
        else:
            module.main()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m petakesos", description=HELP)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("setup", help="bangun penyimpanan batas wilayah dan aset peta offline")
    p.add_argument("--force", action="store_true", help="bangun ulang meskipun sudah mutakhir")
    p.set_defaults(func=_cmd_setup)

    p = sub.add_parser("demo", help="tulis dan impor data contoh (sintetis)")
    p.add_argument(
        "--db", default=None, help="penyimpanan data: folder DuckLake atau postgres:... (bawaan: data/kesos)"
    )
    p.add_argument("--force", action="store_true", help="hapus dan buat ulang basis data contoh")
    p.add_argument(
        "--provinsi",
        nargs="+",
        metavar="KODE",
        default=None,
        help="provinsi data contoh, mis. 11 35 (bawaan: provinsi yang punya batas desa: 35 33 18)",
    )
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("import", help="impor ekspor CSV/XLSX (lihat data/README.md)")
    p.add_argument("files", nargs="+", help="berkas CSV atau XLSX")
    p.add_argument(
        "--db", default=None, help="penyimpanan data: folder DuckLake atau postgres:... (bawaan: data/kesos)"
    )
    p.add_argument("--json", action="store_true", help="cetak hitungan baris sebagai satu objek JSON")
    p.add_argument(
        "--kabupaten", default=None, help="kode kabupaten/kota berkas yang menulis desa dengan nama, mis. 35.23"
    )
    from petakesos.ingest.options import add_arguments

    add_arguments(p)
    p.set_defaults(func=_cmd_import)
    p = sub.add_parser("migrate", help="perbarui skema penyimpanan data buatan versi lama")
    p.add_argument(
        "--db", default=None, help="penyimpanan data: folder DuckLake atau postgres:... (bawaan: data/kesos)"
    )
    p.set_defaults(func=_cmd_migrate)
    p = sub.add_parser("bench", help="ukur kecepatan (mencetak angka dan rasio terhadap target)")
    p.add_argument("which", nargs="*", choices=sorted(BENCHMARKS), help="bawaan: semua")
    p.set_defaults(func=_cmd_bench)
    cli_map.add_parser(sub)
    cli_allocate.add_parser(sub)
    cli_geo.add_parser(sub)
    cli_user.add_parser(sub)
    cli_desa.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "bench":
        parser.error(f"argumen tidak dikenal: {' '.join(extra)}")
    args.extra = extra
    try:
        return args.func(args)
    except db.StoreProblem as problem:  # a missing, unreadable or outdated store: the message, no traceback
        print(problem.message, file=sys.stderr)
        return 2
