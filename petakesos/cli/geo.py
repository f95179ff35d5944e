"""`python -m petakesos geo`: convert the upstream village files of chosen provinces (or all of Indonesia)
and build the boundary store from them, from a folder laid out as cahyadsn/wilayah_boundaries
(db/kel/<prov>/wilayah_boundaries_kel_<kab>.sql[.gz]): `--from`, else shared/geo's copy, else (or with `--url`)
the files downloaded into data/unduhan/ (`geo.download`). Reports per kabupaten are written beside the files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from petakesos.config import settings

HELP = "bangun batas desa/kelurahan dari berkas wilayah_boundaries untuk provinsi pilihan atau seluruh Indonesia"
EPILOG = """Contoh:
  python -m petakesos geo --provinsi 35 33 18
  python -m petakesos geo --semua --from ../shared/geo/upstream/wilayah_boundaries
  python -m petakesos geo --provinsi 35 --url https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/main
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the `geo` subcommand on the CLI's subparsers."""
    p = sub.add_parser(
        "geo", help=HELP, description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--provinsi", nargs="+", metavar="KODE", help="kode provinsi, mis. 35 33 18")
    which.add_argument("--semua", action="store_true", help="semua provinsi yang ada di folder sumber")
    which_source = p.add_mutually_exclusive_group()
    which_source.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=None,
        help="folder wilayah_boundaries (bawaan: ../shared/geo/upstream/wilayah_boundaries bila ada)",
    )
    which_source.add_argument(
        "--url",
        default=None,
        help="unduh berkas yang diperlukan dari alamat ini (bawaan bila tidak ada folder: $PETAKESOS_GEO_URL "
        "atau repositori wilayah_boundaries di GitHub) ke data/unduhan/",
    )
    p.add_argument("--out", type=Path, default=None, help="folder penyimpanan batas (bawaan: geo/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from petakesos.geo import build, download, national

    cfg = settings()
    out = args.out or cfg.geo_dir
    codes = national.load_codes(cfg.shared_geo_dir / "wilayah_kemendagri_2025.csv")
    known = codes.loc[codes["tingkat"] == "1", "kode"].tolist()
    unknown = [p for p in args.provinsi or [] if p not in set(known)]
    if unknown:
        print(f"Kode provinsi tidak dikenal: {', '.join(unknown)}.", file=sys.stderr)
        return 2
    source = args.source or cfg.shared_geo_dir / "upstream" / "wilayah_boundaries"
    provinces = args.provinsi  # None (--semua): every province the folder holds
    if args.url is not None or (args.source is None and not _has_layout(source)):
        source, provinces = download.cache_dir(cfg.data_dir), args.provinsi or known
        try:
            got = download.fetch(provinces, codes, download.base_url(args.url), source)
        except download.DownloadError as exc:
            print(exc, file=sys.stderr)
            return 2
        print(
            f"Unduhan di {source}: {len(got.downloaded)} berkas diunduh, {len(got.reused)} dipakai ulang "
            f"(SHA-256 cocok), {len(got.absent)} tidak tersedia di server."
        )
    elif not _has_layout(source):
        print(f"Tidak ada folder db/kel/<provinsi> berkas wilayah_boundaries di {source}.", file=sys.stderr)
        print("Berikan --from FOLDER, atau --url ALAMAT untuk mengunduhnya.", file=sys.stderr)
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
    upper = source if (source / "db" / "kab").is_dir() else cfg.shared_geo_dir / "upstream" / "wilayah_boundaries"
    summary = build.build_store(villages, out, force=True, upper=upper)  # kab/kec of all Indonesia from upper
    print(f"Batas wilayah dibangun di {out}: {summary['counts']}")
    if out == cfg.geo_dir:  # the app's own store: its national map tiles follow it
        from petakesos.geo import tiles

        print(f"Ubin peta nasional: {tiles.build_tiles(out, tiles.tiles_dir(cfg.static_dir))}")
    return 0


def _has_layout(source: Path) -> bool:
    from petakesos.geo import national

    try:
        national.kel_root(source)
    except FileNotFoundError:
        return False
    return True
