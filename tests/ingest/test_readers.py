"""Reading exports as they come: header found below titles, synonyms, row numbers, totals, encodings, XLSX cells."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pyarrow as pa
import pytest

from petakesos.ingest import columns
from petakesos.ingest.kinds import KINDS, WrongKind, detect
from petakesos.ingest.readers import ROW_COL, UnreadableFile, read_table

# A Tuban-style case export: two title rows, a blank line, its own header spellings, a running number,
# a quoted cell holding the delimiter, a blank line inside the data, a pre-numbered empty row and a total.
TUBAN_LINES = [
    "DATA PMKS KABUPATEN TUBAN",  # row 1
    "Tahun 2023",  # row 2
    "",  # row 3
    "No;Nama Lengkap;NIK;L/P;Tgl Lahir;Jenis PMKS;Desa/Kel;Tgl Pendataan;Status",  # row 4: header
    "1; René Santoso ;3523011201900011;L;01/02/1990;Anak Terlantar;Kutorenon;06/06/2023;Aktif",  # row 5
    '2;Siti;3523011201900012;P;1985-05-06;"Fakir Miskin; lansia";Sidorejo;2023-06-07;Dirujuk',  # row 6
    "",  # row 7: empty line
    "3;;;;;;;;",  # row 8: numbered but empty
    "4;Budi;3523011201900013;L;;09;Jlodro;;",  # row 9
    "JUMLAH;;;;;;;;3",  # row 10
]
TUBAN_COLUMNS = [
    ROW_COL,
    "nama",
    "nik",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_pmks",
    "kode_desa",
    "tanggal_catat",
    "status",
]


def _write(tmp_path, name, lines, encoding="utf-8", delimiter=";", newline="\n"):
    path = tmp_path / name
    text = newline.join(line.replace(";", delimiter) for line in lines) + newline
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding, delimiter, newline",
    [
        ("utf-8", ";", "\n"),
        ("utf-8-sig", ",", "\r\n"),  # Excel "CSV UTF-8"
        ("cp1252", ";", "\r\n"),  # Excel "CSV" on Windows
        ("utf-16", "\t", "\r\n"),  # Excel "Unicode text": UTF-16 LE with BOM, tabs
        ("utf-16-be", "\t", "\n"),
    ],
)
def test_tuban_export_reads_the_same_in_every_encoding_and_delimiter(tmp_path, encoding, delimiter, newline):
    lines = TUBAN_LINES
    if delimiter != ";":  # the quoted cell keeps its ';' while the delimiter changes
        lines = [line.replace(";", delimiter).replace('"Fakir Miskin' + delimiter, '"Fakir Miskin;') for line in lines]
    raw = newline.join(lines) + newline
    data = raw.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "kasus.csv"
    path.write_bytes(data)

    t = read_table(path)

    assert t.file_name == "kasus.csv"
    assert t.header_row == 4
    assert t.table.column_names == TUBAN_COLUMNS
    assert t.table[ROW_COL].to_pylist() == [5, 6, 9]
    assert t.table["nama"].to_pylist() == ["René Santoso", "Siti", "Budi"]
    assert t.table["kode_pmks"].to_pylist() == ["Anak Terlantar", "Fakir Miskin; lansia", "09"]
    assert t.table["tanggal_lahir"].to_pylist() == ["01/02/1990", "1985-05-06", None]
    assert t.dropped == ((10, "baris jumlah/total, dilewati"),)
    assert t.headers["nama"] == "Nama Lengkap" and t.headers["kode_desa"] == "Desa/Kel"
    assert t.table.schema.field(ROW_COL).type == pa.int64()
    assert all(t.table.schema.field(c).type == pa.string() for c in TUBAN_COLUMNS[1:])
    assert detect(t.file_name, [c for c in t.table.column_names if c != ROW_COL]).name == "pmks"


def test_cp1252_byte_far_below_the_head_is_still_read(tmp_path):
    # 6,000 ASCII rows (more than the part sniffed up front), then one name written by Windows Excel.
    lines = ["nik,nama,kode_desa"] + [f"35230112019{i:05d},Orang {i},35.23.01.2001" for i in range(6000)]
    lines.append("3523011201999999,Andé,35.23.01.2001")
    path = tmp_path / "besar.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    t = read_table(path)
    assert t.table.num_rows == 6001
    assert t.table["nama"][-1].as_py() == "Andé"
    assert t.table[ROW_COL][-1].as_py() == 6002


def test_empty_lines_and_trailing_blanks_keep_row_numbers(tmp_path):
    path = tmp_path / "penduduk.csv"
    path.write_bytes(
        b"kode_desa,tahun,penduduk\r\n\r\n35.23.01.2001,2023,100\r\n\r\n\r\n35.23.01.2002,2023,200\r\n\r\n\r\n"
    )
    t = read_table(path)
    assert t.table[ROW_COL].to_pylist() == [3, 6]
    assert t.table["penduduk"].to_pylist() == ["100", "200"]
    assert t.header_row == 1 and t.dropped == ()


@pytest.mark.parametrize("label", ["Jumlah Total", "Grand Total", "TOTAL", "Jumlah PMKS", "jumlah"])
def test_total_rows_are_dropped_and_reported_whatever_their_label(tmp_path, label):
    path = _write(
        tmp_path,
        "k.csv",
        ["Nama;NIK;Kode Desa", f"{label};;", "Ana;3523011201900011;35.23.01.2001", f";;{label}"],
    )
    t = read_table(path)
    assert t.table[ROW_COL].to_pylist() == [3]
    assert t.dropped == ((2, "baris jumlah/total, dilewati"), (4, "baris jumlah/total, dilewati"))


def test_a_row_that_names_a_person_is_never_a_total(tmp_path):
    path = _write(tmp_path, "k.csv", ["Nama;NIK;Kode Desa", "Jumlah;3523011201900011;35.23.01.2001"])
    t = read_table(path)
    assert t.table[ROW_COL].to_pylist() == [2] and t.dropped == ()


@pytest.mark.parametrize(
    "lines",
    [
        ["DATA PMKS", "nik;nama;kode_desa"],  # header only
        ["nik;nama;kode_desa", ";;", "", "  ;  ; "],  # only blank rows
        ["nik;nama;kode_desa", "JUMLAH;;"],  # only a total
    ],
)
def test_a_file_without_data_rows_is_refused(tmp_path, lines):
    path = _write(tmp_path, "kosong.csv", lines)
    with pytest.raises(UnreadableFile, match=r"kosong\.csv tidak berisi baris data"):
        read_table(path)


def test_two_headers_for_one_column_are_refused_naming_both(tmp_path):
    path = _write(tmp_path, "dobel.csv", ["NIK;Nama KPM;Nama Lengkap;Desa", "3523011201900011;Ana;Ana S;Jlodro"])
    with pytest.raises(
        UnreadableFile, match=r"dobel\.csv: kolom 'Nama KPM' dan 'Nama Lengkap' sama-sama dibaca sebagai nama"
    ):
        read_table(path)


def test_a_code_column_beside_a_name_column_keeps_the_code(tmp_path):
    path = _write(
        tmp_path,
        "kode_dan_nama.csv",
        [
            "NIK;Nama;Kode Desa;Nama Desa;Kode PMKS;Jenis PMKS;Keterangan Tambahan",
            "1;Ana;35.23.01.2001;Jlodro;09;Lansia;x",
        ],
    )
    t = read_table(path)
    assert t.table.column_names == [
        ROW_COL,
        "nik",
        "nama",
        "kode_desa",
        "nama_desa",
        "kode_pmks",
        "jenis_pmks",
        "keterangan_tambahan",
    ]
    assert t.table["kode_desa"].to_pylist() == ["35.23.01.2001"]
    assert t.headers["nama_desa"] == "Nama Desa"


def test_training_file_with_plain_nik_gets_a_clear_message():
    with pytest.raises(WrongKind, match="NIK PSM"):
        detect(
            "pelatihan.csv", ["nik", "jenis_pelatihan", "tanggal_mulai", "tanggal_selesai", "penyelenggara", "lulus"]
        )


@pytest.mark.parametrize(
    "header, canonical",
    [
        ("Kode Desa ", "kode_desa"),
        ("KODE_DESA", "kode_desa"),
        ("kd_desa", "kode_desa"),
        ("Desa/Kel", "kode_desa"),
        ("Kelurahan", "kode_desa"),
        ("Nama Desa", "kode_desa"),
        ("Kec", "nama_kecamatan"),
        ("Kab", "nama_kabupaten"),
        ("Nama KPM", "nama"),
        ("No. NIK", "nik"),
        ("Nomor Induk Kependudukan", "nik"),
        ("L/P", "jenis_kelamin"),
        ("Tgl. Lahir", "tanggal_lahir"),
        ("Jenis PPKS", "kode_pmks"),
        ("Tgl Pendataan", "tanggal_catat"),
        ("Keterangan Status", "status"),
        ("Status Aktif", "aktif"),
        ("NIK PSM", "nik_psm"),
        ("Nama Pelatihan", "jenis_pelatihan"),
        ("Keterangan Lulus", "lulus"),
        ("Jumlah Penduduk", "penduduk"),
        ("LK", "laki_laki"),
        ("PR", "perempuan"),
        ("Telepon", "no_hp"),
        ("No.", columns.DROP),
        ("No Urut", columns.DROP),
    ],
)
def test_synonym_table_maps_common_spellings(header, canonical):
    assert columns.canonical(header) == canonical


def test_synonym_table_names_only_known_columns_and_covers_every_kind():
    with columns.SYNONYM_FILE.open(encoding="utf-8") as f:
        targets = {row["kanonik"] for row in csv.DictReader(f)}
    kind_columns = {c for k in KINDS for c in (*k.required, *k.optional)}
    assert targets <= kind_columns | {"nama_kecamatan", "nama_kabupaten", columns.DROP}
    assert kind_columns <= targets


# ---- XLSX -------------------------------------------------------------------------------------------


def _text_cell(ws, row, col, value):
    """A cell holding text that looks like a formula, as Excel stores text typed after an apostrophe."""
    cell = ws.cell(row=row, column=col, value=value)
    cell.data_type = "s"


def _tuban_workbook(path):
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Petunjuk"
    guide.append(["Isi data mulai baris 5 pada lembar Data"])
    ws = wb.create_sheet("Data")
    ws.append(["DATA PMKS KABUPATEN TUBAN"])  # row 1
    ws.append(["Tahun 2023"])  # row 2
    ws.append(["No", "Nama Lengkap", "NIK", "JK", "Tgl Lahir", "Alamat", None, "Jenis PMKS", "Tgl Pendataan", "HP"])
    ws.append([None, None, None, None, None, "Kecamatan", "Desa", None, None, None])  # row 4: under 'Alamat'
    ws.merge_cells("F3:G3")
    for col in "ABCDEHIJ":
        ws.merge_cells(f"{col}3:{col}4")
    ws.append([1, "Ana", 3523011201900011, "P", dt.datetime(1990, 2, 1), "Kenduruan", "Sidorejo", "Anak", 44718, None])
    ws.append([2, "Budi", "3523011201900012", "L", dt.date(1985, 5, 6), "Kenduruan", "Jlodro", 9, 44718.0, None])
    ws.append([])  # row 7
    ws.append([3, "Cici", "3523011201900013", "P", None, "Bancar", "Bogorejo", "=SUM(A1:A2)", None, 6281234567890])
    for col, value in ((2, "=SUM(A1)"), (3, "+62812"), (4, "-"), (5, "@x")):  # row 9: formula-like text
        _text_cell(ws, 9, col, value)
    ws.append(["JUMLAH", None, None, None, None, None, None, 4])  # row 10
    wb.save(path)
    return path


def test_xlsx_with_title_rows_merged_header_and_total(tmp_path):
    t = read_table(_tuban_workbook(tmp_path / "kasus.xlsx"))

    assert t.header_row == 3
    assert t.table.column_names == [
        ROW_COL,
        "nama",
        "nik",
        "jenis_kelamin",
        "tanggal_lahir",
        "nama_kecamatan",
        "kode_desa",
        "kode_pmks",
        "tanggal_catat",
        "no_hp",
    ]
    assert t.headers["kode_desa"] == "Desa" and t.headers["nama_kecamatan"] == "Kecamatan"
    assert t.table[ROW_COL].to_pylist() == [5, 6, 8, 9]
    assert t.dropped == ((10, "baris jumlah/total, dilewati"),)
    # NIK typed as a number: Excel keeps 15 digits, so it reads as Excel shows it and can be quarantined.
    assert t.table["nik"].to_pylist() == ["3.52301E+15", "3523011201900012", "3523011201900013", "+62812"]
    assert t.table["tanggal_lahir"].to_pylist() == ["1990-02-01", "1985-05-06", None, "@x"]
    assert t.table["tanggal_catat"].to_pylist() == ["44718", "44718", None, None]
    assert t.table["kode_pmks"].to_pylist() == ["Anak", "9", None, None]  # a real formula without cached value
    assert t.table["nama"].to_pylist() == ["Ana", "Budi", "Cici", "=SUM(A1)"]
    assert t.table["jenis_kelamin"].to_pylist() == ["P", "L", "P", "-"]
    assert t.table["no_hp"].to_pylist() == [None, None, "6281234567890", None]


def test_xlsx_group_labels_above_the_header_are_skipped(tmp_path):
    path = tmp_path / "psm.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Identitas", None, None, "Penugasan", None])  # row 1: group labels
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:E1")
    ws.append(["NIK", "Nama", "Jenis Kelamin", "Kode Desa", "No SK"])  # row 2
    ws.append(["3523011201900011", "Ana", "P", "35.23.01.2001", "188/1/2022"])
    wb.save(path)
    t = read_table(path)
    assert t.header_row == 2
    assert t.table.column_names == [ROW_COL, "nik", "nama", "jenis_kelamin", "kode_desa", "no_sk"]
    assert t.table[ROW_COL].to_pylist() == [3]


def test_xlsx_with_only_a_header_is_refused(tmp_path):
    path = tmp_path / "kosong.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["NIK", "Nama", "Kode Desa"])
    wb.save(path)
    with pytest.raises(UnreadableFile, match=r"kosong\.xlsx tidak berisi baris data"):
        read_table(path)


def test_quoted_line_breaks_and_old_mac_line_ends(tmp_path):
    quoted = tmp_path / "alamat.csv"
    quoted.write_bytes(b'nik,nama,kode_desa\n1,"Ana\nSiti",35.23.01.2001\n2,Budi,35.23.01.2002\n')
    t = read_table(quoted)
    assert t.table["nama"].to_pylist() == ["Ana\nSiti", "Budi"]
    assert t.table[ROW_COL].to_pylist() == [2, 3]  # rows as Excel numbers them
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b"nik;nama;kode_desa\r1;Ana;35.23.01.2001\r2;Budi;35.23.01.2002\r")
    assert read_table(mac).table["nama"].to_pylist() == ["Ana", "Budi"]


@pytest.mark.parametrize(
    "body, message",
    [
        (
            b"1,Ana,35,lebih\n",
            r"rusak\.csv tidak dapat dibaca sebagai CSV pada baris 3: ada 4 kolom, padahal judulnya 3",
        ),
        (b'1,"Ana,35\n2,Budi,36\n', r"rusak\.csv tidak dapat dibaca sebagai CSV pada baris 3: tanda kutip"),
    ],
)
def test_broken_csv_rows_are_refused_with_their_line(tmp_path, body, message):
    path = tmp_path / "rusak.csv"
    path.write_bytes(b"nik,nama,kode_desa\n0,Ani,34\n" + body)
    with pytest.raises(UnreadableFile, match=message):
        read_table(path)
