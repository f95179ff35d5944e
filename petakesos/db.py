"""The store: a DuckLake (a catalog plus Parquet data files) attached as `kesos` and made the default,
so every file in queries/ runs unchanged whether the catalog is a SQLite file on this machine or a
PostgreSQL server shared by several app replicas (docs/decisions.md, "Storage").

Why DuckLake: the app reads all day while imports write, and a DuckDB file admits one writer *or*
readers. A DuckLake gives every transaction one snapshot, so readers never see half an import and see
the next one without a restart; an import is one transaction. Extensions come only from the
`duckdb-extension-*` wheels pinned in requirements.txt, never from a download."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib
import re
import sqlite3
import threading
from functools import cache
from pathlib import Path

import duckdb

from petakesos import sql
from petakesos.config import Settings

ALIAS = "kesos"
CATALOG_FILE = "katalog.sqlite"  # in the store folder (lokal mode)
FILES_DIR = "berkas"  # Parquet data files, in the store folder unless a data path is given
POSTGRES_PREFIX = "postgres:"  # a store given as 'postgres:dbname=kesos host=…' is the nasional mode


class StoreProblem(RuntimeError):
    """The store cannot serve pages; `message` says why and what to do, in Bahasa Indonesia."""

    message = "Penyimpanan data tidak dapat dipakai."


class StoreMissing(StoreProblem):
    """No store at that location yet: the page or command says how to create one."""

    def __init__(self, store: str) -> None:
        super().__init__(store)
        self.message = (
            f"Penyimpanan data belum ada di {store}. Buat data contoh dengan ./run.sh, atau impor data dengan "
            f"python -m petakesos import BERKAS... --db {store}"
        )


class StoreUnreadable(StoreProblem):
    """The catalog is there but cannot be read (damaged, not a database, a folder in its place)."""

    def __init__(self, store: str, reason: str) -> None:
        super().__init__(f"{store}: {reason}")
        self.message = (
            f"Penyimpanan data di {store} tidak dapat dibaca: katalognya rusak atau bukan berkas basis data "
            f"({reason}). Tidak ada yang diubah. Pulihkan folder itu dari cadangan, atau buat ulang dengan "
            "mengimpor semua berkas ekspor ke folder baru."
        )


class SchemaOutdated(StoreProblem):
    """The store was made by an older version: schema files of queries/schema/ not applied yet."""

    def __init__(self, store: str, missing: list[str]) -> None:
        super().__init__(f"{store}: {', '.join(missing)}")
        self.missing = missing
        self.message = (
            f"Skema penyimpanan data di {store} sudah lama: perubahan {', '.join(missing)} belum diterapkan. "
            f"Perbarui dengan perintah: python -m petakesos migrate --db {store} "
            "(impor berikutnya juga memperbaruinya). Data yang ada tidak hilang."
        )


@cache
def extension_file(name: str) -> str:
    """Path of the DuckDB extension shipped in the `duckdb-extension-<name>` wheel."""
    package = importlib.import_module(f"duckdb_extension_{name}")
    found = sorted(Path(package.__file__).parent.glob("extensions/*/*.duckdb_extension"))
    if not found:
        raise RuntimeError(f"extension {name} not found in the duckdb-extension-{name} wheel")
    return str(found[0])


def is_postgres(store: str | Path) -> bool:
    return str(store).startswith(POSTGRES_PREFIX)


def _without_password(store: str) -> str:
    """The store as a page or message may show it: a conninfo's password left out."""
    return re.sub(r"password=\S+", "password=…", store)


def exists(store: str | Path) -> bool:
    """True when the store has been created (a PostgreSQL catalog is assumed to exist)."""
    return is_postgres(store) or (Path(store) / CATALOG_FILE).exists()


def _target(store: str | Path) -> tuple[str, list[str]]:
    """(DuckDB database path of the store, extension wheels it needs)."""
    if is_postgres(store):
        return f"ducklake:{store}", ["postgres", "ducklake"]
    return f"ducklake:sqlite:{Path(store) / CATALOG_FILE}", ["sqlite", "ducklake"]


_EXTENSION_NAME = {"postgres": "postgres_scanner", "sqlite": "sqlite_scanner", "ducklake": "ducklake"}
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": True}
_install_lock = threading.Lock()


def _install(wheels: list[str]) -> None:
    """Install extensions from their wheels once per machine (autoload then finds them; nothing is downloaded)."""
    with _install_lock:
        con = duckdb.connect(config=_CONFIG)
        try:
            installed = set(sql.fetch(con, "store/installed_extensions")["extension_name"])
            for wheel in wheels:
                if _EXTENSION_NAME[wheel] not in installed:
                    sql.install_extension(con, extension_file(wheel))
        finally:
            con.close()


