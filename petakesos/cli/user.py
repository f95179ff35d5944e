"""`python -m petakesos user add|remove|list|passwd`: manage the local accounts file from the command line.
Passwords come from a hidden prompt (asked twice) or one line of stdin; `list` never shows a hash. Every
change is written to the audit log (auth.audit) as done by `cli:<OS user>`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path

from petakesos import fmt
from petakesos.auth import audit
from petakesos.auth.accounts import ROLES, Account, AccountError, AccountStore, check_scope, check_username
from petakesos.auth.passwords import Passwords, WeakPassword

HELP = "kelola akun pengguna lokal: tambah, hapus, daftar, ganti kata sandi"
EPILOG = """Peran dan wilayah:
  admin      semua wilayah, impor dan pengguna (tanpa --wilayah)
  provinsi   satu provinsi, mis. --wilayah 35
  kabupaten  satu kabupaten/kota, mis. --wilayah 35.23
  viewer     hanya angka agregat; --wilayah boleh kosong

Contoh:
  python -m petakesos user add dinsos.tuban --peran kabupaten --wilayah 35.23
  printf '%s\\n' "$SANDI" | python -m petakesos user passwd dinsos.tuban --password-stdin
  python -m petakesos user list
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the `user` subcommand and its actions on the CLI's subparsers."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--berkas", type=Path, default=None, help="berkas akun (bawaan: $PETAKESOS_USERS atau data/users.json)"
    )
    secret = argparse.ArgumentParser(add_help=False)
    secret.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi dari satu baris stdin, bukan dari prompt"
    )
    p = sub.add_parser(
        "user", help=HELP, description=HELP, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    actions = p.add_subparsers(dest="action", required=True, metavar="{add,remove,list,passwd}")
    a = actions.add_parser("add", parents=[common, secret], help="tambah pengguna")
    a.add_argument("username", help="nama pengguna: huruf kecil, angka, titik, garis bawah, tanda hubung")
    a.add_argument("--peran", required=True, choices=ROLES, help="peran pengguna")
    a.add_argument("--wilayah", default="", help="kode wilayah peran (kosong untuk admin)")
    a.add_argument("--email", default="", help="e-mail untuk login SSO (opsional)")
    a.set_defaults(func=run, act=_add)
    r = actions.add_parser("remove", parents=[common], help="hapus pengguna (sesinya ikut berakhir)")
    r.add_argument("username", help="nama pengguna")
    r.set_defaults(func=run, act=_remove)
    ls = actions.add_parser("list", parents=[common], help="daftar pengguna (tanpa hash kata sandi)")
    ls.set_defaults(func=run, act=_list)
    pw = actions.add_parser("passwd", parents=[common, secret], help="ganti kata sandi (sesinya ikut berakhir)")
    pw.add_argument("username", help="nama pengguna")
    pw.set_defaults(func=run, act=_passwd)


def _passwords() -> Passwords:
    return Passwords()  # argon2-cffi's defaults; tests swap in cheaper parameters


def run(args: argparse.Namespace) -> int:
    """Run one action; bad input prints a message in Indonesian and returns 2, never a traceback."""
    store = AccountStore(args.berkas, passwords=_passwords())
    try:
        return args.act(store, args)
    except (AccountError, WeakPassword) as exc:
        print(f"{exc} Tidak ada yang diubah.", file=sys.stderr)
    except (EOFError, KeyboardInterrupt):
        print("Dibatalkan; tidak ada yang diubah.", file=sys.stderr)
    except OSError as exc:
        print(f"Berkas akun {store.path} tidak dapat dibaca atau ditulis: {exc.strerror}.", file=sys.stderr)
    return 2


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _audit(store: AccountStore, detail: str, wilayah: str = "") -> None:
    """Record a user change in the audit log beside the accounts file (or $PETAKESOS_AUDIT)."""
    path = None if os.environ.get("PETAKESOS_AUDIT") else store.path.with_name("audit.jsonl")
    audit.record("pengguna", _actor(), wilayah, detail, path=path)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi baru: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise AccountError("Kedua kata sandi tidak sama.")
    return first


def _scope_label(code: str) -> str:
    return code or "semua"


def _add(store: AccountStore, args: argparse.Namespace) -> int:
    name, code = check_username(args.username), check_scope(args.peran, args.wilayah)  # before any prompt
    account = store.add(name, args.peran, code, _read_password(args), email=args.email)
    _audit(store, f"tambah {name} ({account.role})", account.wilayah)
    print(f"Pengguna {name} ditambahkan ({account.role}, wilayah {_scope_label(account.wilayah)}).")
    print(f"Disimpan di {store.path}.")
    return 0


def _remove(store: AccountStore, args: argparse.Namespace) -> int:
    store.remove(args.username)
    _audit(store, f"hapus {args.username}")
    print(f"Pengguna {args.username} dihapus.")
    return 0


def _passwd(store: AccountStore, args: argparse.Namespace) -> int:
    name = check_username(args.username)
    if store.get(name) is None:
        raise AccountError(f"Pengguna {name} tidak ditemukan.")
    store.set_password(name, _read_password(args))
    _audit(store, f"ganti kata sandi {name}")
    print(f"Kata sandi {name} diganti; sesi yang masih terbuka berakhir.")
    return 0


def _status(account: Account, now: datetime) -> str:
    until = account.attempts.locked_until
    if until is not None and until > now:
        local = until.astimezone()
        return f"terkunci sampai {fmt.date(local.date())} {local.strftime('%H.%M')}"
    return "aktif"


def _list(store: AccountStore, args: argparse.Namespace) -> int:
    accounts, now = store.list(), store.clock()
    if not accounts:
        print(f"Belum ada pengguna di {store.path}.")
        return 0
    header = ("NAMA", "PERAN", "WILAYAH", "DIBUAT", "DIUBAH", "STATUS")
    rows = [
        (
            a.username,
            a.role,
            _scope_label(a.wilayah),
            fmt.date(a.created.date()),
            fmt.date(a.changed.date()),
            _status(a, now),
        )
        for a in accounts
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    print(f"{len(accounts)} pengguna di {store.path}.")
    return 0
