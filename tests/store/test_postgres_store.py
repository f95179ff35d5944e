"""The national storage mode (DuckLake, catalog on PostgreSQL) against a real server: the same page
figures as the lokal store for every app query, two importers at once, and readers that keep
reading while an import commits (issue 14, "Beyond one machine").

Run as a script (`python tests/store/test_postgres_store.py read SECONDS STOP_FILE`) it is the reader
process of the last test: it reads the store in a loop and prints what each transaction saw."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

if __name__ != "__main__":  # the reader process needs none of the test machinery
    import pandas as pd
    import pytest
    from needs import FIXTURES
    from test_queries import SAMPLE_PARAMS

    from petakesos import db, sql
    from petakesos.config import REPO_ROOT
    from petakesos.ingest.importer import import_files

TUBAN = "35.23"
# Parameter sets every app query runs with: test_queries' sample, plus the whole kabupaten with one
# category, and the whole country (other parameters as in the sample); a query takes the ones it names.
EXTRA_PARAMS = [
    {"wilayah": TUBAN, "tahun": 2023, "tingkat": 3, "kategori": ["24"], "tahun_awal": 2020},
    {"wilayah": "", "tahun": 2021, "tingkat": 1, "kategori": [], "tahun_awal": 2022},
]
# Columns each store has of its own (when and in which numbered import a file came in), left out of the
# comparison; the rest of those frames is compared in a fixed order, as theirs follows the import number.
PER_STORE = {
    "app/dataset_meta": ["value"],
    "app/impor_riwayat": ["import_id", "imported_at", "imported_by"],  # by: the CLI's OS user or None
    "app/impor_karantina": ["import_id"],
    "app/impor_terakhir": ["imported_at", "file_name", "kind"],  # the last of two concurrent imports: either
}


def _all_app_figures(con) -> dict[tuple[str, int], pd.DataFrame]:
    figures = {}
    for name in sql.names("app"):
        needed = sql.param_names(sql.load(name))
        missing = needed - SAMPLE_PARAMS.keys()
        assert not missing, f"{name}: add a sample value for {missing} to SAMPLE_PARAMS in tests/test_queries.py"
        for i, params in enumerate([SAMPLE_PARAMS, *({**SAMPLE_PARAMS, **extra} for extra in EXTRA_PARAMS)]):
            frame = sql.run(con, name, **{k: params[k] for k in needed})
            if name in PER_STORE:
                frame = frame.drop(columns=PER_STORE[name])
                if len(frame.columns):
                    frame = frame.sort_values(list(frame.columns)).reset_index(drop=True)
            figures[(name, i)] = frame
    return figures


def _assert_same_figures(lokal, nasional) -> None:
    expected, got = _all_app_figures(lokal), _all_app_figures(nasional)
    assert expected.keys() == got.keys()
    for key, frame in expected.items():
        pd.testing.assert_frame_equal(got[key], frame, obj=str(key))


def _count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def _import_cli(pg, *files: Path) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "petakesos", "import", *map(str, files)]
    return subprocess.run(args, env=pg.env(), cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)


ALL_FILES = ("penduduk.csv", "pmks.csv", "psm.csv", "pelatihan.csv")


def test_postgres_store_gives_the_same_figures_as_the_lokal_store_for_every_app_query(world, pg_store):
    import_files([FIXTURES / n for n in ALL_FILES], pg_store.settings)
    lokal = db.open_store(world)  # the test world's lokal store holds the same four files
    nasional = db.open_store(pg_store.settings)
    try:
        # Not two empty answers: the hand counts of test_queries (4 cases in Tuban in 2022).
        for con in (lokal, nasional):
            assert sql.run(con, "app/headline_figures", wilayah=TUBAN, tahun=2022)["kasus"].iloc[0] == 4
        _assert_same_figures(lokal, nasional)
        applied = nasional.execute("select nama from schema_migrasi order by nama").fetchall()
        assert [r[0] for r in applied] == sql.names("schema")
    finally:
        lokal.close()
        nasional.close()


def test_read_only_connections_work_and_a_missing_catalog_is_reported(pg_store):
    with pytest.raises(db.StoreMissing):
        db.open_store(pg_store.settings)  # nothing imported yet: the database has no catalog
    import_files([FIXTURES / "penduduk.csv"], pg_store.settings)
    con = db.open_store(pg_store.settings)
    try:
        assert _count(con, "penduduk_desa") > 0
        with pytest.raises(Exception, match="read-only"):
            con.execute("delete from penduduk_desa")
    finally:
        con.close()


def test_two_importers_at_once_both_land_and_nothing_is_corrupted(world, pg_store):
    import_files([FIXTURES / "penduduk.csv", FIXTURES / "psm.csv"], pg_store.settings)
    args = [[sys.executable, "-m", "petakesos", "import", str(FIXTURES / f)] for f in ("pmks.csv", "pelatihan.csv")]
    procs = [
        subprocess.Popen(
            a, env=pg_store.env(), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for a in args
    ]
    outcomes = [(*p.communicate(timeout=600), p.returncode) for p in procs]
    for (out, err, code), file in zip(outcomes, ("pmks.csv", "pelatihan.csv"), strict=True):
        print(f"{file}: exit {code}\n{out}{err}")  # the report's record of what happened (pytest -s)
        assert "Traceback" not in err
        if code == 2:  # refused as a whole, with a clear message: the retry must go through
            assert "tidak ada data yang diubah" in err
            retry = _import_cli(pg_store, FIXTURES / file)
            print(f"{file} diulang: exit {retry.returncode}\n{retry.stdout}{retry.stderr}")
            assert retry.returncode == 0, retry.stderr
        else:
            assert code == 0, err
    lokal = db.open_store(world)
    nasional = db.open_store(pg_store.settings)
    try:
        # The sum of both imports (6 good cases; 3 good training rows, the 4th ends before it starts) and
        # every page figure as in the lokal store that took all four files in one import.
        assert _count(nasional, "pmks_kasus") == 6
        assert _count(nasional, "pelatihan") == 3
        log = nasional.execute("select import_id, kind from import_log order by import_id").fetchall()
        assert sorted(kind for _, kind in log) == ["pelatihan", "penduduk", "pmks", "psm"]
        assert len({import_id for import_id, _ in log}) == len(log), log
        _assert_same_figures(lokal, nasional)
    finally:
        lokal.close()
        nasional.close()


def _start_reader(pg, stop_file: Path) -> subprocess.Popen:
    args = [sys.executable, __file__, "read", "240", str(stop_file)]
    env = dict(pg.env(), PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen(args, env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_readers_see_before_or_after_an_import_never_in_between(pg_store, tmp_path):
    import_files([FIXTURES / n for n in ("penduduk.csv", "psm.csv", "pelatihan.csv")], pg_store.settings)
    stop = tmp_path / "berhenti"
    readers = [_start_reader(pg_store, stop) for _ in range(2)]
    try:
        first = [json.loads(r.stdout.readline() or "null") for r in readers]  # both are reading
        result = import_files([FIXTURES / "pmks.csv"], pg_store.settings)
        assert result.files[0].imported == 6
        # Keep them reading until each has seen the import, then stop them.
        seen = [[f] for f in first]
        for reader, lines in zip(readers, seen, strict=True):
            while lines[-1] is not None and lines[-1][0] == 0:
                line = reader.stdout.readline()
                lines.append(json.loads(line) if line else None)
    finally:
        stop.touch()
    for reader, lines in zip(readers, seen, strict=True):
        out, err = reader.communicate(timeout=120)
        lines += [json.loads(line) for line in out.splitlines()]
        assert reader.returncode == 0 and "Traceback" not in err, err
        # Before: no case in Tuban in 2022 and no case row. After (by hand, test_queries): 4 open in
        # 2022 from the case mart, 6 case rows, the latest recorded up to 2022 on 2022-06-01 (case B).
        before, after = [0, None, 0], [4, "2022-06-01", 6]
        assert lines[0] == before
        assert lines[-1] == after
        assert all(line in (before, after) for line in lines), [x for x in lines if x not in (before, after)]
        print(f"pembaca: {lines.count(before)} transaksi sebelum impor, {lines.count(after)} sesudah")


def _read_loop(seconds: float, stop_file: Path) -> None:
    """Each iteration one transaction: the case count from the mart, the latest case date and the case
    rows, printed as one JSON line; until the stop file appears or the time is up."""
    import pandas as pd

    from petakesos import db, sql
    from petakesos.config import settings

    con = db.open_store(settings())
    end = time.monotonic() + seconds
    while time.monotonic() < end and not stop_file.exists():
        con.begin()
        head = sql.fetch(con, "app/headline_figures", wilayah=TUBAN, tahun=2022).iloc[0]
        n = con.execute("select count(*) from pmks_kasus").fetchone()[0]
        con.commit()
        latest = None if pd.isna(head["data_per"]) else str(head["data_per"])[:10]
        print(json.dumps([int(head["kasus"]), latest, n]), flush=True)
    con.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["read"]:
        _read_loop(float(sys.argv[2]), Path(sys.argv[3]))