def _new_catalog_file(folder: Path) -> None:
    """The SQLite catalog file, in WAL mode (kept by the file): readers then never block an import's
    commit, which in SQLite's default mode waits for every open reader and fails with "database is locked"."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(folder / CATALOG_FILE)) as catalog:
        catalog.execute("pragma journal_mode=wal")


def _create(target: str, data_path: str) -> None:
    """A new store, made with its data path (kept in the catalog, so later connections need not repeat it)."""
    con = duckdb.connect(config=_CONFIG)
    try:
        sql.attach(con, target, data_path, read_only=False)
    finally:
        con.close()


def connect(store: str | Path, read_only: bool = False, data_path: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection whose default database is the store. Read-only ones open it as their database,
    so cursors (one per query, thread safety) see it too; they never create anything: a missing store
    raises StoreMissing. A read-write one creates the store if needed and brings the schema up to date."""
    if read_only and not exists(store):
        raise StoreMissing(str(store))
    target, wheels = _target(store)
    _install(wheels)
    if not read_only:
        if is_postgres(store) and not data_path:
            raise ValueError("a PostgreSQL store needs PETAKESOS_STORE_DATA (the shared folder of data files)")
        if not exists(store) or is_postgres(store):
            if not is_postgres(store):
                _new_catalog_file(Path(store))
            _create(target, data_path or str(Path(store) / FILES_DIR) + "/")
    if read_only:
        try:
            return duckdb.connect(target, read_only=True, config=_CONFIG)
        except duckdb.InvalidInputException as exc:
            # A PostgreSQL database without a DuckLake catalog yet (nothing imported): exists() cannot
            # tell without connecting, so DuckLake's refusal to create one is the sign.
            if is_postgres(store) and "does not exist" in str(exc):
                raise StoreMissing(_without_password(str(store))) from None
            raise StoreUnreadable(_without_password(str(store)), _reason(exc)) from None
        except duckdb.Error as exc:  # e.g. "file is not a database", "unable to open database file"
            raise StoreUnreadable(_without_password(str(store)), _reason(exc)) from None
    # A writer attaches the store to a private in-memory database, so it never clashes with a
    # read-only instance of the same store in this process (DuckDB caches one instance per path).
    con = duckdb.connect(config=_CONFIG)
    sql.use_store(con, target)
    migrate(con)
    return con


def _reason(exc: Exception) -> str:
    """DuckDB's reason without the query text it quotes: the last clause, e.g. 'file is not a database'."""
    return str(exc).rsplit(": ", 1)[-1].strip()[:200]


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Schema files of queries/schema/ this store has not recorded in schema_migrasi (all of them when
    the store predates that table)."""
    try:
        done = set(sql.run(con, "store/migrations_done")["nama"])
    except duckdb.CatalogException:
        done = set()
    return [name for name in sql.names("schema") if name not in done]


def check(con: duckdb.DuckDBPyConnection, store: str | Path) -> None:
    """Raise SchemaOutdated when the store behind `con` needs `python -m petakesos migrate` first."""
    missing = pending_migrations(con)
    if missing:
        raise SchemaOutdated(_without_password(str(store)), [name.split("/", 1)[1] for name in missing])


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered files of queries/schema/ not yet applied, in order, each recorded; returns them."""
    sql.execute(con, "store/migrations_table")
    done = set(sql.fetch(con, "store/migrations_done")["nama"])
    applied = []
    for name in sql.names("schema"):
        if name in done:
            continue
        con.begin()
        try:
            sql.execute(con, name)
            sql.execute(con, "store/migration_record", nama=name)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        applied.append(name)
    return applied


def upgrade(store: str | Path, data_path: str | None = None) -> list[str]:
    """Bring a store made by an older version up to date (`python -m petakesos migrate`): apply and record
    the schema files it lacks, then rebuild the marts, in one import's lock; returns the files applied.
    A missing or unreadable store raises StoreMissing / StoreUnreadable and is left untouched."""
    with contextlib.closing(connect(store, read_only=True, data_path=data_path)) as reader:
        pending = pending_migrations(reader)
    if not pending:
        return []
    with import_lock(store):
        con = connect(store, read_only=False, data_path=data_path)  # applies the pending files
        try:
            con.begin()
            rebuild_marts(con)
            con.commit()
        finally:
            con.close()
    return [name.split("/", 1)[1] for name in pending]


