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
    "mart_kasus_desa_periode": ("kode_desa", "tahun_catat", "tahun_selesai"),  # written by file 02 too
}
ALSO_WRITTEN = {"mart_kasus_desa_periode"}  # a second table of a mart file, not a file of its own


def test_every_mart_file_declares_a_grain():
    tables = {n.split("/")[1].split("_", 1)[1] for n in sql.names("marts")}  # "marts/01_mart_tahun" -> "mart_tahun"
    assert tables == set(GRAIN) - ALSO_WRITTEN


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


def test_a_small_import_refreshes_only_its_desa_and_gives_the_same_marts_as_a_full_rebuild(world, tmp_path):
    from needs import FIXTURES

    from petakesos import db
    from petakesos.ingest.importer import import_files

    base = [FIXTURES / n for n in ("penduduk.csv", "pmks.csv", "psm.csv", "pelatihan.csv")]
    small = tmp_path / "kasus_tambahan.csv"
    small.write_text(
        "nik,nama,jenis_kelamin,tanggal_lahir,kode_pmks,kode_desa,tanggal_catat,status,tanggal_selesai,sumber\n"
        "3523010101500021,Kasus Baru,P,1970-01-01,09,35.23.01.2002,2022-03-01,aktif,,SIKS-NG\n"
        # Kasus A again with a new status: the stored row is replaced (same key, new content).
        "3523010101500001,Kasus A,L,1950-01-01,24,35.23.01.2001,2021-03-01,selesai,2022-05-01,SIKS-NG\n",
        encoding="utf-8",
    )
    ran: list[str] = []
    execute = sql.execute

    def spy(con, name, **params):
        ran.append(name)
        return execute(con, name, **params)

    step = tmp_path / "bertahap"
    import_files(base, world, store=step)
    sql.execute = spy
    try:
        account = import_files([small], world, store=step).files[0]
    finally:
        sql.execute = execute
    assert (account.imported, account.updated) == (2, 1)
    assert "marts_incremental/kasus_desa_tahun" in ran
    assert "marts/02_mart_kasus_desa_tahun" not in ran

    whole = tmp_path / "sekaligus"
    import_files([*base, small], world, store=whole)
    frames = []
    for store in (step, whole):
        con = db.open_store(world, store=store)
        frames.append(
            [
                con.execute(f"select * exclude (import_id) from {t} order by all").fetchall()
                if t == "pmks_kasus"
                else con.execute(f"select * from {t} order by all").fetchall()
                for t in ("mart_kasus_desa_tahun", "mart_kasus_desa_periode", "mart_desa_tahun", "pmks_kasus")
            ]
        )
        con.close()
    assert frames[0] == frames[1]
