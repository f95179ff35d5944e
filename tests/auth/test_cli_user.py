"""`python -m petakesos user add|list|passwd|remove` on a temp file: messages in Indonesian, exit 2 on bad input."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys

import pytest

from petakesos.cli import user as cli_user
from petakesos.config import REPO_ROOT

PW = "kuda-lumping-2026"


def _main(argv: list[str]) -> int:
    """The CLI's own shape (`petakesos.cli.build_parser` adds `user` the same way)."""
    parser = argparse.ArgumentParser(prog="python -m petakesos")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_user.add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture(autouse=True)
def _fast(monkeypatch, passwords):
    monkeypatch.setattr(cli_user, "_passwords", lambda: passwords)


def _run(capsys, monkeypatch, argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = _main(["user", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_round_trip_add_list_passwd_remove(tmp_path, monkeypatch, capsys):
    path = tmp_path / "users.json"
    monkeypatch.setenv("PETAKESOS_USERS", str(path))
    code, out, _ = _run(
        capsys,
        monkeypatch,
        ["add", "tuban", "--peran", "kabupaten", "--wilayah", "3523", "--password-stdin"],
        PW + "\n",
    )
    assert code == 0 and "Pengguna tuban ditambahkan (kabupaten, wilayah 35.23)." in out
    _run(capsys, monkeypatch, ["add", "ketua", "--peran", "admin", "--password-stdin"], PW + "\n")

    code, out, _ = _run(capsys, monkeypatch, ["list"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAMA", "PERAN", "WILAYAH", "DIBUAT", "DIUBAH", "STATUS"]
    assert lines[1].split()[:3] == ["ketua", "admin", "semua"]
    assert lines[2].split()[:3] == ["tuban", "kabupaten", "35.23"]
    assert "2 pengguna" in out
    assert "$argon2" not in out and PW not in out  # list never prints hashes

    old_hash = json.loads(path.read_text(encoding="utf-8"))["users"][1]["password_hash"]
    code, out, _ = _run(capsys, monkeypatch, ["passwd", "tuban", "--password-stdin"], "kata-sandi-baru-99\n")
    assert code == 0 and "Kata sandi tuban diganti" in out
    assert json.loads(path.read_text(encoding="utf-8"))["users"][1]["password_hash"] != old_hash

    code, out, _ = _run(capsys, monkeypatch, ["remove", "tuban"])
    assert code == 0 and "Pengguna tuban dihapus." in out
    _, out, _ = _run(capsys, monkeypatch, ["list"])
    assert "tuban" not in out and "1 pengguna" in out


def test_password_from_the_prompt_asked_twice(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PETAKESOS_USERS", str(tmp_path / "users.json"))
    answers = iter([PW, PW])
    monkeypatch.setattr(cli_user.getpass, "getpass", lambda prompt: next(answers))
    code, out, _ = _run(capsys, monkeypatch, ["add", "budi", "--peran", "viewer"])
    assert code == 0 and "Pengguna budi ditambahkan (viewer, wilayah semua)." in out

    answers = iter([PW, "lain-lain-lain"])
    code, _, err = _run(capsys, monkeypatch, ["passwd", "budi"])
    assert code == 2 and "Kedua kata sandi tidak sama" in err


@pytest.mark.parametrize(
    "argv, stdin, message",
    [
        (["add", "../../etc/passwd", "--peran", "viewer", "--password-stdin"], PW, "Nama pengguna hanya boleh"),
        (["add", "x'; DROP TABLE users; --", "--peran", "viewer", "--password-stdin"], PW, "Nama pengguna hanya boleh"),
        (["add", "a" * 5000, "--peran", "viewer", "--password-stdin"], PW, "Nama pengguna hanya boleh"),
        (["add", "budi", "--peran", "kabupaten", "--wilayah", "35", "--password-stdin"], PW, "kode kabupaten/kota"),
        (["add", "budi", "--peran", "provinsi", "--wilayah", "35.2", "--password-stdin"], PW, "tidak dikenal"),
        (["add", "budi", "--peran", "viewer", "--password-stdin"], "pendek", "minimal 10 karakter"),
        (["add", "budi", "--peran", "viewer", "--password-stdin"], "", "minimal 10 karakter"),
        (["passwd", "siapa", "--password-stdin"], PW, "Pengguna siapa tidak ditemukan"),
        (["remove", "siapa"], "", "Pengguna siapa tidak ditemukan"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_2(tmp_path, monkeypatch, capsys, argv, stdin, message):
    monkeypatch.setenv("PETAKESOS_USERS", str(tmp_path / "users.json"))
    code, out, err = _run(capsys, monkeypatch, argv, stdin)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "users.json").exists() or "budi" not in (tmp_path / "users.json").read_text()


def test_a_damaged_file_is_a_clear_message(tmp_path, monkeypatch, capsys):
    path = tmp_path / "users.json"
    path.write_text("[[[", encoding="utf-8")
    monkeypatch.setenv("PETAKESOS_USERS", str(path))
    code, _, err = _run(capsys, monkeypatch, ["list"])
    assert code == 2 and "tidak dapat dibaca" in err


def test_an_unknown_role_is_refused_by_the_parser(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PETAKESOS_USERS", str(tmp_path / "users.json"))
    with pytest.raises(SystemExit) as stop:
        _run(capsys, monkeypatch, ["add", "budi", "--peran", "raja", "--password-stdin"], PW)
    assert stop.value.code == 2


def test_the_module_runs_as_a_real_process_without_a_traceback(tmp_path):
    """Through `python -m` once, with the default (strong) parameters: the error path costs no hashing."""
    code = (
        "import argparse, sys; from petakesos.cli import user; p = argparse.ArgumentParser(); "
        "s = p.add_subparsers(dest='c', required=True); user.add_parser(s); a = p.parse_args(sys.argv[1:]); "
        "sys.exit(a.func(a))"
    )
    env = {"PETAKESOS_USERS": str(tmp_path / "users.json"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code, "user", "remove", "../x"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and "Nama pengguna hanya boleh" in done.stderr and "Traceback" not in done.stderr
