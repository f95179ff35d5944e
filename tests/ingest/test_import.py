"""Import: row accounting, quarantine reasons row by row, idempotence, NIK never stored, atomicity."""

import json

import pytest
from needs import FIXTURES

from petakesos import db
from petakesos.cli import main as cli_main
from petakesos.ingest.importer import import_files
from petakesos.ingest.readers import UnreadableFile


@pytest.fixture()
def fresh_db(world, tmp_path):
    return tmp_path / "import_store"


def _quarantine(world, store):
    with db.open_store(world, store=store) as c:
        return c.execute(
            "select file_name, row_number, kolom, alasan, raw_json from karantina order by file_name, row_number"
        ).df()


def test_accounting_adds_up_and_bad_rows_are_quarantined_with_reasons(world, fresh_db):
    result = import_files([FIXTURES / "pmks.csv"], world, store=fresh_db)
    f = result.files[0]
    assert (f.kind, f.read, f.imported, f.quarantined, f.duplicate) == ("pmks", 12, 6, 5, 1)
    assert f.read == f.imported + f.quarantined + f.duplicate
    q = _quarantine(world, fresh_db)
    by_row = dict(zip(q["row_number"], zip(q["kolom"], q["alasan"])))
    # Header is row 1, so the 7th data row is spreadsheet row 8.
    assert by_row[8] == ("nik", "kolom nik: NIK harus 16 digit angka")
    assert by_row[9][0] == "kode_desa" and "tidak ada dalam daftar Kemendagri" in by_row[9][1]
    assert by_row[10][0] == "kode_pmks"
    assert by_row[11] == (
        "tanggal_catat",
        "kolom tanggal_catat: bukan tanggal yang sah (tulis YYYY-MM-DD): '2022-02-30'",
    )
    assert by_row[12] == ("tanggal_selesai", "kolom tanggal_selesai: wajib diisi bila status selesai")
    assert set(q["file_name"]) == {"pmks.csv"}


def test_reimport_changes_nothing(world, fresh_db):
    import_files([FIXTURES / "pmks.csv"], world, store=fresh_db)
    with db.open_store(world, store=fresh_db) as c:
        before = (
            c.execute("select count(*) from pmks_kasus").fetchone()[0],
            c.execute("select count(*) from karantina").fetchone()[0],
        )
    again = import_files([FIXTURES / "pmks.csv"], world, store=fresh_db).files[0]
    assert (again.read, again.imported, again.quarantined, again.duplicate) == (12, 0, 0, 12)
    with db.open_store(world, store=fresh_db) as c:
        after = (
            c.execute("select count(*) from pmks_kasus").fetchone()[0],
            c.execute("select count(*) from karantina").fetchone()[0],
        )
    assert before == after == (6, 5)


def test_changed_row_replaces_the_stored_one(world, fresh_db, tmp_path):
    import_files([FIXTURES / "pmks.csv"], world, store=fresh_db)
    text = (
        (FIXTURES / "pmks.csv")
        .read_text()
        .replace(
            "2021-03-01,aktif,,SIKS-NG\n3523010101500002", "2021-03-01,selesai,2024-01-05,SIKS-NG\n3523010101500002", 1
        )
    )
    changed = tmp_path / "pmks_v2.csv"
    changed.write_text(text)
    f = import_files([changed], world, store=fresh_db).files[0]
    assert (f.imported, f.updated) == (1, 1)
    with db.open_store(world, store=fresh_db) as c:
        assert c.execute("select count(*) from pmks_kasus").fetchone()[0] == 6
        assert (
            c.execute("select count(*) from pmks_kasus where status = 'selesai'").fetchone()[0] == 4
        )  # B, C, E and now A


def test_a_row_key_includes_the_desa_so_its_stored_twin_is_looked_up_in_that_desa_only(world, fresh_db, tmp_path):
    """importer.KEY_HAS_DESA looks a row's stored twin up in the row's own desa: right only while the key
    of those tables hashes the desa. The same case (or population year) in another desa is a new row."""
    from petakesos.ingest.importer import KEY_HAS_DESA

    assert {"pmks_kasus", "penduduk_desa"} == KEY_HAS_DESA
    import_files([FIXTURES / "pmks.csv", FIXTURES / "penduduk.csv"], world, store=fresh_db)
    moved = tmp_path / "pindah"
    moved.mkdir()
    for name in ("pmks.csv", "penduduk.csv"):
        (moved / name).write_text((FIXTURES / name).read_text().replace("35.23.01.2001,", "35.23.01.2009,"))
    files = import_files([moved / "pmks.csv", moved / "penduduk.csv"], world, store=fresh_db).files
    for f in files:  # every moved row is new, none replaces or repeats a stored one
        assert f.updated == 0 and f.imported > 0, f


