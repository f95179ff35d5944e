"""The Impor Data page's logic without a browser: safe upload names, the preview as read, the import in
its own process with progress, the accounting, the quarantine in the file's own layout, the desa-name
choice and its effect on the next import of the same file.

The messy workbook (`messy_workbook`, also used by the browser test) is a PMKS register of Kecamatan
Kenduruan (35.23.01) with two title rows, a blank row, the office's own headers, desa by name and a
JUMLAH row. Worked out by hand: rows 5-7 (Jlodro, Ds. Sokogunung, Tawaran) are good; row 8 'Sidorejo'
is ambiguous (Desa Sidorejo 35.23.01.2008 in Kenduruan and Kelurahan Sidorejo 35.23.16.1010 in Kec.
Tuban); row 9 has category 99, which does not exist; row 10 (JUMLAH) is dropped. So read 5 = imported 3
+ quarantined 2 + duplicate 0, dropped 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from needs import FIXTURES

from petakesos import db, sql
from petakesos.features.impor import job, report, uploads

HEADER = ["No", "NIK", "Nama Lengkap", "L/P", "Tgl Lahir", "Jenis PMKS", "Desa/Kel", "Tgl Pendataan", "Status"]
ROWS = [
    [1, "3523010101900001", "Warga Satu", "L", "1980-01-01", "24", "Jlodro", "2023-02-01", "aktif"],
    [2, "3523010101900002", "Warga Dua", "P", "1975-05-05", "09", "Ds. Sokogunung", "2023-03-01", "aktif"],
    [3, "3523010101900003", "Warga Tiga", "L", "1960-07-07", "24", "Tawaran", "2023-04-01", "aktif"],
    [4, "3523010101900004", "Warga Empat", "P", "1990-09-09", "24", "Sidorejo", "2023-05-01", "aktif"],
    [5, "3523010101900005", "Warga Lima", "L", "1970-10-10", "99", "Jlodro", "2023-06-01", "aktif"],
]


def messy_workbook(path: Path) -> Path:
    """Write the messy PMKS workbook described in the module docstring to `path`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["REGISTER KASUS PMKS KECAMATAN KENDURUAN"])
    sheet.append(["Dinas Sosial Kabupaten Tuban, keadaan Juni 2023"])
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet.append(["JUMLAH", None, None, None, None, None, None, None, None])
    book.save(path)
    return path


@pytest.fixture()
def store(world, tmp_path) -> str:
    """A store of its own with the fixture's population, so these imports touch no other test."""
    from petakesos.ingest.importer import import_files

    folder = tmp_path / "store"
    import_files([FIXTURES / "penduduk.csv"], world, store=folder)
    return str(folder)


def _run(store: str, files: list[Path], kabupaten: str | None) -> job.Status:
    folder = uploads.new_folder(store)
    proc = job.start(store, files, kabupaten, folder)
    proc.wait(timeout=300)
    return job.poll(proc, folder)


def _karantina(store: str, world, file_name: str = "") -> pd.DataFrame:
    con = db.open_store(world, store=store)
    try:
        return sql.run(con, "app/impor_karantina", wilayah="", file_name=file_name, alasan="")
    finally:
        con.close()


@pytest.mark.parametrize(
    ("uploaded", "expected"),
    [
        ("kasus tuban.xlsx", "kasus tuban.xlsx"),
        ("../../etc/passwd", "passwd.csv"),
        ("C:\\Users\\x\\Data?.XLSX", "Data_.xlsx"),
        ("..", "berkas.csv"),
        (".hidden.csv", "hidden.csv"),
        ("data.xls", "data.xls.csv"),
    ],
)
def test_safe_name_keeps_the_name_but_never_a_path(uploaded, expected):
    assert uploads.safe_name(uploaded) == expected


def test_an_upload_is_saved_in_a_fresh_folder_under_the_store(tmp_path):
    folder = uploads.new_folder(str(tmp_path))
    saved = uploads.save(folder, "../x.csv", b"a")
    again = uploads.save(folder, "x.csv", b"b")
    assert saved == folder / "x.csv" and again == folder / "x (2).csv"
    assert folder.parent == tmp_path / "impor_unggah"
    uploads.remove(tmp_path / "elsewhere", str(tmp_path))  # outside the upload folder: refused silently
    uploads.remove(folder, str(tmp_path))
    assert not folder.exists()


