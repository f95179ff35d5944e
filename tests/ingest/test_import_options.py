"""What the Impor Data page hands the engine (issue 12): a column mapping chosen by hand and remembered for
the next file with the same header layout, the kind chosen by hand, the upload's original name in the
log (never a path), who imported, and a quarantine download fixed in Excel releasing its rows.

The odd-header file (`odd_headers`) is the first three cases of tests/fixtures/pmks.csv under headers the
synonym table (data/impor/kolom.csv) does not know: rows 2-4 are Kasus A, B, C, all valid, so read 3 =
imported 3."""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
from pathlib import Path

import openpyxl
import pytest
from needs import FIXTURES

from petakesos import db, sql
from petakesos.cli import main as cli_main
from petakesos.ingest import mapping, nik
from petakesos.ingest.importer import import_files
from petakesos.ingest.kinds import WrongKind

ODD = [
    "Nomor Induk Penduduk Penerima",
    "Nama Lengkap Penerima",
    "Kelamin Penerima",
    "Lahir Pada",
    "Kategori Masalah",
    "Desa Domisili",
    "Didata Pada",
    "Keadaan",
    "Tanggal Tuntas",
]
ODD_MAPPING = {
    "Nomor Induk Penduduk Penerima": "nik",
    "Nama Lengkap Penerima": "nama",
    "Kelamin Penerima": "jenis_kelamin",
    "Lahir Pada": "tanggal_lahir",
    "Kategori Masalah": "kode_pmks",
    "Desa Domisili": "kode_desa",
    "Didata Pada": "tanggal_catat",
    "Keadaan": "status",
    "Tanggal Tuntas": "tanggal_selesai",
}


def odd_headers(path: Path, rows: int = 3) -> Path:
    """The first `rows` cases of the fixture (their first 9 columns) under headers nobody knows."""
    lines = (FIXTURES / "pmks.csv").read_text(encoding="utf-8").splitlines()[1 : rows + 1]
    path.write_text("\n".join([",".join(ODD), *(",".join(ln.split(",")[:9]) for ln in lines)]) + "\n")
    return path


@pytest.fixture()
def store(world, tmp_path) -> Path:
    folder = tmp_path / "store"
    import_files([FIXTURES / "penduduk.csv"], world, store=folder)
    return folder


def _rows(world, store, name: str, **params):
    con = db.open_store(world, store=store)
    try:
        return sql.run(con, name, **params)
    finally:
        con.close()


def _log(world, store):
    con = db.open_store(world, store=store)
    try:
        return con.execute("select file_name, kind, imported_by from import_log order by import_id").fetchall()
    finally:
        con.close()


def test_unknown_headers_are_refused_without_a_mapping(world, store, tmp_path):
    with pytest.raises(WrongKind, match="register kasus PMKS"):
        import_files([odd_headers(tmp_path / "odd.csv")], world, store=store)


def test_a_mapping_chosen_by_hand_imports_and_is_remembered_for_the_same_layout(world, store, tmp_path):
    first = odd_headers(tmp_path / "odd.csv")
    assert mapping.suggest(ODD) == dict.fromkeys(ODD)  # the synonym table knows none of them
    key = mapping.layout_key(ODD)
    assert mapping.parse(_rows(world, store, "app/impor_pemetaan"), key) is None
    f = import_files([first], world, store=store, mappings=[ODD_MAPPING]).files[0]
    assert (f.kind, f.read, f.imported, f.quarantined) == ("pmks", 3, 3, 0)

    # The next file with the same headers (spelt with other spaces and case) gets the mapping back.
    again = tmp_path / "lagi.csv"
    odd_headers(again, rows=4)
    again.write_text(again.read_text().replace("Nama Lengkap Penerima", "NAMA  lengkap penerima "))
    headers = [h.strip() for h in again.read_text().splitlines()[0].split(",")]
    assert mapping.layout_key(headers) == key
    remembered = mapping.parse(_rows(world, store, "app/impor_pemetaan"), key)
    assert remembered == {mapping.normalize_column(h): c for h, c in ODD_MAPPING.items()}
    assert mapping.suggest(headers, remembered)["NAMA  lengkap penerima"] == "nama"
    f = import_files([again], world, store=store, mappings=[mapping.suggest(headers, remembered)]).files[0]
    assert (f.read, f.imported, f.duplicate) == (4, 1, 3)


def test_a_header_mapped_to_nothing_is_left_out_and_two_to_one_column_is_refused(world, store, tmp_path):
    path = odd_headers(tmp_path / "odd.csv")
    ignored = dict(ODD_MAPPING, **{"Tanggal Tuntas": None})
    f = import_files([path], world, store=store, mappings=[ignored], kinds=["pmks"]).files[0]
    assert (f.read, f.imported, f.quarantined) == (3, 1, 2)  # B and C are 'selesai' without their end date now
    no_status = dict(ODD_MAPPING, **{"Keadaan": None})
    with pytest.raises(WrongKind, match="jenis yang dipilih, register kasus PMKS, .*: status"):
        import_files([path], world, store=store, mappings=[no_status], kinds=["pmks"])
    twice = dict(ODD_MAPPING, **{"Keadaan": "nama"})
    with pytest.raises(Exception, match="nama"):
        import_files([path], world, store=store, mappings=[twice])


