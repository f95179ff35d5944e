"""Header spellings -> canonical column names, from the versioned table data/impor/kolom.csv.

Exports write 'Nama Lengkap', 'L/P', 'Tgl Lahir', 'Desa/Kel'; the pipeline speaks `nama`,
`jenis_kelamin`, `tanggal_lahir`, `kode_desa`. The synonyms are data (one row per spelling,
compared after `normalize_column`) so a district adds its own spelling without touching code.
Canonical `-` marks running-number columns ('No', 'No Urut'), which are dropped.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping, Sequence

from petakesos.config import REPO_ROOT
from petakesos.ingest.guard import UnreadableFile

SYNONYM_FILE = REPO_ROOT / "data" / "impor" / "kolom.csv"
DROP = "-"


def normalize_column(name: object) -> str:
    """'Kode Desa ' -> 'kode_desa', so headers match however the export spelled them."""
    text = re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower())
    return text.strip("_")


@functools.cache
def _rows() -> tuple[tuple[str, str], ...]:
    with SYNONYM_FILE.open(encoding="utf-8", newline="") as f:
        return tuple((r["kanonik"].strip(), r["sinonim"].strip()) for r in csv.DictReader(f))


@functools.cache
def synonyms() -> Mapping[str, str]:
    """Normalised spelling -> canonical name (or DROP); every canonical name also maps to itself."""
    table: dict[str, str] = {}
    for line, (canon, written) in enumerate(_rows(), start=2):
        for key in {normalize_column(written), canon} - {DROP, ""}:
            if table.setdefault(key, canon) != canon:
                raise ValueError(f"{SYNONYM_FILE} baris {line}: '{key}' sudah untuk {table[key]}, bukan {canon}")
    return table


def canonical(header: object) -> str | None:
    """Canonical name of one header cell, DROP for a running number, None when unknown or empty."""
    if header is None:
        return None
    return synonyms().get(normalize_column(header))


def is_known(header: object) -> bool:
    """Whether a cell reads as a known column header (running numbers do not count)."""
    name = canonical(header)
    return name is not None and name != DROP


def header_score(cells: Sequence[object]) -> int:
    """How many cells of a row are known column headers: the header row is the row that scores highest."""
    return sum(1 for c in cells if is_known(c))


def spellings(canon: str) -> tuple[str, ...]:
    """The header spellings accepted for one canonical column, as written in kolom.csv, for messages."""
    return tuple(dict.fromkeys(written for c, written in _rows() if c == canon))


def name_columns(file_name: str, headers: Sequence[str | None]) -> list[str | None]:
    """One column name per header cell: canonical when known, normalised otherwise, None to drop.

    Empty header cells become 'kolom_<n>' (1-based position). When two headers map to the same
    canonical name and exactly one of them is that name itself ('Kode Desa' beside 'Desa'), that one
    wins and the other keeps its normalised name; otherwise the file is refused naming both.
    """
    names: list[str | None] = []
    for i, header in enumerate(headers):
        norm = normalize_column(header) if header is not None else ""
        names.append(synonyms().get(norm, norm) if norm else f"kolom_{i + 1}")
    for canon in {n for n in names if n and n != DROP}:
        at = [i for i, n in enumerate(names) if n == canon]
        if len(at) < 2:
            continue
        exact = [i for i in at if normalize_column(headers[i]) == canon]
        if len(exact) != 1:
            both = " dan ".join(f"'{headers[i]}'" for i in at)
            raise UnreadableFile(
                f"Berkas {file_name}: kolom {both} sama-sama dibaca sebagai {canon}; "
                "hapus salah satunya atau ganti judulnya, lalu impor lagi."
            )
        for i in at:
            if i != exact[0]:
                names[i] = normalize_column(headers[i])
    seen: dict[str, int] = {}
    for i, n in enumerate(names):  # unknown headers that normalise alike ('Ket', 'ket.') get _2, _3
        if n is None or n == DROP:
            continue
        seen[n] = seen.get(n, 0) + 1
        if seen[n] > 1:
            names[i] = f"{n}_{seen[n]}"
    return [None if n == DROP else n for n in names]


HEADER_SCAN = 30  # the header is looked for among this many rows at the top of a sheet
MIN_HEADER_SCORE = 3


def find_header(rows: Sequence[Sequence[str | None]]) -> tuple[int, int] | None:
    """(index, depth) of the header in the top rows: the first row with the most known headers (at least 3),
    else the first non-empty row (headers to be mapped by hand, ingest.mapping); depth 2 when a found
    header's row below completes it (a merged two-row header). None when the rows are all empty."""
    top = rows[:HEADER_SCAN]
    scores = [header_score(r) for r in top]
    best = max(scores, default=0)
    if best < MIN_HEADER_SCORE:  # no known header: the first row is it (a data cell such as 'L' is no header)
        h = next((i for i, r in enumerate(top) if any(c is not None for c in r)), None)
        return None if h is None else (h, 1)
    h = scores.index(best)
    return h, 2 if h + 1 < len(rows) and _completes(rows[h], rows[h + 1]) else 1


def _completes(top: Sequence[str | None], below: Sequence[str | None]) -> bool:
    """Whether `below` is the second line of a two-row header: it names at least one known column and
    writes only under cells of `top` that are empty (merged) or not known (a group such as 'Alamat')."""
    filled = [j for j, c in enumerate(below) if c is not None]
    if not any(is_known(below[j]) for j in filled):
        return False
    return all(j >= len(top) or top[j] is None or not is_known(top[j]) for j in filled)


def merge_header(rows: Sequence[Sequence[str | None]]) -> list[str | None]:
    """One header cell per column from one or two header rows: the lower cell where it is filled."""
    width = max(len(r) for r in rows)
    merged: list[str | None] = []
    for j in range(width):
        cells = [r[j] for r in rows if j < len(r) and r[j] is not None]
        merged.append(cells[-1] if cells else None)
    return merged