def test_preview_shows_the_rows_as_read_without_nik(tmp_path):
    p = uploads.preview(messy_workbook(tmp_path / "kasus.xlsx"), "Kasus Kenduruan.xlsx")
    assert (p.error, p.kind, p.header_row, p.n_rows, p.dropped) == ("", "pmks", 4, 5, 1)
    assert list(p.rows["kode_desa"]) == ["Jlodro", "Ds. Sokogunung", "Tawaran", "Sidorejo", "Jlodro"]
    assert "nik" not in p.rows.columns and p.headers["nik"] == "NIK" and p.headers["kode_desa"] == "Desa/Kel"


def test_a_bad_file_is_the_readers_message_with_the_uploaded_name(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("judul\nsatu,dua\n", encoding="utf-8")
    wrong = uploads.preview(bad, "daftar.csv")
    assert "daftar.csv" in wrong.error and wrong.kind == ""
    old = tmp_path / "y.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    assert ".xlsx" in uploads.preview(old, "lama.xls").error


def test_import_confirm_and_import_again_releases_the_row(world, store, tmp_path):
    path = messy_workbook(uploads.new_folder(store) / "kasus.xlsx")
    status = _run(store, [path], "35.23")
    assert (status.done, status.fraction, status.error) == (True, 1.0, "")
    table = report.accounts(status.result, {"kasus.xlsx": "Kasus Kenduruan.xlsx"})
    row = table.iloc[0]
    assert list(row)[:8] == ["Kasus Kenduruan.xlsx", "Register kasus PMKS", 5, 3, 2, 0, 1, 0]
    assert report.adds_up(row)

    bad = _karantina(store, world, "kasus.xlsx")
    assert list(bad["row_number"]) == [8, 9]
    layout = report.original_layout(bad, uploads.preview(path, "k.xlsx").headers)
    assert list(layout.columns) == [*HEADER[2:], "Baris asal", "Berkas asal", "Alasan"]
    # A name the importer matched surely is kept as its code (the engine quarantines the row after matching).
    assert list(layout["Desa/Kel"]) == ["Sidorejo", "35.23.01.2001"] and list(layout["Baris asal"]) == [8, 9]
    assert list(layout["Jenis PMKS"]) == ["24", "99"] and list(layout["Nama Lengkap"]) == ["Warga Empat", "Warga Lima"]
    assert "NIK" not in layout.columns and not layout.astype(str).apply(lambda c: c.str.contains("hash:")).any().any()

    unsure = report.unsure_desa(bad)
    assert unsure.to_dict("records") == [{"Desa (tertulis)": "Sidorejo", "Kecamatan (tertulis)": "", "Baris": 1}]
    con = db.open_store(world, store=store)
    try:
        options = report.choices(con, "35.23", unsure)
    finally:
        con.close()
    assert set(options["Kode desa"]) >= {"35.23.01.2008", "35.23.16.1010"}
    assert not options["Pilih"].any()  # two exact matches: nothing ticked for the user
    options.loc[options["Kode desa"] == "35.23.01.2008", "Pilih"] = True
    assert report.confirm(world, store, "35.23", report.chosen(options)) == 1

    again = _run(store, [path], "35.23")
    row = report.accounts(again.result, {}).iloc[0]
    # read 5 = imported 1 (Sidorejo, now matched) + quarantined 0 new + duplicate 4 (3 stored, 1 still bad)
    assert list(row)[2:] == [5, 1, 0, 4, 1, 1]
    assert list(_karantina(store, world, "kasus.xlsx")["row_number"]) == [9]


def test_two_ticks_for_one_name_is_a_message():
    edited = pd.DataFrame(
        {
            "Desa (tertulis)": ["A", "A"],
            "Kecamatan (tertulis)": ["", ""],
            "Kode desa": ["1", "2"],
            "Pilih": [True, True],
        }
    )
    with pytest.raises(ValueError, match="Pilih satu kode saja"):
        report.chosen(edited)


def test_progress_moves_with_each_step_and_a_second_import_is_refused(world, store, tmp_path):
    path = shutil.copy(FIXTURES / "pmks.csv", uploads.new_folder(store) / "pmks.csv")
    folder = uploads.new_folder(store)
    with db.import_lock(store):  # another import holds the store
        proc = job.start(store, [Path(path)], None, folder)
        proc.wait(timeout=300)
    refused = job.poll(proc, folder)
    assert refused.done and refused.result is None and "Impor lain sedang berjalan" in refused.error

    folder = uploads.new_folder(store)
    proc = job.start(store, [Path(path)], None, folder)
    proc.wait(timeout=300)
    steps = [json.loads(line) for line in (folder / job.PROGRESS_FILE).read_text().splitlines()]
    assert [(s["step"], s["total"]) for s in steps] == [(1, 3), (2, 3), (3, 3)]
    assert job.poll(proc, folder).fraction == 1.0


def test_history_and_quarantine_list_never_show_a_nik(world, store):
    shutil.copy(FIXTURES / "pmks.csv", Path(store) / "pmks.csv")
    assert _run(store, [Path(store) / "pmks.csv"], None).error == ""
    con = db.open_store(world, store=store)
    try:
        log = sql.run(con, "app/impor_riwayat", wilayah="35.23.01")
        elsewhere = sql.run(con, "app/impor_riwayat", wilayah="35.24")
        listed = report.quarantine_list(sql.run(con, "app/impor_karantina", wilayah="35.23", file_name="", alasan=""))
    finally:
        con.close()
    assert list(log["file_name"]) == ["pmks.csv", "penduduk.csv"] and elsewhere.empty
    history = report.history(log)
    assert list(history.iloc[0][["Dibaca", "Diimpor", "Karantina", "Duplikat"]]) == [12, 6, 5, 1]
    assert "nik" not in " ".join(listed.columns).lower()
    assert not listed.astype(str).apply(lambda c: c.str.contains(r"hash:|\d{16}")).any().any()


def test_the_page_hands_names_kinds_mappings_and_user_to_the_import_command(tmp_path):
    choices = job.Choices(["-x; rm.csv"], ["pmks"], [{"Nama Warga": "nama"}], "siti")
    args = job.command("store", [tmp_path / "x.csv"], None, tmp_path, choices)
    assert args[args.index("import") :] == [
        "import",
        "--json",
        "--db",
        "store",
        "--kolom",
        str(tmp_path / job.MAPPING_FILE),
        "--oleh",
        "siti",
        "--nama=-x; rm.csv",  # one argument, never a path or an option
        "--jenis=pmks",
        "--",
        str(tmp_path / "x.csv"),
    ]
    assert json.loads((tmp_path / job.MAPPING_FILE).read_text()) == [{"Nama Warga": "nama"}]
    assert job.who({"petakesos_user": "budi"}) == "budi" and job.who({}) == "(mode demo)"


def test_the_mapping_step_previews_as_mapped_and_hides_any_nik(tmp_path):
    from petakesos.features.impor import kolom

    path = tmp_path / "x.csv"
    path.write_text("Nomor Warga,Nama Warga,Catatan\n3523010101500001,Warga Satu,3523 0101 0150 0002\n")
    p = uploads.preview(path, "x.csv")
    assert kolom.to_map(p) == ["Nomor Warga", "Nama Warga", "Catatan"]
    assert kolom.suggestion(p, None) == {"Nomor Warga": None, "Nama Warga": None, "Catatan": None}
    assert kolom.suggestion(p, {"nama_warga": "nama"})["Nama Warga"] == "nama"
    choice = kolom.chosen(p, ["nik", "nama", "(abaikan)"])
    assert choice == {"Nomor Warga": "nik", "Nama Warga": "nama", "Catatan": None}
    assert kolom.preview_rows(p, choice).to_dict("records") == [{"baris": 2, "nama": "Warga Satu"}]
    # Mapped to a column that is shown, a NIK is still hidden.
    shown = kolom.preview_rows(p, kolom.chosen(p, ["(abaikan)", "nama", "sumber"]))
    assert shown.to_dict("records") == [{"baris": 2, "nama": "Warga Satu", "sumber": "(NIK disembunyikan)"}]
    assert "nama" in kolom.problem(p, kolom.chosen(p, ["nama", "nama", "(abaikan)"]), "pmks")
    assert kolom.problem(p, choice, "pmks").startswith("Berkas x.csv: jenis yang dipilih, register kasus PMKS")


def test_the_footer_line_without_an_import_and_after_one():
    from petakesos.ui import footer

    assert footer.line(pd.DataFrame()) == "Data contoh (sintetis), belum ada impor"
    last = pd.DataFrame({"imported_at": [pd.Timestamp("2026-06-26 10:00")], "file_name": ["a_b*.csv"], "kind": ["psm"]})
    assert footer.line(last) == "Data terakhir diimpor: 26 Juni 2026 — a\\_b\\*\\.csv (Register PSM)"
