"""Import exports into the store in one transaction, while the app keeps serving.

Each file is read as it comes (readers: header found, columns named, totals dropped), desa written by
name get their codes (desa_names), values are typed and checked in SQL (validate), then the rows are
de-duplicated against what is stored and the rejected ones kept in quarantine with their reasons.
Every file accounts for every data row: read = imported + quarantined + duplicate.

What the Impor Data page chose goes in per file: the name the file was uploaded under (logged and shown,
never a path), the kind, a column mapping (ingest.mapping, remembered for the header layout), and who
imports. A fixed quarantine download goes back to its original file and rows (ingest.correction)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from petakesos import clock, db, sql
from petakesos.config import Settings
from petakesos.ingest import correction, desa_names, guard, mapping, nik
from petakesos.ingest.kinds import Kind, detect
from petakesos.ingest.readers import RawTable, read_table
from petakesos.ingest.validate import validate

EXAMPLES = 5  # quarantine messages printed per file
COMMIT_ATTEMPTS = 3  # a commit refused because another importer committed first is tried again


@dataclass
class FileAccount:
    file: str
    kind: str
    read: int = 0
    imported: int = 0
    quarantined: int = 0
    duplicate: int = 0
    updated: int = 0  # of `imported`: rows that replaced a stored row with the same key
    dropped: int = 0  # total/summary rows left out (not data, not in `read`)
    released: int = 0  # rows that left quarantine because they now arrived valid
    examples: list[str] = field(default_factory=list)  # first quarantine messages, for the terminal


@dataclass
class ImportResult:
    files: list[FileAccount]

    def totals(self) -> dict:
        keys = ("read", "imported", "quarantined", "duplicate", "updated", "dropped", "released")
        return {k: sum(getattr(f, k) for f in self.files) for k in keys}

    def as_json(self) -> dict:
        return {
            "files": [{k: v for k, v in asdict(f).items() if k != "examples"} for f in self.files],
            "total": self.totals(),
        }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Tables whose row_key hashes the desa code with the rest of the key (queries/ingest/validate_*.sql): a
# row's stored twin is in the same desa, so looking it up reads only that desa's part of the table.
KEY_HAS_DESA = {"pmks_kasus", "penduduk_desa"}


def _store_valid(con: duckdb.DuckDBPyConnection, kind: Kind, import_id: int, n_good: int) -> tuple[int, int, int]:
    """Store the valid rows: returns (new, changed, duplicate)."""
    sql.execute(con, "ingest/store_drop_repeats")
    classify = "ingest/store_classify_desa" if kind.table in KEY_HAS_DESA else "ingest/store_classify"
    sql.execute_on(con, classify, kind.table)
    if kind.table == "pmks_kasus":
        sql.execute_on(con, "ingest/touched_add", kind.table)
    sql.execute_on(con, "ingest/store_delete_changed", kind.table)
    sql.execute_on(con, "ingest/store_insert", kind.table, import_id=import_id)
    c = sql.fetch(con, "ingest/store_counts", n_good=n_good).iloc[0]
    return int(c["baru"]), int(c["ubah"]), int(c["sama"]) + int(c["ulang_di_berkas"])


def _quarantine(con, kind: Kind, name: str, key: bytes, import_id: int, replace: bool) -> tuple[int, int, list[str]]:
    """Keep the rejected rows under file `name`: returns (new in quarantine, already there, first messages).
    With `replace` (a fixed quarantine download) a row still rejected replaces its earlier version."""
    pads = nik.hmac_pads(key)
    replaced = 0
    if replace:
        sql.execute(con, "ingest/karantina_replace", kind=kind.name, file_name=name)
        replaced = int(sql.fetch(con, "ingest/karantina_replace_count")["n"].iloc[0])
    sql.execute(con, "ingest/karantina_prepare")
    sql.execute(con, "ingest/karantina_rows", kind=kind.name, file_name=name, import_id=import_id, **pads)
    sql.execute(con, "ingest/karantina_store")
    c = sql.fetch(con, "ingest/karantina_counts").iloc[0]
    first = sql.fetch(con, "ingest/karantina_examples", n=EXAMPLES)
    examples = [f"{name} baris {r.row_number}: {r.alasan}" for r in first.itertuples()]
    return int(c["baru"]) - replaced, int(c["sudah_ada"]) + replaced, examples


@dataclass(frozen=True)
class Options:
    """What was chosen for one file besides its rows: the original file a fixed quarantine download
    returns to (`source`), who imports, and the mapping to remember for the header layout."""

    source: str | None = None
    imported_by: str | None = None
    remember: tuple[tuple[str, ...], dict] | None = None  # (headers as written, mapping)


def _import_one(
    con, table: RawTable, kind: Kind, sha: str, key: bytes, kabupaten: str | None, options: Options = Options()
) -> FileAccount:
    account = FileAccount(file=table.file_name, kind=kind.name, read=table.table.num_rows, dropped=len(table.dropped))
    import_id = int(sql.fetch(con, "staging/next_import_id")["import_id"].iloc[0])
    name = options.source or table.file_name  # rows are quarantined and released under this file name
    if options.source:
        table = correction.carry_nik(con, table, kind, options.source)
    if options.remember:
        mapping.remember(con, *options.remember)
    con.register("raw_input", table.table)
    sql.execute(con, "ingest/raw_rows_load")
    con.unregister("raw_input")
    desa_names.resolve(con, kabupaten)
    checked = validate(con, kind, key, clock.today())

    new, changed, dup_good = _store_valid(con, kind, import_id, checked.n_good)
    released = sql.fetch(con, "ingest/karantina_release_count", kind=kind.name, file_name=name)
    sql.execute(con, "ingest/karantina_release", kind=kind.name, file_name=name)
    new_q, dup_bad, examples = _quarantine(con, kind, name, key, import_id, replace=bool(options.source))

    account.imported = new + changed
    account.updated = changed
    account.quarantined = new_q
    account.duplicate = dup_good + dup_bad
    account.released = int(released["n"].iloc[0])
    account.examples = examples
    sql.execute(
        con,
        "ingest/import_log_insert",
        import_id=import_id,
        file_name=table.file_name,
        file_sha256=sha,
        kind=kind.name,
        n_read=account.read,
        n_imported=account.imported,
        n_quarantined=account.quarantined,
        n_duplicate=account.duplicate,
        imported_by=options.imported_by,
    )
    return account


def import_files(
    paths: list[Path],
    settings: Settings,
    store: str | Path | None = None,
    dataset_label: str | None = None,
    kabupaten: str | None = None,
    names: list[str] | None = None,
    kinds: list[str | None] | None = None,
    mappings: list[dict | None] | None = None,
    imported_by: str | None = None,
) -> ImportResult:
    """Import every file in one transaction; raise before changing anything if a file cannot be read
    (UnreadableFile, WrongKind) or another import holds the store (db.ImportRunning).

    Per file, optionally: `names` the name it was uploaded under (logged; the path is only read),
    `kinds` the kind chosen by hand, `mappings` a column mapping (ingest.mapping, then remembered);
    `imported_by` is logged with every file."""
    n = len(paths)
    names, chosen, maps = names or [None] * n, kinds or [None] * n, mappings or [None] * n
    if not len(names) == len(chosen) == len(maps) == n:
        raise ValueError("names, kinds and mappings need one entry per file")
    max_bytes = guard.max_bytes_from_env()
    tables, found, options = [], [], []
    for path, name, kind, chosen_map in zip(paths, names, chosen, maps, strict=True):
        table, kind, opts = _prepare(read_table(Path(path), max_bytes=max_bytes), name, kind, chosen_map, imported_by)
        tables.append(table)
        found.append(kind)
        options.append(opts)
    shas = [_sha256(Path(p)) for p in paths]
    key = nik.load_key(settings.nik_key_path)
    store = store or settings.store
    with db.import_lock(store):
        for attempt in range(1, COMMIT_ATTEMPTS + 1):
            try:
                return _write(settings, store, tables, found, shas, key, kabupaten, dataset_label, options)
            except duckdb.TransactionException as exc:
                # On a shared (PostgreSQL) store another importer may commit first: DuckLake then refuses
                # this commit. Nothing was written; the files are read already, so try again shortly.
                if "conflict" not in str(exc).lower():
                    raise
                if attempt == COMMIT_ATTEMPTS:
                    raise db.ImportRunning(
                        "Impor lain sedang menulis ke penyimpanan yang sama; ulangi sebentar lagi. "
                        "Tidak ada data yang diubah."
                    ) from None
                time.sleep(random.uniform(0.5, 2.0) * attempt)
    raise AssertionError("unreachable")


def _prepare(raw: RawTable, name: str | None, kind: str | None, chosen: dict | None, by: str | None):
    """(the table as it will be imported, its kind, its Options): renamed to its uploaded name, columns
    mapped as chosen, a fixed quarantine download turned back into its original rows."""
    if name:
        raw = dataclasses.replace(raw, file_name=name)
    remember = None
    if chosen is not None:
        remember = (tuple(raw.headers.values()), dict(chosen))
        raw = mapping.apply(raw, chosen)
    found = detect(raw.file_name, correction.detection_columns(raw), kind)
    raw, source = correction.no_hashes(raw), None
    if correction.is_correction(raw):
        raw, source = correction.source(raw)
    return raw, found, Options(source=source, imported_by=by, remember=remember)


def _write(settings, store, tables, kinds, shas, key, kabupaten, dataset_label, options) -> ImportResult:
    """One attempt: every file in one transaction on a fresh connection, marts refreshed, committed."""
    con = db.open_store(settings, read_only=False, store=store)
    try:
        con.begin()
        db.load_reference_tables(con, settings)
        sql.execute(con, "ingest/touched_create")
        accounts = [
            _import_one(con, table, kind, sha, key, kabupaten, opts)
            for table, kind, sha, opts in zip(tables, kinds, shas, options, strict=True)
        ]
        db.rebuild_marts(con, changed={kind.table for kind in kinds})
        now = dt.datetime.now().isoformat(timespec="seconds")
        sql.execute(con, "staging/set_meta", key="last_import", value=now)
        # Any import but the demo's marks the store as real data: from then on the app asks for a login.
        sql.execute(con, "staging/set_meta", key="dataset", value=dataset_label or "data")
        con.commit()
        with contextlib.suppress(duckdb.Error):  # housekeeping only: the next import tidies again
            db.tidy(con)
    except BaseException:
        with contextlib.suppress(duckdb.TransactionException):  # nothing to undo after the commit
            con.rollback()
        raise
    finally:
        con.close()
    return ImportResult(files=accounts)
