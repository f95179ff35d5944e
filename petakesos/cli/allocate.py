"""`python -m petakesos allocate`: the quota planner without Streamlit — N new PSM slots over the desa of
a kabupaten/kecamatan, written to an Excel file and summarised before/after on the terminal.

Same query (queries/app/psm_kasus_by_desa.sql), same rules (petakesos.allocate.engine) and same workbook
(petakesos.features.cakupan) as the Rencana Kuota PSM page, so a sheet made here matches the dashboard.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from petakesos import clock, wilayah
from petakesos.allocate.engine import METHODS, NEEDS, AllocationError
from petakesos.config import settings

HELP = "bagi N slot PSM baru ke desa/kelurahan sebuah kabupaten atau kecamatan, simpan sebagai Excel"
EPILOG = (
    "Contoh: python -m petakesos allocate --wilayah 18.01 --slots 50 --method satu_per_desa "
    "--out lamsel_50.xlsx\n"
    "        python -m petakesos allocate --wilayah 1801 --slots 50 --method minmax_beban --tahun 2025 "
    "--need per_1000 --max-per-desa 2 --exclude 18.01.04.2001,18.01.04.2002 --out lamsel.xlsx"
)


class PlanError(AllocationError):
    """A user error on the command line (message in Indonesian, printed without a traceback)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the `allocate` subcommand on the CLI's subparsers."""
    p = sub.add_parser(
        "allocate", help=HELP, description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--wilayah", required=True, help="kode kabupaten/kota (18.01) atau kecamatan (18.01.04)")
    p.add_argument("--slots", required=True, help="jumlah slot PSM baru (bilangan bulat 0 atau lebih)")
    p.add_argument("--method", required=True, help=f"metode pembagian: {', '.join(METHODS)}")
    p.add_argument("--out", required=True, type=Path, help="berkas Excel keluaran (.xlsx)")
    p.add_argument("--tahun", default=None, help="tahun data (bawaan: tahun terakhir dalam data)")
    p.add_argument("--need", default="kasus", help=f"ukuran kebutuhan: {', '.join(NEEDS)} (bawaan: kasus)")
    p.add_argument("--max-per-desa", default=None, help="batas slot baru per desa (bawaan: tanpa batas)")
    p.add_argument("--exclude", default="", help="kode desa yang dikecualikan, dipisah koma")
    p.add_argument(
        "--db", default=None, help="penyimpanan data: folder DuckLake atau postgres:... (bawaan: data/kesos)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand: 0 on success, 2 with a message on stderr for any user error."""
    try:
        return _plan(args)
    except AllocationError as exc:
        print(f"Pembagian dibatalkan: {exc}", file=sys.stderr)
        return 2


def _int_or_none(text: str | None, label: str) -> int | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        return int(str(text).strip())
    except ValueError:
        raise PlanError(f"{label} harus bilangan bulat; diterima: {text!r}.") from None


def _scope(text: str, scope_message: str) -> str:
    try:
        scope = wilayah.normalize(text)
    except wilayah.InvalidWilayah as exc:
        raise PlanError(str(exc)) from None
    if scope == "":
        raise PlanError(f"Kode wilayah kosong. {scope_message}")
    return scope


def _exclude(text: str, known: dict[str, str]) -> frozenset[str]:
    codes = set()
    for part in (t.strip() for t in text.split(",") if t.strip()):
        try:
            code = wilayah.normalize(part)
        except wilayah.InvalidWilayah as exc:
            raise PlanError(str(exc)) from None
        if code not in known:
            raise PlanError(f"Desa {part} untuk --exclude tidak ada di wilayah ini.")
        codes.add(code)
    return frozenset(codes)


def _plan(args: argparse.Namespace) -> int:
    # Imported here so other subcommands do not load pandas, DuckDB and the map stack.
    from petakesos import fmt, sql
    from petakesos.allocate.engine import AllocationParams, allocate, summarize
    from petakesos.features import cakupan, kuota
    from petakesos.features.peta import is_demo

    msg = cakupan.MSG
    scope = _scope(args.wilayah, msg["scope"])
    kuota.check_scope(wilayah.level(scope))
    slots = kuota.parse_slots(args.slots)
    max_per_desa = _int_or_none(args.max_per_desa, "Batas slot per desa")
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise PlanError(f"Berkas keluaran harus berakhiran .xlsx, bukan {out.name!r}.")
    if not out.parent.is_dir():
        raise PlanError(f"Folder untuk berkas keluaran tidak ada: {out.parent}")
    from petakesos import db

    store = args.db or settings().store
    if not db.exists(store):
        raise PlanError(f"Basis data belum ada ({store}). Jalankan `python -m petakesos demo` atau impor data.")

    con = db.open_store(settings(), store=store)
    try:
        info = sql.run(con, "app/wilayah_names", wilayah=scope)
        if info.empty:
            raise PlanError(msg["unknown"].format(kode=scope))
        nama = wilayah.display_name(info.iloc[0])
        # Years with cases in the scope; a scope without any case falls back to the years of the whole data.
        years = (
            sql.run(con, "app/tahun_with_data", wilayah=scope)["tahun"].astype(int).tolist()
            or sql.run(con, "app/tahun_with_data", wilayah="")["tahun"].astype(int).tolist()
        )
        tahun = _int_or_none(args.tahun, "Tahun")
        if tahun is None:
            tahun = years[-1] if years else clock.today().year
        elif years and tahun not in years:
            raise PlanError(f"Tahun {tahun} tidak ada dalam data {nama} (tersedia {years[0]}–{years[-1]}).")
        rows = sql.run(con, "app/psm_kasus_by_desa", wilayah=scope, tahun=tahun)
        demo = is_demo(sql.run(con, "app/dataset_meta"))
    finally:
        con.close()
    if rows.empty:
        raise PlanError(msg["no_data"].format(nama=nama, tahun=tahun))

    units = kuota.units(rows)
    if not kuota.has_population(units) and args.need != "per_1000":
        print(msg["no_pop"].format(nama=nama), file=sys.stderr)
    names = dict(zip(units["kode_desa"], units["nama_desa"]))
    params = AllocationParams(
        slots=slots,
        method=args.method,
        need=args.need,
        max_per_desa=max_per_desa,
        exclude=_exclude(args.exclude, names),
    )
    result = allocate(units, params)
    summary = summarize(result)
    sheet = kuota.parameters(
        nama=nama,
        kode=scope,
        tahun=tahun,
        params=params,
        names=names,
        kec_names=dict(zip(units["kode_kec"], units["nama_kec"])),
        demo=demo,
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
    out.write_bytes(kuota.workbook(result, summary, sheet))

    got = result.loc[result["slot_baru"] > 0]
    print(f"{nama} — {tahun}" + (" (data contoh, sintetis)" if demo else ""))
    print(cakupan.headline(cakupan.totals(cakupan.coverage(rows))))
    print(
        f"{fmt.number(summary['slots_used'])} slot baru ke {fmt.number(len(got))} desa/kelurahan di "
        f"{got['kode_kec'].nunique()} kecamatan "
        f"({args.method}, kebutuhan: {args.need})."
    )
    print("\n".join(kuota.summary_lines(summary)))
    print(f"Excel ditulis: {out}")
    return 0
