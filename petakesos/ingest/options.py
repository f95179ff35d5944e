"""The import command's per-file options (`--nama`, `--jenis`, `--kolom`, `--oleh`): what the Impor Data page
chose for each upload, handed to importer.import_files. Kept beside the importer, whose arguments they are."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path

from petakesos.ingest.kinds import KINDS


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the per-file options to the import command's parser."""
    p.add_argument(
        "--nama",
        action="append",
        default=None,
        help="nama asli berkas yang dicatat di riwayat impor (sekali per berkas, urut seperti berkasnya)",
    )
    p.add_argument(
        "--jenis",
        action="append",
        default=None,
        choices=[k.name for k in KINDS],
        help="jenis data yang dipilih (sekali untuk semua berkas, atau sekali per berkas)",
    )
    p.add_argument(
        "--kolom",
        default=None,
        help="berkas JSON pemetaan kolom: {judul: kolom_kanonik atau null}, atau daftarnya satu per berkas",
    )
    p.add_argument("--oleh", default=None, help="siapa yang mengimpor (bawaan: pengguna sistem operasi)")


def _each(values: list | None, n: int, option: str) -> list:
    if not values:
        return [None] * n
    if len(values) == 1:
        return values * n
    if len(values) != n:
        raise ValueError(
            f"{option} diberikan {len(values)} kali untuk {n} berkas; berikan sekali atau sekali per berkas."
        )
    return list(values)


def per_file(args: argparse.Namespace) -> tuple[list, list, list]:
    """(names, kinds, mappings) with one entry per file; ValueError (in Indonesian) when they do not fit.
    Sets args.oleh to the OS user when not given."""
    n = len(args.files)
    if args.nama and len(args.nama) != n:
        raise ValueError(f"--nama diberikan {len(args.nama)} kali untuk {n} berkas; berikan sekali per berkas.")
    names = list(args.nama) if args.nama else [None] * n
    kinds = _each(args.jenis, n, "--jenis")
    mappings = [None] * n
    if args.kolom:
        chosen = json.loads(Path(args.kolom).read_text(encoding="utf-8"))
        mappings = _each(chosen if isinstance(chosen, list) else [chosen], n, "--kolom")
    if args.oleh is None:
        args.oleh = getpass.getuser()
    return names, kinds, mappings
