"""Type and check the raw text rows of one export in DuckDB, so a million rows validate in seconds, not minutes.

Every rule is SQL over the whole table (queries/ingest/values_*.sql build lookups over the DISTINCT written
values — dates, categories, synonyms, desa codes — and validate_<kind>.sql joins them back and lists each
row's problems). The synonyms are data, versioned in data/impor/: nilai.csv (status, sex, yes/no, month names),
pmks_kategori_sinonim.csv (common names of the 26 PMKS of Permensos 8/2012) and pmks_lokal.csv (local lists
such as tuban-22 mapped to the 26); official names come from ref_pmks_kategori.

Reads, on the connection: temp table raw_rows (text columns named canonically, plus _baris), temp table
desa_unsure (created empty when absent), ref_wilayah and ref_pmks_kategori.
Writes fixed temp tables/views (names cannot be bound, so they never vary): values_input (view), values_nilai,
values_nilai_teks, values_tanggal, values_desa, values_kategori, values_kategori_teks, values_checked (renamed
to valid_rows once the rejects are out), and the outputs valid_rows (row_key, content_hash, kind.store_columns
typed, _baris; in no particular order) and rejects (_baris, kolom, alasan; by _baris).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from petakesos import sql
from petakesos.config import REPO_ROOT
from petakesos.ingest import nik
from petakesos.ingest.kinds import PELATIHAN, PENDUDUK, PMKS, PSM, Kind

IMPOR_DIR = REPO_ROOT / "data" / "impor"
DEFAULT_VERSI = "permensos-8-2012"

_MACROS = (
    "ingest/values_macro_kunci",
    "ingest/values_macro_kunci_kategori",
    "ingest/values_macro_hmac",
    "ingest/values_macro_masalah",
    "ingest/values_macro_nik",
    "ingest/values_macro_nik_bersih",
    "ingest/values_macro_nik_kunci",
    "ingest/values_macro_tanggal",
    "ingest/values_macro_bulat",
    "ingest/values_macro_bulat_alasan",
)
_CHECKS = {
    PMKS.name: "ingest/validate_pmks",
    PSM.name: "ingest/validate_psm",
    PELATIHAN.name: "ingest/validate_pelatihan",
    PENDUDUK.name: "ingest/validate_penduduk",
}


@dataclass(frozen=True)
class Validated:
    n_good: int
    n_rejected: int


def validate(con: duckdb.DuckDBPyConnection, kind: Kind, key: bytes, today: dt.date) -> Validated:
    """Split raw_rows into valid_rows (typed, NIK hashed) and rejects (one row per bad row, every reason)."""
    for name in _MACROS:
        sql.execute(con, name)
    sql.execute(con, "ingest/values_desa_unsure_default")
    sql.execute(con, "ingest/values_input")
    sql.execute(con, "ingest/values_nilai", csv=str(IMPOR_DIR / "nilai.csv"))
    sql.execute(con, "ingest/values_nilai_teks")
    sql.execute(con, "ingest/values_tanggal", tahun_dua=today.year % 100)
    sql.execute(con, "ingest/values_desa")
    if kind is PMKS:
        sql.execute(
            con,
            "ingest/values_kategori",
            sinonim_csv=str(IMPOR_DIR / "pmks_kategori_sinonim.csv"),
            lokal_csv=str(IMPOR_DIR / "pmks_lokal.csv"),
        )
        sql.execute(con, "ingest/values_kategori_teks", versi_default=DEFAULT_VERSI)
    sql.execute(con, _CHECKS[kind.name], today=today, **nik.hmac_pads(key))
    sql.execute(con, "ingest/validate_rejects")
    for name in (
        "validate_drop_rejected",
        "validate_drop_masalah",
        "validate_valid_rows_replace",
        "validate_valid_rows",
    ):
        sql.execute(con, f"ingest/{name}")  # the good rows become valid_rows without a copy
    counts = sql.fetch(con, "ingest/validate_counts").iloc[0]
    return Validated(n_good=int(counts["n_good"]), n_rejected=int(counts["n_rejected"]))