def test_nik_is_never_stored_in_clear(world, fresh_db):
    import_files([FIXTURES / "pmks.csv", FIXTURES / "psm.csv", FIXTURES / "pelatihan.csv"], world, store=fresh_db)
    raw_niks = {
        line.split(",")[0]
        for name in ("pmks.csv", "psm.csv", "pelatihan.csv")
        for line in (FIXTURES / name).read_text().splitlines()[1:]
    }
    with db.open_store(world, store=fresh_db) as c:
        for table in ("pmks_kasus", "psm", "pelatihan", "karantina"):
            dump = c.execute(f"select * from {table}").df().to_csv()
            assert not any(n in dump for n in raw_niks), table


def test_psm_rules_and_training_dates(world, fresh_db):
    result = import_files([FIXTURES / "psm.csv", FIXTURES / "pelatihan.csv"], world, store=fresh_db)
    psm, training = result.files
    # PSM Muda (13 at the SK date) breaks a Permensos 10/2019 requirement: a register fact, imported and
    # flagged on the Pelatihan page, not dropped.
    assert (psm.read, psm.imported, psm.quarantined) == (6, 6, 0)
    assert (training.read, training.imported, training.quarantined) == (4, 3, 1)
    reasons = " ".join(_quarantine(world, fresh_db)["alasan"])
    assert "18 tahun" not in reasons
    assert "tanggal selesai sebelum tanggal mulai" in reasons
    with db.open_store(world, store=fresh_db) as c:
        assert c.execute("select count(*) from psm where nama = 'PSM Muda'").fetchone()[0] == 1


def test_under_18_at_sk_is_imported_and_impossible_dates_are_quarantined(world, fresh_db):
    # tests/fixtures/umur: five PSM aged 17 or 18 at the SK date (29 February births among them), one
    # birth date that does not exist and one SK dated before the birth.
    f = import_files([FIXTURES / "umur" / "psm.csv"], world, store=fresh_db).files[0]
    assert (f.read, f.imported, f.quarantined, f.duplicate) == (7, 5, 2, 0)
    by_row = dict(zip(*_quarantine(world, fresh_db)[["row_number", "alasan"]].T.to_numpy()))
    assert by_row == {
        7: "kolom tanggal_lahir: bukan tanggal yang sah (tulis YYYY-MM-DD): '2005-02-29'",
        8: "kolom tanggal_sk: tanggal SK sebelum tanggal lahir",
    }
    with db.open_store(world, store=fresh_db) as c:
        names = {r[0] for r in c.execute("select nama from psm").fetchall()}
    assert names == {"Kabisat Belum", "Kabisat Sudah", "Lahir Akhir Februari", "Kurang Sehari", "Tepat Delapan Belas"}


def test_xlsx_with_excel_dates_and_numeric_codes(world, fresh_db, tmp_path):
    import pandas as pd

    frame = pd.read_csv(FIXTURES / "penduduk.csv", dtype=str)
    frame["kode_desa"] = frame["kode_desa"].str.replace(".", "")
    frame["tahun"] = frame["tahun"].astype(int)
    path = tmp_path / "penduduk.xlsx"
    frame.to_excel(path, index=False)
    f = import_files([path], world, store=fresh_db).files[0]
    assert (f.kind, f.read, f.imported, f.quarantined) == ("penduduk", 5, 5, 0)


def test_wrong_kind_and_unreadable_files_leave_the_database_untouched(world, fresh_db, tmp_path, capsys):
    import_files([FIXTURES / "penduduk.csv"], world, store=fresh_db)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    for bad in (wrong, broken, tmp_path / "missing.csv"):
        code = cli_main(["import", str(FIXTURES / "pmks.csv"), str(bad), "--db", str(fresh_db)])
        err = capsys.readouterr().err
        assert code == 2
        assert bad.name in err and "Traceback" not in err
    with db.open_store(world, store=fresh_db) as c:
        assert c.execute("select count(*) from pmks_kasus").fetchone()[0] == 0
    with pytest.raises(UnreadableFile):
        import_files([broken], world, store=fresh_db)


def test_failure_mid_import_rolls_back(world, fresh_db, monkeypatch):
    import petakesos.db as db

    def explode(con, **_):
        raise RuntimeError("simulated crash while rebuilding marts")

    monkeypatch.setattr(db, "rebuild_marts", explode)
    with pytest.raises(RuntimeError):
        import_files([FIXTURES / "pmks.csv"], world, store=fresh_db)
    with db.open_store(world, store=fresh_db) as c:
        assert c.execute("select count(*) from pmks_kasus").fetchone()[0] == 0
        assert c.execute("select count(*) from karantina").fetchone()[0] == 0


def test_cli_json_accounting(world, fresh_db, capsys):
    assert cli_main(["import", str(FIXTURES / "pmks.csv"), "--db", str(fresh_db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"]["read"] == 12
    assert out["total"]["read"] == sum(out["total"][k] for k in ("imported", "quarantined", "duplicate"))
    assert set(out["files"][0]) >= {"read", "imported", "quarantined", "duplicate"}
