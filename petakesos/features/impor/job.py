"""One import run in its own process, so a large upload never freezes the app for other users, and
its progress read back from a small file while the page polls.

The child runs `python -m petakesos.features.impor.job PROGRESS -- import --json --db STORE FILES`:
exactly the `python -m petakesos import` command, with hooks that write a line to PROGRESS after each
file is read, each file is imported and the summary tables are rebuilt, so the bar moves with the
real work. The engine's own lock refuses a second import while one runs ("Impor lain sedang
berjalan"), with exit code 2 and the message on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from petakesos.config import REPO_ROOT
from petakesos.features.impor import text

PROGRESS_FILE = "kemajuan.jsonl"
MAPPING_FILE = "kolom.json"
OUT_FILE = "keluaran.json"
ERR_FILE = "galat.txt"
REFUSED = 2  # the import command's exit code for a refusal (unreadable file, wrong kind, import running)


@dataclass(frozen=True)
class Choices:
    """What the page chose per file (one entry each, in the order of the files): the names they were
    uploaded under, their kinds, their column mappings; and who imports."""

    names: list[str]
    kinds: list[str]
    mappings: list[dict]
    by: str


def who(state) -> str:
    """Who imports: the signed-in user (`petakesos_user`, set by the login), else '(mode demo)'."""
    return state.get("petakesos_user") or text.DEMO_USER


def command(
    store: str, files: list[Path], kabupaten: str | None, folder: Path, choices: Choices | None = None
) -> list[str]:
    """The child's command line: this module, its progress file, then the import command's arguments
    (the mappings go in a JSON file in `folder`; names stay arguments, never paths)."""
    args = [sys.executable, "-m", "petakesos.features.impor.job", str(folder / PROGRESS_FILE), "--"]
    args += ["import", "--json", "--db", str(store)]
    if kabupaten:
        args += ["--kabupaten", kabupaten]
    if choices:
        (folder / MAPPING_FILE).write_text(json.dumps(choices.mappings, ensure_ascii=False), encoding="utf-8")
        args += ["--kolom", str(folder / MAPPING_FILE), "--oleh", choices.by]
        for name, kind in zip(choices.names, choices.kinds, strict=True):
            args += [f"--nama={name}", f"--jenis={kind}"]
    return args + ["--", *(str(f) for f in files)]


def start(
    store: str, files: list[Path], kabupaten: str | None, folder: Path, choices: Choices | None = None
) -> subprocess.Popen:
    """Start the import; its output goes to files in `folder` (a pipe could fill up and stall it)."""
    with (folder / OUT_FILE).open("wb") as out, (folder / ERR_FILE).open("wb") as err:
        return subprocess.Popen(
            command(store, files, kabupaten, folder, choices),
            cwd=REPO_ROOT,
            env=dict(os.environ),
            stdout=out,
            stderr=err,
        )


@dataclass(frozen=True)
class Status:
    """Where an import stands: the share done (0–1), the step's words, and when finished either the
    accounting (`result`, the command's JSON) or the refusal message (`error`)."""

    fraction: float
    label: str
    done: bool = False
    result: dict | None = None
    error: str = ""


def poll(proc: subprocess.Popen, folder: Path) -> Status:
    """The import's state now; never waits."""
    fraction, label = 0.0, "Memulai impor…"
    progress = folder / PROGRESS_FILE
    if progress.exists():
        lines = [ln for ln in progress.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if lines:
            last = json.loads(lines[-1])
            fraction, label = last["step"] / last["total"], last["label"]
    code = proc.poll()
    if code is None:
        return Status(min(fraction, 0.99), label)
    err = (folder / ERR_FILE).read_text(encoding="utf-8", errors="replace").strip()
    if code != 0:
        message = err.splitlines()[-1] if err else f"Impor berhenti dengan kode {code}."
        return Status(fraction, label, done=True, error=message)
    return Status(1.0, "Selesai", done=True, result=json.loads((folder / OUT_FILE).read_text(encoding="utf-8")))


def _hook(progress: Path, n_files: int):
    """Wrap the importer's steps so each writes one progress line (this process runs one import only)."""
    from petakesos import db
    from petakesos.ingest import importer

    total = 2 * n_files + 1
    done = {"step": 0}

    def note(label: str) -> None:
        done["step"] += 1
        with progress.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"step": done["step"], "total": total, "label": label}) + "\n")

    read, one, marts = importer.read_table, importer._import_one, db.rebuild_marts

    def read_table(path, *a, **k):
        table = read(path, *a, **k)
        note("Berkas dibaca")
        return table

    def import_one(con, table, *a, **k):
        account = one(con, table, *a, **k)
        note(f"Berkas diperiksa dan disimpan: {table.file_name}")
        return account

    def rebuild_marts(*a, **k):
        marts(*a, **k)
        note("Tabel ringkasan diperbarui")

    importer.read_table, importer._import_one, db.rebuild_marts = read_table, import_one, rebuild_marts


def main(argv: list[str]) -> int:
    """Child entry: `PROGRESS -- import ...`; runs the import command with progress hooks."""
    from petakesos import cli

    progress, rest = Path(argv[0]), argv[2:]
    _hook(progress, len(cli.build_parser().parse_args(rest).files))
    return cli.main(rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
