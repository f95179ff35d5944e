"""`python -m petakesos geo`: convert the upstream village files of chosen provinces (or all of Indonesia)
and build the boundary store from them, offline, from a folder laid out as cahyadsn/wilayah_boundaries
(db/kel/<prov>/wilayah_boundaries_kel_<kab>.sql[.gz]). Reports per kabupaten are written beside the files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from petakesos.config import settings

HELP = "bangun batas desa/kelurahan dari berkas wilayah_boundaries untuk provinsi pilihan atau seluruh Indonesia"
EPILOG = """Contoh:
  python -m petakesos geo --provinsi 35 33 18
  python -m petakesos geo --semua --from ../shared/geo/upstream/wilayah_boundaries
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the `geo` subcommand on the CLI's subparsers."""
    p = sub.add_parser(
        "geo", help=HELP, description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--provinsi", nargs="+", metavar="KODE", help="kode provinsi, mis. 35 33 18")
    which.add_argument("--semua", action="store_true", help="semua provinsi yang ada di folder sumber")
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=None,
        help="folder wilayah_boundaries (bawaan: ../shared/geo/upstream/wilayah_boundaries bila ada)",
    )
    p.add_argument("--out", type=Path, default=None, help="folder penyimpanan batas (bawaan: geo/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from petakesos.geo import build, national

    cfg = settings()
    source = args.source or cfg.shared_geo_dir / "upstream" / "wilayah_boundaries"
    out = args.out or cfg.geo_dir
    try:
        national.kel_root(source)
    except FileNotFoundError as missing:
        print(f"{missing} Unduhan otomatis belum tersedia: berikan --from FOLDER.", file=sys.stderr)
        return 2
    codes = national.load_codes(cfg.shared_geo_dir / "wilayah_kemendagri_2025.csv")
    provinces = None if args.semua else args.provinsi
    unknown = [p for p in provinces or [] if p not in set(codes.loc[codes["tingkat"] == "1", "kode"])]
    if unknown:
        print(f"Kode provinsi tidak dikenal: {', '.join(unknown)}.", file=sys.stderr)
        return 2
    villages = out / "sumber"  # one GeoParquet per province, the store's input
    villages.mkdir(parents=True, exist_ok=True)
    for old in villages.glob("desa_*.parquet"):
        old.unlink()  # the store holds exactly the chosen provinces
    results = national.convert_provinces(source, villages, provinces, codes=codes, log=print)
    for r in results:
        r.report.to_csv(villages / f"laporan_{r.kode_prov}.csv", index=False)
    empty = [r.kode_prov for r in results if r.path is None]
    if empty:
        print(f"Tidak ada berkas desa untuk provinsi: {', '.join(empty)}.", file=sys.stderr)
        return 2
    summary = build.build_store(villages, out, force=True)
    print(f"Batas wilayah dibangun di {out}: {summary['counts']}")
    return 0
