"""Uploaded exports saved where the importer can read them, and what the importer makes of them.

An upload's name comes from the user's browser, so it is never used as a path as given: each upload
gets a fresh folder with a generated name under the store's `impor_unggah/`, and the file inside is
named by `safe_name` (letters, digits, spaces, '-', '_', '.', the extension one of .csv/.xlsx). The
importer logs and quarantines rows under the file's own name, so the safe name is kept as close to
the original as possible: the same upload again gets the same name, and its fixed rows then leave
quarantine (the engine matches file name and row number)."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from petakesos import db
from petakesos.ingest import correction, guard, mapping
from petakesos.ingest.kinds import closest
from petakesos.ingest.readers import ROW_COL, UnreadableFile, read_table

UPLOAD_DIR = "impor_unggah"
EXTENSIONS = (".csv", ".xlsx")
NAME_MAX = 120  # characters of the stem kept
PREVIEW_ROWS = 10
_UNSAFE = re.compile(r"[^\w .\-]+")


def safe_name(uploaded: str) -> str:
    """A file name that cannot leave its folder or surprise a shell: '../../x?.CSV' -> 'x_.csv'.

    Only the last path part is kept, characters other than letters, digits, space, '.', '-', '_' become
    '_', leading dots and spaces go, and the extension is lower-cased; any other extension is kept as
    text and '.csv' appended, so the reader refuses it with its own message rather than guessing."""
    base = unicodedata.normalize("NFKC", re.split(r"[\\/]", str(uploaded))[-1]).replace("\x00", "")
    stem, dot, ext = base.rpartition(".")
    if not dot or f".{ext.lower()}" not in EXTENSIONS:
        stem, ext = base, "csv"
    stem = _UNSAFE.sub("_", stem).strip(" .")[:NAME_MAX] or "berkas"
    return f"{stem}.{ext.lower()}"


def upload_root(store: str) -> Path:
    """Where uploads wait for their import: beside a local store, else in the system's temp folder."""
    if db.is_postgres(store):
        return Path(tempfile.gettempdir()) / "petakesos" / UPLOAD_DIR
    return Path(store) / UPLOAD_DIR


def new_folder(store: str) -> Path:
    """A fresh folder with a generated name for one upload (mode 0700)."""
    root = upload_root(store)
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="unggah-", dir=root))


def save(folder: Path, uploaded: str, content: bytes) -> Path:
    """Write one upload into its folder under its safe name; a second file of that name gets ' (2)'."""
    name = safe_name(uploaded)
    target = folder / name
    n = 2
    while target.exists():
        stem, _, ext = name.rpartition(".")
        target = folder / f"{stem} ({n}).{ext}"
        n += 1
    target.write_bytes(content)
    return target


def remove(folder: Path, store: str) -> None:
    """Remove an upload folder, and only one inside the store's upload folder."""
    root = upload_root(store).resolve()
    if root in folder.resolve().parents:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Preview:
    """What the importer will make of one file: its likely kind, header row, first rows and column headers
    (their mapping is chosen on the page, features.impor.kolom), or the clear message it refuses it with
    (then `error` is set and the rest empty). A fixed quarantine download (`correction`) names the file
    its rows go back to (`source`)."""

    original: str
    path: Path
    kind: str = ""
    header_row: int = 0
    n_rows: int = 0
    dropped: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # column as read -> as written in the file
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    error: str = ""
    layout_key: str = ""  # ingest.mapping.layout_key of the headers: the remembered mapping's key
    correction: bool = False
    source: str = ""


def preview(path: Path, original: str) -> Preview:
    """Read `path` as the importer does (readers.read_table) and keep its first rows and the kind its
    columns fit best (kinds.closest); the NIK columns are left out of the rows shown."""
    try:
        table = read_table(path, max_bytes=guard.max_bytes_from_env())
    except UnreadableFile as exc:
        return Preview(original, path, error=str(exc).replace(path.name, original))
    kind = closest(correction.detection_columns(table))
    fixed = correction.is_correction(table)
    head = table.table.slice(0, PREVIEW_ROWS).to_pandas()
    shown = head.drop(columns=[c for c in ("nik", "nik_psm") if c in head.columns])
    shown = shown.rename(columns={ROW_COL: "baris"})
    return Preview(
        original,
        path,
        kind=kind.name,
        header_row=table.header_row,
        n_rows=table.table.num_rows,
        dropped=len(table.dropped),
        headers=dict(table.headers),
        rows=shown,
        layout_key=mapping.layout_key(list(table.headers.values())),
        correction=fixed,
        source=next((v for v in table.table[correction.SOURCE].to_pylist() if v), "") if fixed else "",
    )


def prepared(cache: dict, files: list, store: str) -> list[Preview]:
    """The previews of the uploader's files (objects with file_id, name, getvalue()), each saved and read
    once (`cache`, the session's dict keyed by file id); files no longer in the uploader are deleted."""
    for gone in set(cache) - {f.file_id for f in files}:
        remove(cache.pop(gone).path.parent, store)
    for f in files:
        if f.file_id not in cache:
            cache[f.file_id] = preview(save(new_folder(store), f.name, f.getvalue()), f.name)
    return [cache[f.file_id] for f in files]


def clean(previews: list[Preview], job_folder: Path, store: str) -> None:
    """Remove the upload folders of an import that finished, and its job folder."""
    for p in previews:
        remove(p.path.parent, store)
    remove(job_folder, store)
