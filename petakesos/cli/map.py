"""`python -m petakesos map`: the Peta PMKS map as an offline HTML file or a PNG, without Streamlit.

Uses the same query and values logic as the page (petakesos.features.peta), on settings().db_path and
settings().geo_dir, so a map made for a meeting from the command line matches the dashboard.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from petakesos import db, wilayah
from petakesos.config import settings

HELP = "buat peta PMKS per desa sebagai HTML offline atau PNG"
EPILOG = (
    "Contoh: python -m petakesos map --wilayah 35.23 --period 2025 --out tuban_2025.png\n"
    "        python -m petakesos map --wilayah 35 --period 2023-2025 --kategori 24,09 --out jatim.html"
)


class MapError(Exception):
    """A user error with a message in Indonesian (printed without a traceback)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the `map` subcommand on the CLI's subparsers."""
    p = sub.add_parser(
        "map", help=HELP, description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--wilayah", required=True, help="kode wilayah: provinsi (35), kabupaten (35.23) atau kecamatan")
    p.add_argument("--period", required=True, help="tahun (2025) atau rentang tahun (2023-2025)")
    p.add_argument("--out", required=True, type=Path, help="berkas keluaran .html atau .png")
    p.add_argument("--kategori", default="", help="kode kategori PMKS dipisah koma, mis. 24,09 (bawaan: semua)")
    p.add_argument(
        "--ukuran",
        choices=("rate", "count"),
        default="rate",
        help="rate = kasus per 1.000 penduduk (bawaan), count = jumlah kasus",
    )
    p.add_argument(
        "--skema", default="quantile", help="klasifikasi: quantile (bawaan), fisher_jenks atau equal_interval"
    )
    p.add_argument("--kelas", type=int, default=5, help="jumlah kelas 3–7 (bawaan: 5)")
    p.add_argument(
        "--palet",
        default="YlOrRd",
        help="palet warna: YlOrRd (bawaan), Blues, Purples, YlGnBu, Greens, Oranges, viridis",
    )
    p.add_argument("--tanpa-samarkan", action="store_true", help='tampilkan angka 1–4 apa adanya (bawaan: "<5")')
    p.set_defaults(func=run)


def _kategori(text: str, known: set[str]) -> tuple[str, ...]:
    """'24,9' -> ('24', '09'); MapError for a code not in the category list."""
    codes = []
    for part in (t.strip() for t in text.split(",") if t.strip()):
        code = part.zfill(2) if part.isdigit() else part
        if code not in known:
            raise MapError(f"Kategori PMKS tidak dikenal: {part!r} (kode 01–26, lihat data/pmks_categories.csv).")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def build(args: argparse.Namespace) -> Path:
    """Write the map file; raises MapError on a user error."""
    # Imported here so other subcommands do not load the map stack (matplotlib, folium).
    from petakesos import fmt, geo, maps, sql
    from petakesos.features import peta
    from petakesos.features.peta import detail

    cfg = settings()
    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".png"):
        raise MapError(f"Berkas keluaran harus berakhiran .html atau .png, bukan {out.name!r}.")
    try:
        scope = wilayah.normalize(args.wilayah)
    except wilayah.InvalidWilayah as exc:
        raise MapError(str(exc)) from None
    if not scope or wilayah.level(scope) == "desa":
        raise MapError("Pilih provinsi, kabupaten/kota atau kecamatan (bukan semua provinsi atau satu desa).")
    try:
        periode = peta.Periode.parse(args.period)
    except peta.PeriodeInvalid as exc:
        raise MapError(str(exc)) from None
    if not db.exists(cfg.store):
        raise MapError(f"Basis data belum ada: {cfg.store}. Jalankan `python -m petakesos demo` atau impor data.")
    if not geo.store_ready(cfg.geo_dir):
        raise MapError(f"Batas wilayah belum dibangun di {cfg.geo_dir}. Jalankan `python -m petakesos setup`.")

    con = db.open_store(cfg)
    try:
        run = functools.partial(sql.run, con)
        info = run("app/wilayah_names", wilayah=scope)
        if info.empty:
            raise MapError(f"Kode wilayah tidak dikenal: {args.wilayah!r}.")
        try:
            periode.check(run("app/tahun_with_data", wilayah=scope)["tahun"].astype(int).tolist())
        except peta.PeriodeInvalid as exc:
            raise MapError(str(exc)) from None
        kat = run("app/kategori_with_kasus", wilayah=scope, tahun=periode.akhir)
        names = dict(zip(kat["kode"], kat["nama"]))
        kategori = _kategori(args.kategori, set(names))
        values = peta.values_frame(peta.fetch_rows(run, scope, periode, kategori), args.ukuran, not args.tanpa_samarkan)
        if values.empty:
            raise MapError(f"Tidak ada desa dengan data di {wilayah.display_name(info.iloc[0])}.")
        asof = fmt.date(run("app/last_case_date", wilayah=scope, tahun=periode.akhir)["data_per"].iloc[0])
        demo = peta.is_demo(run("app/dataset_meta"))
    finally:
        con.close()

    try:
        spec = peta.map_spec(
            ukuran=args.ukuran,
            kategori_text=peta.kategori_label(kategori, names),
            wilayah_nama=wilayah.display_name(info.iloc[0]),
            periode=periode,
            scheme=args.skema,
            k=args.kelas,
            palette=args.palet,
            asof=asof,
            demo=demo,
            presentation=True,
            suppress_small=not args.tanpa_samarkan,
        )
    except ValueError as exc:
        raise MapError(str(exc)) from None
    zoom, outline_level = geo.view_for(scope)  # the same choice as the app's maps
    layer = geo.load_level(cfg.geo_dir, "desa", zoom, scope)
    outline = geo.load_level(cfg.geo_dir, outline_level, zoom, scope)
    classes = maps.classify(values["nilai"], spec.scheme, spec.k)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".html":
        out.write_bytes(detail.html_bytes(layer, values, spec, classes, outline))
    else:
        out.write_bytes(detail.png_bytes(layer, values, spec, classes, outline))
    return out


def run(args: argparse.Namespace) -> int:
    """CLI entry: 0 on success, 2 with an Indonesian message on a user error."""
    try:
        out = build(args)
    except MapError as exc:
        print(f"Peta tidak dibuat. {exc}", file=sys.stderr)
        return 2
    print(f"Peta ditulis: {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0
