"""A quarantine download fixed in Excel and imported again (issue 12): its rows go back to the file and
row they came from, so a fixed row leaves quarantine and a row still wrong replaces its earlier version.

The Impor Data page's download (features.impor.report.original_layout) has the file's own columns
without the NIK, then 'Baris asal' (the row number in the original file), 'Berkas asal' (the original
file's name) and 'Alasan'. Read back, those are the columns baris_asal, berkas_asal and alasan. The NIK
of a row whose NIK was not at fault is carried over from quarantine as its keyed hash ('hash:…', which
validation accepts as a checked NIK); an ordinary file's 'hash:…' cell is made unreadable as a NIK, so
only the importer can carry one."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pyarrow.compute as pc

from petakesos import sql
from petakesos.ingest.guard import UnreadableFile
from petakesos.ingest.kinds import Kind
from petakesos.ingest.readers import ROW_COL, RawTable

ROW, SOURCE, REASON = "baris_asal", "berkas_asal", "alasan"
NIK_COLUMNS = ("nik", "nik_psm")


def is_correction(raw: RawTable) -> bool:
    """Whether the table is a fixed quarantine download (it names the original file and row)."""
    return {ROW, SOURCE} <= set(raw.table.column_names)


def detection_columns(raw: RawTable) -> list[str]:
    """The columns kinds.detect sees: a correction lacks its NIK column, which the importer fills in."""
    names = [c for c in raw.table.column_names if c not in (ROW_COL, ROW, SOURCE, REASON)]
    return [*names, *NIK_COLUMNS] if is_correction(raw) else names


def source(raw: RawTable) -> tuple[RawTable, str]:
    """(the rows under their original row numbers without the correction columns, the original file name).
    Refused with a message when the rows name no file or several, or a row number is not a number."""
    names = {v for v in raw.table[SOURCE].to_pylist() if v}
    if len(names) != 1:
        raise UnreadableFile(
            f"Berkas {raw.file_name}: kolom 'Berkas asal' harus berisi satu nama berkas yang sama di setiap baris "
            "(unduhan karantina satu berkas); jangan dihapus atau diubah."
        )
    rows = raw.table[ROW]
    if rows.null_count or not all(str(v).strip().isdigit() for v in rows.to_pylist()):
        raise UnreadableFile(
            f"Berkas {raw.file_name}: kolom 'Baris asal' harus berisi nomor baris di setiap baris; "
            "jangan dihapus atau diubah."
        )
    numbers = pc.cast(pc.utf8_trim_whitespace(rows), pa.int64())
    keep = [c for c in raw.table.column_names if c not in (ROW_COL, ROW, SOURCE, REASON)]
    table = pa.table({ROW_COL: numbers, **{c: raw.table[c] for c in keep}})
    headers = {c: h for c, h in raw.headers.items() if c in keep}
    return dataclasses.replace(raw, table=table, headers=headers), names.pop()


def carry_nik(con, raw: RawTable, kind: Kind, file_name: str) -> RawTable:
    """The NIK column of `kind` filled, where the file leaves it empty, with the hash quarantine keeps for
    that row of `file_name` when its NIK was not at fault (queries/ingest/karantina_nik_carry.sql)."""
    if kind.nik_column is None:
        return raw
    kept = sql.fetch(con, "ingest/karantina_nik_carry", kind=kind.name, file_name=file_name)
    by_row = dict(zip(kept["row_number"].astype(int), kept["nik"]))
    rows = raw.table[ROW_COL].to_pylist()
    if kind.nik_column in raw.table.column_names:
        written = raw.table[kind.nik_column].to_pylist()
    else:
        written = [None] * len(rows)
    filled = pa.array([w if w else by_row.get(r) for w, r in zip(written, rows)], type=pa.string())
    table = raw.table.drop_columns([kind.nik_column]) if kind.nik_column in raw.table.column_names else raw.table
    return dataclasses.replace(raw, table=table.append_column(kind.nik_column, filled))


def no_hashes(raw: RawTable) -> RawTable:
    """An ordinary file with any NIK cell written as 'hash:…' made unreadable as a NIK ('#hash:…'), so a
    typed hash is quarantined as a bad NIK instead of passing as one carried over from quarantine."""
    table = raw.table
    for name in NIK_COLUMNS:
        if name in table.column_names:
            fixed = pc.replace_substring_regex(table[name], pattern=r"^\s*hash:", replacement="#hash:")
            table = table.set_column(table.column_names.index(name), name, fixed)
    return dataclasses.replace(raw, table=table)