def snapshot(con: duckdb.DuckDBPyConnection) -> int:
    """The store's latest committed snapshot: changes whenever an import (or anything) commits."""
    return int(sql.fetch(con, "store/latest_snapshot")["snapshot_id"].iloc[0])


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def load_reference_tables(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Reload code list, population per kab/kota and PMKS categories when their files changed."""
    shared = settings.shared_geo_dir
    code_list = shared / "wilayah_kemendagri_2025.csv"
    categories = settings.data_dir / "pmks_categories.csv"
    if not code_list.exists():
        if sql.fetch(con, "staging/ref_wilayah_count")["n"].iloc[0] == 0:
            raise FileNotFoundError(
                f"Daftar kode wilayah tidak ditemukan: {code_list}. Atur PETAKESOS_SHARED_GEO ke folder shared/geo."
            )
        return
    polygons = sorted(shared.glob("desa_*.parquet"))
    population = shared / "penduduk_luas_prov_kabkota_2025.csv"
    fingerprint = _fingerprint([code_list, population, categories, *polygons])
    known = sql.fetch(con, "staging/get_meta", key="referensi")
    if len(known) and known["value"].iloc[0] == fingerprint:
        return
    sql.execute(con, "staging/load_ref_wilayah", kode_csv=str(code_list), desa_parquet=[str(p) for p in polygons])
    sql.execute(con, "staging/load_ref_penduduk_kab", csv=str(population))
    sql.execute(con, "staging/load_ref_pmks_kategori", csv=str(categories))
    sql.execute(con, "staging/set_meta", key="referensi", value=fingerprint)


# Each mart, the fact tables it is computed from, and (for the big ones) its refresh of touched desa only.
MART_SOURCES = {
    "marts/01_mart_tahun": {"pmks_kasus", "psm", "penduduk_desa"},
    "marts/02_mart_kasus_desa_tahun": {"pmks_kasus"},
    "marts/03_mart_psm_bimtek": {"pelatihan"},
    "marts/04_mart_psm_tahun": {"psm", "pelatihan"},
    "marts/05_mart_psm_desa_tahun": {"psm", "pelatihan"},
    "marts/06_mart_penduduk_desa_tahun": {"penduduk_desa"},
    "marts/07_mart_desa_tahun": {"pmks_kasus", "psm", "pelatihan", "penduduk_desa"},
}
INCREMENTAL = {
    "marts/02_mart_kasus_desa_tahun": "marts_incremental/kasus_desa_tahun",
    "marts/07_mart_desa_tahun": "marts_incremental/desa_tahun",
}
ROWS = {  # the table macro both refreshes of a big mart select from, defined once its inputs exist
    "marts/02_mart_kasus_desa_tahun": "marts_rows/kasus_desa_tahun",
    "marts/07_mart_desa_tahun": "marts_rows/desa_tahun",
}


def _mart_years(con: duckdb.DuckDBPyConnection) -> list[int] | None:
    try:
        years = sql.fetch(con, "store/mart_years")["tahun"].iloc[0]
    except duckdb.CatalogException:  # no marts yet (a new store)
        return None
    return [] if years is None else [int(y) for y in years]


def rebuild_marts(con: duckdb.DuckDBPyConnection, changed: set[str] | None = None) -> None:
    """Recompute the marts from the fact tables, in file order. `changed` names the fact tables an import
    wrote: marts of untouched tables are kept, and when only case rows changed, the two big marts are
    recomputed for the desa in temp table touched_desa only (a 10-row import into 30 million cases then
    re-aggregates a few desa, not the country). Any change of the years covered rebuilds everything."""
    sql.execute(con, "store/touched_ensure")
    before = _mart_years(con) if changed is not None else None
    for name in sql.names("marts"):
        same_years = before is not None and name != "marts/01_mart_tahun" and _mart_years(con) == before
        if name in ROWS and (not same_years or MART_SOURCES[name] & changed):
            sql.execute(con, ROWS[name])
        if not same_years:
            sql.execute(con, name)
        elif not MART_SOURCES[name] & changed:
            continue
        elif name in INCREMENTAL and changed <= {"pmks_kasus"}:
            sql.execute(con, INCREMENTAL[name])
        else:
            sql.execute(con, name)


def tidy(con: duckdb.DuckDBPyConnection, keep_hours: int = 1) -> None:
    """Forget snapshots older than `keep_hours` and delete the data files only they used (after imports),
    so the store does not grow by a full mart rebuild each time; files a killed or failed import left
    behind (never in the catalog) go too once they are that old."""
    sql.execute(con, "store/expire_snapshots", hours=keep_hours)


def open_store(
    settings: Settings, read_only: bool = True, store: str | Path | None = None
) -> duckdb.DuckDBPyConnection:
    """The configured store (or `store`, e.g. a command's --db), read-only unless asked."""
    return connect(store or settings.store, read_only=read_only, data_path=settings.store_data)


class ImportRunning(RuntimeError):
    """Another import holds the store; the message says so in Bahasa Indonesia."""


LOCK_FILE = "impor.lock"


@contextlib.contextmanager
def import_lock(store: str | Path):
    """One import at a time on a local store: a second one is refused at once with a clear message
    (an OS file lock, released by the kernel even if the import is killed). A PostgreSQL store relies
    on DuckLake's own conflict check instead (see importer). A full disk inside it becomes
    ingest.faults.DiskFull ("Ruang disk penuh …"), an OSError the command line already reports."""
    if is_postgres(store):
        yield
        return
    folder = Path(store)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ImportRunning(
                f"Impor lain sedang berjalan pada {folder}; tunggu sampai selesai lalu ulangi. "
                "Tidak ada data yang diubah."
            ) from None
        try:
            yield
        except Exception as exc:  # the import rolled back; a full disk is said plainly (ingest.faults)
            from petakesos.ingest.faults import disk_full

            full = disk_full(exc, folder)
            if full is None:
                raise
            raise full from exc
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
