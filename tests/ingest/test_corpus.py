"""Every corpus file through `python -m petakesos import`: its exact accounting, or its clear refusal with the
database unchanged; no traceback for any input (issue 11, "Done when"). The files and the expected figures
come from tests/ingest/corpus/generate.py, which says how each figure was worked out."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from petakesos import db as storage
from petakesos.cli import main
from tests.ingest.corpus.generate import Case, cases, write_corpus
from tests.ingest.corpus.generate import main as generate_main

CASES = cases()
TABLES = ("pmks_kasus", "psm", "pelatihan", "karantina")
STORED = {"pmks": "pmks_kasus", "psm": "psm"}  # where a kind's `nama` is stored
ACCOUNT = ("kind", "read", "imported", "quarantined", "duplicate", "dropped")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder)
    return folder


def _tables(db_path: Path) -> dict[str, pd.DataFrame]:
    """The fact tables and quarantine as frames; {} when no database exists yet."""
    if not db_path.exists():
        return {}
    con = storage.connect(db_path, read_only=True)
    try:
        frames = {}
        for name in TABLES:
            try:
                frames[name] = con.table(name).df()
            except duckdb.CatalogException:
                continue
        return frames
    finally:
        con.close()


def _counts(db_path: Path) -> dict[str, int]:
    frames = _tables(db_path)
    return {name: len(frames[name]) if name in frames else 0 for name in TABLES}


def _import(db_path: Path, path: Path, case: Case, capsys) -> tuple[int, str, str]:
    code = main(["import", "--db", str(db_path), "--json", str(path), *case.args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_file(case: Case, corpus, world, tmp_path, monkeypatch, capsys):
    if case.pending:
        pytest.skip(case.pending_reason)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    db_path = tmp_path / "corpus.duckdb"
    for earlier in case.before:
        code, out, err = _import(db_path, corpus / earlier, case, capsys)
        assert code == 0, f"{earlier} (imported first): {err}"
    before = _counts(db_path)
    name = Path(case.file_name).name

    code, out, err = _import(db_path, corpus / case.file_name, case, capsys)
    assert "Traceback" not in out + err

    if case.message is not None:
        assert code == 2, out
        assert case.message in err, err
        assert name in err, err
        assert _counts(db_path) == before
        return

    assert code == 0, err
    result = json.loads(out)
    account = result["files"][0]
    assert {k: account[k] for k in ACCOUNT} == {k: getattr(case, k) for k in ACCOUNT}
    assert account["read"] == account["imported"] + account["quarantined"] + account["duplicate"]
    assert result["total"]["read"] == case.read

    frames = _tables(db_path)
    quarantine = frames["karantina"]
    mine = quarantine[quarantine["file_name"] == name]
    if not case.before:
        assert len(mine) == case.quarantined, mine[["row_number", "alasan"]].to_string()
    reasons = mine.groupby("row_number")["alasan"].apply(" | ".join).to_dict()
    for row, expected in case.reasons.items():
        assert expected in reasons.get(row, ""), f"baris {row}: {reasons.get(row)!r}; semua: {reasons}"
    for row in case.cleared:
        assert row not in reasons, f"baris {row} masih di karantina: {reasons[row]}"
    if case.names:
        stored = set(frames[STORED[case.kind]]["nama"])
        assert set(case.names) <= stored, sorted(stored)
    if case.desa_codes:
        assert set(frames["pmks_kasus"]["kode_desa"]) == set(case.desa_codes)


def test_generator_is_reproducible_and_writes_expected_json(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert generate_main([str(first)]) == 0
    write_corpus(second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and p.name != "expected.json")
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    expected = json.loads((first / "expected.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in expected] == [c.id for c in CASES]
    by_id = {e["id"]: e for e in expected}
    assert by_id["17_dua_kali.csv#2"]["duplicate"] == 6
    assert by_id["11_nik_angka.xlsx"]["reasons"] == {
        "2": "rusak",
        "3": "rusak",
        "4": "rusak",
        "5": "rusak",
        "6": "hilang",
    }
