"""The PMKS case registers of the corpus that are workbooks: title rows and totals, date cells, numbers where
text belongs (serial dates, codes, NIK), merged two-row headers. Builders return (bytes, data rows written)."""

from __future__ import annotations

import datetime as dt

from tests.ingest.corpus.pmks_files import dmy, own, place
from tests.ingest.corpus.rows import DESA, Kasus, kasus, with_
from tests.ingest.corpus.writers import cols, sheet_rows, xlsx_bytes

EXCEL_EPOCH = dt.date(1899, 12, 30)


def serial(d: dt.date | None) -> int | None:
    """Excel's day number of a date (1900 date system)."""
    return None if d is None else (d - EXCEL_EPOCH).days


assert serial(dt.date(2022, 6, 6)) == 44718  # as Excel shows 06/06/2022 formatted as General


def title_and_total() -> tuple[bytes, int]:
    """Title rows above the header (row 4), a blank row and a JUMLAH row below the data."""
    rows = kasus(seed=102, n=9, serial_base=200, kec="01")
    header = cols(
        "No|NIK|Nama|Jenis Kelamin|Tanggal Lahir|Kode PMKS|Kode Desa|Tanggal Pendataan|Status|Tanggal Selesai|Sumber"
    )
    body = [[None, *own(k)] for k in rows]
    bad = with_(rows[1], nik="3523012302800201", nama="Lahir Mustahil")
    bad_row = [None, *own(bad)]
    bad_row[4] = "1980-02-31"
    body = place(body, {9: bad_row}, first_row=5)

    def fill(ws):
        ws["A1"] = "DATA PENYANDANG MASALAH KESEJAHTERAAN SOSIAL (PMKS)"
        ws["A2"] = "KECAMATAN KENDURUAN KABUPATEN TUBAN"
        for i, row in enumerate(body):
            row[0] = i + 1
        for c, h in enumerate(header, start=1):
            ws.cell(row=4, column=c, value=h)
        nxt = sheet_rows(ws, 5, body)  # rows 5..14
        ws.cell(row=nxt + 1, column=1, value="JUMLAH")  # row 15 stays blank
        ws.cell(row=nxt + 1, column=11, value=f"{len(body)} jiwa")

    return xlsx_bytes(fill), len(body)


def excel_dates() -> tuple[bytes, int]:
    """XLSX with real date cells (shown dd/mm/yyyy) for birth, recording and closing dates."""
    rows = kasus(seed=106, n=8, serial_base=600)
    header = ["NIK", "Nama", "L/P", "Tgl Lahir", "Kode PMKS", "Kode Desa", "Tgl Pendataan", "Status", "Tgl Selesai"]

    def fill(ws):
        ws.append(header)
        for r, k in enumerate(rows, start=2):
            values = [
                k.nik,
                k.nama,
                k.jenis_kelamin,
                k.tanggal_lahir,
                k.kode_pmks,
                k.kode_desa,
                k.tanggal_catat,
                k.status,
                k.tanggal_selesai,
            ]
            for c, v in enumerate(values, start=1):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, dt.date):
                    cell.number_format = "DD/MM/YYYY"

    return xlsx_bytes(fill), len(rows)


def serial_numbers() -> tuple[bytes, int]:
    """XLSX where dates were pasted as numbers (44718), desa codes and category codes are numbers too."""
    rows = kasus(seed=107, n=8, serial_base=700)
    header = ["NIK", "Nama", "L/P", "Tgl Lahir", "Kode PMKS", "Kode Desa", "Tgl Pendataan", "Status", "Tgl Selesai"]

    def fill(ws):
        ws.append(header)
        for k in rows:
            ws.append(
                [
                    k.nik,
                    k.nama,
                    k.jenis_kelamin,
                    serial(k.tanggal_lahir),
                    int(k.kode_pmks),
                    int(k.kode_desa.replace(".", "")),
                    serial(k.tanggal_catat),
                    k.status,
                    serial(k.tanggal_selesai),
                ]
            )

    return xlsx_bytes(fill), len(rows)


def merged_header() -> tuple[bytes, int]:
    """A two-row header with merged cells: 'Alamat' over 'Kecamatan' and 'Desa' (names, not codes)."""
    picks = [("01", "2008"), ("02", "2013"), ("01", "2001"), ("02", "2015"), ("02", "2007"), ("01", "2004")]
    base = kasus(seed=108, n=len(picks), serial_base=800)
    rows = [
        with_(k, kode_desa=f"35.23.{kec}.{desa}", status="ditangani" if k.status == "selesai" else k.status)
        for k, (kec, desa) in zip(base, picks)
    ]
    kec_name = {"01": "Kenduruan", "02": "Jatirogo"}

    def line(k: Kasus, sex: str) -> list:
        kec, desa = k.kode_desa.split(".")[2:]
        return [
            None,
            k.nik,
            k.nama,
            sex,
            dmy(k.tanggal_lahir, "-"),
            k.kode_pmks,
            kec_name[kec],
            DESA[kec][desa],
            dmy(k.tanggal_catat, "-"),
            k.status,
        ]

    body = [line(k, k.jenis_kelamin) for k in rows]
    body[2] = line(rows[2], "X")  # row 5: sex neither L nor P

    def fill(ws):
        for col, h in zip(
            "ABCDEFIJ", ("No", "NIK", "Nama Lengkap", "L/P", "Tgl Lahir", "Kode PMKS", "Tgl Pendataan", "Status")
        ):
            ws[f"{col}1"] = h
            ws.merge_cells(f"{col}1:{col}2")
        ws["G1"] = "Alamat"
        ws.merge_cells("G1:H1")
        ws["G2"], ws["H2"] = "Kecamatan", "Desa"
        for i, row in enumerate(body):
            row[0] = i + 1
        sheet_rows(ws, 3, body)

    return xlsx_bytes(fill), len(body)


def excel_number_nik() -> tuple[bytes, int]:
    """NIK typed as numbers in Excel: 16 digits become 3.52301E+15 (rows 2-5), a 15-digit one (row 6)."""
    rows = kasus(seed=111, n=9, serial_base=1100)
    header = ["NIK", "Nama", "JK", "Tgl Lahir", "Kode PMKS", "Kode Desa", "Tgl Catat", "Status", "Tgl Selesai"]

    def fill(ws):
        ws.append(header)
        for i, k in enumerate(rows):
            nik: object = k.nik
            if i < 4:
                nik = float(f"{int(k.nik):.15g}")  # what Excel keeps of a 16-digit number: 15 significant digits
            elif i == 4:
                nik = int(k.nik[:15])  # the last digit lost
            ws.append([nik, *own(k)[1:9]])

    return xlsx_bytes(fill), len(rows)
