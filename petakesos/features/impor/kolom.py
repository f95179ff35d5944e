"""The column-mapping step of the Impor Data page: per header of an upload the canonical column it is
read as (the remembered choice for its header layout, else the synonym table), the kind chosen, and
the preview and check that follow from them, all without Streamlit.

The choice goes to the engine as it is (`import --kolom`, ingest.mapping); a header set to IGNORE is
left out of the import. Any 16-digit number in the preview is hidden, whatever column a user maps it to,
so a NIK never reaches the page."""

from __future__ import annotations

import pandas as pd

from petakesos.features.impor import text
from petakesos.features.impor.uploads import Preview
from petakesos.ingest import correction, mapping
from petakesos.ingest.kinds import BY_NAME, KINDS, WrongKind, detect

IGNORE = "(abaikan)"
HIDDEN = "(NIK disembunyikan)"
NIK_PATTERN = r"^\D*(\d[\s.]?){15}\d\D*$"  # 16 digits, spaces or dots between them allowed
KIND_NAMES = [k.name for k in KINDS]


def to_map(p: Preview) -> list[str]:
    """The headers (as written) the user maps: every column of the file but a correction's own three."""
    return [h for name, h in p.headers.items() if name not in mapping.KEEP]


def suggestion(p: Preview, remembered: dict | None) -> dict[str, str | None]:
    """Per header the column pre-selected: the mapping remembered for this layout, else the synonym table."""
    return mapping.suggest(to_map(p), remembered)


def options(kind: str) -> list[str]:
    """The select box's options for a header of this kind: its canonical columns, then IGNORE."""
    return [*mapping.options(BY_NAME[kind]), IGNORE]


def index_of(kind: str, column: str | None) -> int:
    """Position of a suggested column among the options (IGNORE when it is not a column of the kind)."""
    opts = options(kind)
    return opts.index(column) if column in opts else len(opts) - 1


def chosen(p: Preview, picks: list[str]) -> dict[str, str | None]:
    """The select boxes' values (one per header of to_map, in order) as the mapping the engine takes."""
    return {h: (None if pick == IGNORE else pick) for h, pick in zip(to_map(p), picks, strict=True)}


def _names(p: Preview, choice: dict[str, str | None]) -> dict[str, str | None]:
    """Reader column name -> mapped name (None: left out), as ingest.mapping.apply renames them."""
    wanted = mapping.normalised(choice)
    return {
        name: name if name in mapping.KEEP else wanted.get(mapping.normalize_column(h), name)
        for name, h in p.headers.items()
    }


def problem(p: Preview, choice: dict[str, str | None], kind: str) -> str:
    """Why the file cannot be imported as mapped ('' when it can): a column chosen twice, or a required
    column of the kind not mapped (kinds.detect's message, with the name as uploaded)."""
    targets = [t for t in _names(p, choice).values() if t is not None]
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        return text.MAPPED_TWICE.format(kolom=", ".join(twice))
    present = [t for t in targets if t not in mapping.KEEP]
    if p.correction:
        present += list(correction.NIK_COLUMNS)
    try:
        detect(p.original, present, kind)
    except WrongKind as exc:
        return str(exc)
    return ""


def layout_headers(p: Preview, choice: dict[str, str | None]) -> dict[str, str]:
    """Mapped column -> header as written: the quarantine download's column titles for this file (a
    correction's own three columns left out: the download adds them again)."""
    return {t: p.headers[n] for n, t in _names(p, choice).items() if t is not None and t not in mapping.KEEP}


def preview_rows(p: Preview, choice: dict[str, str | None]) -> pd.DataFrame:
    """The first rows under their mapped names, left-out columns dropped, NIK columns and any 16-digit
    number hidden."""
    names: dict[str, str] = {}
    for n, t in _names(p, choice).items():
        if t is not None and n in p.rows.columns and t not in names.values() and t not in correction.NIK_COLUMNS:
            names[n] = t
    shown = p.rows[list(names)].rename(columns=names).astype("string")
    shown = shown.mask(shown.apply(lambda col: col.fillna("").str.match(NIK_PATTERN)), HIDDEN)
    return pd.concat([p.rows[["baris"]], shown], axis=1)


def picked(p: Preview, kind: str, choice: dict[str, str | None]) -> dict:
    """What the page keeps of one file ready to import: the preview, the name it was uploaded under, its
    kind and mapping, the download's column titles, and the file its quarantine is kept under (`source`:
    a fixed quarantine download's original file, else its own name)."""
    return {
        "preview": p,
        "name": p.original,
        "kind": kind,
        "mapping": choice,
        "headers": layout_headers(p, choice),
        "source": p.source or p.original,
    }
