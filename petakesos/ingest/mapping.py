"""Column mappings chosen by hand: an export whose headers the synonym table (data/impor/kolom.csv) does
not know is mapped once on the Impor Data page (or with `import --kolom`), and the mapping is remembered
for the next file with the same header layout (table impor_pemetaan, keyed by `layout_key`).

A mapping is a dict header -> canonical column, or None to leave the column out; headers are compared
after `normalize_column`, so 'Nama  Lengkap ' and 'nama lengkap' are one header."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence

import pandas as pd
import pyarrow as pa

from petakesos import sql
from petakesos.ingest import columns
from petakesos.ingest.columns import normalize_column
from petakesos.ingest.guard import UnreadableFile
from petakesos.ingest.kinds import Kind
from petakesos.ingest.readers import ROW_COL, RawTable

# Columns of a fixed quarantine download (ingest.correction) that a mapping never touches.
KEEP = frozenset({"baris_asal", "berkas_asal", "alasan"})
__all__ = ["layout_key", "normalize_column", "options", "parse", "remember", "suggest", "apply"]


def layout_key(headers: Sequence[str]) -> str:
    """sha256 of the normalised headers in file order: the same layout however it is spelt or spaced."""
    return hashlib.sha256("\x1f".join(normalize_column(h) for h in headers).encode()).hexdigest()


def normalised(chosen: Mapping[str, str | None]) -> dict[str, str | None]:
    """The mapping with its headers normalised (the form stored and compared)."""
    return {normalize_column(h): (c or None) for h, c in chosen.items()}


def suggest(headers: Sequence[str], remembered: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """Per header as written: the remembered choice for this layout, else the synonym table's column, else None."""
    out: dict[str, str | None] = {}
    for h in headers:
        norm = normalize_column(h)
        if remembered is not None and norm in remembered:
            out[h] = remembered[norm]
        else:
            name = columns.canonical(h)
            out[h] = None if name in (None, columns.DROP) else name
    return out


def options(kind: Kind) -> list[str]:
    """The canonical columns a header of this kind may be mapped to: required first, then optional."""
    return [*kind.required, *kind.optional]


def parse(frame: pd.DataFrame, key: str) -> dict[str, str | None] | None:
    """The mapping remembered for layout `key` among the rows of queries/app/impor_pemetaan.sql, or None."""
    found = frame.loc[frame["layout_key"] == key, "kolom_json"]
    return None if found.empty else json.loads(found.iloc[0])


def remember(con, headers: Sequence[str], chosen: Mapping[str, str | None]) -> None:
    """Store the mapping of this header layout (inside the import's transaction)."""
    kolom = json.dumps(normalised(chosen), ensure_ascii=False, sort_keys=True)
    sql.execute(con, "ingest/pemetaan_insert", layout_key=layout_key(headers), kolom_json=kolom)


def apply(raw: RawTable, chosen: Mapping[str, str | None]) -> RawTable:
    """`raw` with its columns renamed as chosen (None: left out); a header not in `chosen` keeps the name
    the reader gave it. Two columns mapped to one name refuse the file with a message naming both."""
    wanted = normalised(chosen)
    names: dict[str, str] = {}  # column in raw -> new name
    for name in raw.table.column_names:
        if name == ROW_COL:
            continue
        header = raw.headers.get(name, name)
        target = name if name in KEEP else wanted.get(normalize_column(header), name)
        if target is None:
            continue
        twice = [raw.headers.get(n, n) for n, t in names.items() if t == target]
        if twice:
            raise UnreadableFile(
                f"Berkas {raw.file_name}: kolom '{twice[0]}' dan '{header}' sama-sama dipetakan ke {target}; "
                "pilih satu kolom saja untuk tiap isian."
            )
        names[name] = target
    table = pa.table({ROW_COL: raw.table[ROW_COL], **{t: raw.table[n] for n, t in names.items()}})
    return dataclasses.replace(raw, table=table, headers={t: raw.headers.get(n, n) for n, t in names.items()})
