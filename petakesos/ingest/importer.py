"""Import exports into DuckDB in one transaction: validate, quarantine, de-duplicate, account for every row."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from petakesos import db, sql
from petakesos.config import Settings
from petakesos.ingest import nik
from petakesos.ingest.kinds import Kind, detect
from petakesos.ingest.readers import ROW_COL, RawTable, read_table
from petakesos.ingest.validate import Refs, validate


@dataclass
class FileAccount:
    file: str
    kind: str
    read: int = 0
    imported: int = 0
    quarantined: int = 0
    duplicate: int = 0
    updated: int = 0  # of `imported`: rows that replaced a stored row with the same key
    examples: list[str] = field(default_factory=list)  # first quarantine messages, for the terminal


@dataclass
class ImportResult:
    files: list[FileAccount]

    def totals(self) -> dict:
        keys = ("read", "imported", "quarantined", "duplicate", "updated")
        return {k: sum(getattr(f, k) for f in self.files) for k in keys}

    def as_json(self) -> dict:
        return {
            "files": [{k: v for k, v in asdict(f).items() if k != "examples"} for f in self.files],
            "total": self.totals(),
        }


def _hash_rows(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """sha256 over the text of the given columns, '|'-joined (missing as empty)."""
    parts = [frame[c].astype("string").fillna("") for c in columns]
    text = parts[0].str.cat(parts[1:], sep="|") if len(parts) > 1 else parts[0]
    return text.map(lambda s: hashlib.sha256(s.encode("utf-8")).hexdigest())


def _refs(con: duckdb.DuckDBPyConnection) -> Refs:
    codes = sql.fetch(con, "staging/desa_codes")["kode"]
    cats = sql.fetch(con, "staging/pmks_categories")
    return Refs(
        desa_codes=frozenset(codes),
        categories=frozenset(zip(cats["versi"], cats["kode"])),
        today=dt.date.today(),
    )


def _quarantine_rows(kind: Kind, table: RawTable, rejects: pd.DataFrame, key: bytes, import_id: int) -> pd.DataFrame:
    raw = table.frame.set_index(ROW_COL).loc[rejects[ROW_COL]]
    if kind.nik_column and kind.nik_column in raw:
        raw[kind.nik_column] = nik.hash_series(key, raw[kind.nik_column]).map(lambda h: f"hash:{h}" if h else None)
    records = [
        json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False, sort_keys=True)
        for r in raw.to_dict("records")
    ]
    keys = [hashlib.sha256(f"{kind.name}|{r}".encode()).hexdigest() for r in records]
    return pd.DataFrame(
        {
            "row_key": keys,
            "content_hash": keys,
            "import_id": import_id,
            "kind": kind.name,
            "file_name": table.file_name,
            "row_number": rejects[ROW_COL].to_numpy(),
            "kolom": rejects["kolom"].to_numpy(),
            "alasan": rejects["alasan"].to_numpy(),
            "raw_json": records,
        }
    )


def _store(con, table_name: str, rows: pd.DataFrame) -> tuple[int, int, int]:
    """Write rows keyed by row_key: returns (inserted, updated, duplicate)."""
    first = rows.drop_duplicates("row_key", keep="first")
    in_file_dupes = len(rows) - len(first)
    if first.empty:
        return 0, 0, in_file_dupes
    con.register("incoming", first)
    stored = sql.fetch(con, "staging/stored_hashes", tabel=table_name)
    con.unregister("incoming")
    stored_hash = dict(zip(stored["row_key"], stored["content_hash"]))
    known = first["row_key"].map(stored_hash)
    same = known.notna() & (known == first["content_hash"])
    changed = known.notna() & ~same
    to_insert = first[~same]
    if changed.any():
        con.register("changed", first[changed][["row_key"]])
        sql.execute_on(con, "staging/delete_changed", table_name)
        con.unregister("changed")
    if len(to_insert):
        con.register("to_insert", to_insert)
        sql.execute_on(con, "staging/insert_incoming", table_name)
        con.unregister("to_insert")
    return int((~same & ~changed).sum()), int(changed.sum()), int(same.sum()) + in_file_dupes


def _import_one(con, table: RawTable, sha: str, key: bytes, refs: Refs) -> FileAccount:
    kind = detect(table.file_name, [c for c in table.frame.columns if c != ROW_COL])
    account = FileAccount(file=table.file_name, kind=kind.name, read=len(table.frame))
    import_id = int(sql.fetch(con, "staging/next_import_id")["import_id"].iloc[0])
    checked = validate(kind, table.frame, refs)

    good = checked.good.copy()
    if kind.nik_column:
        good["nik_hash"] = nik.hash_series(key, good[kind.nik_column])
    for col in kind.store_columns:
        if pd.api.types.is_datetime64_any_dtype(good[col]):
            good[col] = good[col].dt.date
    rows = good[list(kind.store_columns)].copy()
    rows.insert(0, "row_key", _hash_rows(good, kind.key_columns))
    rows.insert(1, "content_hash", _hash_rows(good, kind.store_columns))
    rows["import_id"] = import_id
    inserted, updated, dup_good = _store(con, kind.table, rows)

    quarantine = _quarantine_rows(kind, table, checked.rejects, key, import_id)
    new_q, _, dup_bad = _store(con, "karantina", quarantine)

    account.imported = inserted + updated
    account.updated = updated
    account.quarantined = new_q
    account.duplicate = dup_good + dup_bad
    account.examples = [
        f"{table.file_name} baris {r[ROW_COL]}: {r['alasan']}" for _, r in checked.rejects.head(5).iterrows()
    ]
    sql.execute(
        con,
        "staging/insert_import_log",
        import_id=import_id,
        file_name=table.file_name,
        file_sha256=sha,
        kind=kind.name,
        n_read=account.read,
        n_imported=account.imported,
        n_quarantined=account.quarantined,
        n_duplicate=account.duplicate,
    )
    return account


def import_files(
    paths: list[Path], settings: Settings, store: str | Path | None = None, dataset_label: str | None = None
) -> ImportResult:
    """Import every file in one transaction; raise before changing anything if a file is unreadable."""
    tables = [(read_table(Path(p)), hashlib.sha256(Path(p).read_bytes()).hexdigest()) for p in paths]
    for table, _ in tables:  # wrong-kind files stop the whole import before anything is written
        detect(table.file_name, [c for c in table.frame.columns if c != ROW_COL])
    key = nik.load_key(settings.nik_key_path)
    store = store or settings.store
    with db.import_lock(store):
        con = db.open_store(settings, read_only=False, store=store)
        try:
            con.begin()
            db.load_reference_tables(con, settings)
            refs = _refs(con)
            accounts = [_import_one(con, table, sha, key, refs) for table, sha in tables]
            db.rebuild_marts(con)
            now = dt.datetime.now().isoformat(timespec="seconds")
            sql.execute(con, "staging/set_meta", key="last_import", value=now)
            if dataset_label:
                sql.execute(con, "staging/set_meta", key="dataset", value=dataset_label)
            con.commit()
            db.tidy(con)
        except BaseException:
            with contextlib.suppress(duckdb.TransactionException):  # nothing to undo after the commit
                con.rollback()
            raise
        finally:
            con.close()
    return ImportResult(files=accounts)
