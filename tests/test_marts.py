"""Every mart's grain key is unique and never null, on the fixture world and on the demo database."""

from __future__ import annotations

import duckdb
import pytest
from needs import demo_connection

from petakesos import sql

# Mart table -> its grain (the key its first comment line names). A new mart must be added here.
GRAIN = {
    "mart_tahun": ("tahun",),
    "mart_kasus_desa_tahun": ("kode_desa", "tahun", "versi_daftar", "kode_pmks"),
    "mart_psm_bimtek": ("nik_hash",),
    "mart_psm_tahun": ("nik_hash", "tahun"),
    "mart_psm_desa_tahun": ("kode_desa", "tahun"),
    "mart_penduduk_desa_tahun": ("kode_desa", "tahun"),
    "mart_desa_tahun": ("kode_desa", "tahun"),
}


def test_every_mart_file_declares_a_grain():
    tables = {n.split("/")[1].split("_", 1)[1] for n in sql.names("marts")}  # "marts/01_mart_tahun" -> "mart_tahun"
    assert tables == set(GRAIN)


def _check(con: duckdb.DuckDBPyConnection) -> None:
    for table, key in GRAIN.items():
        cols = ", ".join(key)
        nulls = " or ".join(f"{c} is null" for c in key)
        rows, distinct, missing = con.execute(
            f"select count(*), count(distinct ({cols})), count(*) filter (where {nulls}) from {table}"
        ).fetchone()
        assert rows > 0, table
        assert (distinct, missing) == (rows, 0), f"{table}: {rows} rows, {distinct} distinct keys, {missing} null"


def test_mart_keys_unique_and_not_null_in_the_fixture_world(con):
    _check(con)


def test_mart_keys_unique_and_not_null_in_the_demo_database():
    try:
        con = demo_connection()
    except duckdb.IOException as busy:  # being rebuilt right now
        pytest.skip(f"demo database busy: {busy}")
    try:
        _check(con)
    finally:
        con.close()
