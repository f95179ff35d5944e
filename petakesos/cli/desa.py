"""`python -m petakesos desa`: look up desa codes by name (`cari`) and store the choice for a name the import
could not match surely (`konfirmasi`), so that the next import of the same file uses it."""

from __future__ import annotations

import argparse
import sys

from petakesos.config import settings

HELP = "cari kode desa dari namanya dan simpan pilihan untuk nama desa yang tidak pasti saat impor"
EPILOG = """Contoh:
  python -m petakesos desa cari --kabupaten 35.23 --desa "Kuto Renon"
  python -m petakesos desa konfirmasi --kabupaten 35.23 --desa "Sumberjo" --kecamatan Widang --kode 35.23.19.2005
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the `desa` subcommand (with `cari` and `konfirmasi`) on the CLI's subparsers."""
    p = sub.add_parser(
        "desa", help=HELP, description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    actions = p.add_subparsers(dest="aksi", required=True)
    cari = actions.add_parser("cari", help="tampilkan kandidat kode desa untuk sebuah nama, dengan skornya")
    konfirmasi = actions.add_parser("konfirmasi", help="simpan kode desa untuk sebuah nama (dipakai impor berikutnya)")
    for q in (cari, konfirmasi):
        q.add_argument("--kabupaten", required=True, help="kode kabupaten/kota, mis. 35.23 atau 3523")
        q.add_argument("--desa", required=True, help="nama desa seperti tertulis di berkas")
        q.add_argument("--kecamatan", default=None, help="nama kecamatan seperti tertulis di berkas (bila ada)")
        q.add_argument(
            "--db", default=None, help="penyimpanan data: folder DuckLake atau postgres:... (bawaan: data/kesos)"
        )
    cari.add_argument("--jumlah", type=int, default=5, help="banyak kandidat (bawaan: 5)")
    konfirmasi.add_argument("--kode", required=True, help="kode desa pilihan, mis. 35.23.19.2005")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from petakesos import db
    from petakesos.ingest import desa_names

    con = db.open_store(settings(), read_only=False, store=args.db)
    try:
        if args.aksi == "cari":
            found = desa_names.candidates(con, args.kabupaten, args.kecamatan, args.desa, limit=args.jumlah)
            if not found:
                print(f"Tidak ada desa yang mirip '{args.desa}' di kabupaten/kota {args.kabupaten}.")
            for c in found:
                print(f"{c.kode}  {c.nama} (Kec. {c.nama_kec})  skor {c.skor}")
            return 0
        desa_names.confirm(con, args.kabupaten, args.kecamatan, args.desa, args.kode)
        where = f" (Kec. {args.kecamatan})" if args.kecamatan else ""
        print(f"Disimpan: '{args.desa}'{where} = {args.kode}. Impor ulang berkasnya untuk memakai pilihan ini.")
        return 0
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        con.close()