def test_the_kind_chosen_by_hand_must_fit_the_columns(world, store):
    with pytest.raises(WrongKind, match="register PSM"):
        import_files([FIXTURES / "pmks.csv"], world, store=store, kinds=["psm"])
    f = import_files([FIXTURES / "pmks.csv"], world, store=store, kinds=["pmks"]).files[0]
    assert (f.kind, f.read) == ("pmks", 12)


def test_the_original_name_and_who_imported_are_logged_never_used_as_a_path(world, store, tmp_path):
    hostile = ["../../etc/passwd.csv", "a'; drop table x;--.csv"]
    saved = tmp_path / "passwd.csv"
    saved.write_text((FIXTURES / "pmks.csv").read_text())
    other = tmp_path / "a_ drop table x_--.csv"
    other.write_text((FIXTURES / "pmks.csv").read_text())
    import_files([saved, other], world, store=store, names=hostile, imported_by="siti")
    log = _log(world, store)
    assert log[-2:] == [("../../etc/passwd.csv", "pmks", "siti"), ("a'; drop table x;--.csv", "pmks", "siti")]
    assert log[0][2] is None  # imports before the column existed say nothing
    quarantined = _rows(world, store, "app/impor_karantina", wilayah="", file_name="../../etc/passwd.csv", alasan="")
    assert len(quarantined) == 5


def test_the_import_command_takes_kind_names_mapping_and_user(world, store, tmp_path, capsys):
    path = odd_headers(tmp_path / "unggah_1.csv")
    kolom = tmp_path / "kolom.json"
    kolom.write_text(json.dumps(ODD_MAPPING))
    args = ["import", "--json", "--db", str(store), "--jenis", "pmks", "--nama", "Data Desa.csv"]
    assert cli_main([*args, "--kolom", str(kolom), str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["imported"] == 3
    assert _log(world, store)[-1] == ("Data Desa.csv", "pmks", getpass.getuser())
    assert cli_main(["import", "--db", str(store), "--oleh", "budi", str(FIXTURES / "psm.csv")]) == 0
    assert _log(world, store)[-1] == ("psm.csv", "psm", "budi")
    assert cli_main(["import", "--db", str(store), "--nama", "a.csv", "--nama", "b.csv", str(path)]) == 2
    assert "--nama" in capsys.readouterr().err


def _quarantine_workbook(world, store, path: Path, source: str) -> Path:
    """The quarantined rows of `source` as the page's download lays them out (features.impor.report)."""
    from petakesos.features.impor import report

    bad = _rows(world, store, "app/impor_karantina", wilayah="", file_name=source, alasan="")
    layout = report.original_layout(bad, {})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(layout.columns))
    for row in layout.itertuples(index=False):
        sheet.append(list(row))
    book.save(path)
    return path


def test_a_fixed_quarantine_download_releases_its_row_and_keeps_the_rest(world, store, tmp_path):
    # pmks.csv: rows 8-12 quarantined (bad NIK, unknown desa, category, 2022-02-30, no end date).
    import_files([FIXTURES / "pmks.csv"], world, store=store, names=["Register Kasus.csv"])
    download = _quarantine_workbook(world, store, tmp_path / "karantina_Register Kasus.xlsx", "Register Kasus.csv")
    book = openpyxl.load_workbook(download)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["Baris asal", "Berkas asal", "Alasan"] and "nik" not in header
    rows = {r[header.index("Baris asal")].value: r for r in sheet.iter_rows(min_row=2)}
    assert sorted(rows) == [8, 9, 10, 11, 12]
    rows[11][header.index("tanggal_catat")].value = "2022-02-28"  # the fix typed in Excel
    book.save(download)

    f = import_files([download], world, store=store).files[0]
    # read 5 = imported 1 (row 11, its NIK carried over from quarantine) + duplicate 4 (still bad, as before)
    assert (f.kind, f.read, f.imported, f.quarantined, f.duplicate, f.released) == ("pmks", 5, 1, 0, 4, 1)
    left = _rows(world, store, "app/impor_karantina", wilayah="", file_name="Register Kasus.csv", alasan="")
    assert list(left["row_number"]) == [8, 9, 10, 12]
    con = db.open_store(world, store=store)
    try:
        fixed = con.execute("select nama, nik_hash from pmks_kasus where tanggal_catat = '2022-02-28'").fetchall()
    finally:
        con.close()
    # The person of row 11 (NIK 3523010101500010, 'Tanggal Rusak'), hashed as every stored NIK is.
    key = nik.load_key(world.nik_key_path)
    assert fixed == [("Tanggal Rusak", hmac.new(key, b"3523010101500010", hashlib.sha256).hexdigest())]


def test_a_hash_typed_in_an_ordinary_file_is_not_a_nik(world, store, tmp_path):
    path = tmp_path / "x.csv"
    lines = (FIXTURES / "pmks.csv").read_text().splitlines()[:2]
    path.write_text(lines[0] + "\n" + "hash:" + "a" * 64 + lines[1][16:] + "\n")
    f = import_files([path], world, store=store).files[0]
    assert (f.read, f.imported, f.quarantined) == (1, 0, 1)
