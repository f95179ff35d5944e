"""validate(): the contract the importer relies on — valid_rows typed with hashes computed in SQL, one reject row
per bad input row with every reason, every row accounted for — on tiny hand-made raw tables."""

import datetime as dt
import hashlib
import hmac

import duckdb
import pandas as pd
import pytest

from petakesos import sql
from petakesos.config import REPO_ROOT
from petakesos.ingest import nik
from petakesos.ingest.kinds import PELATIHAN, PENDUDUK, PMKS, PSM
from petakesos.ingest.validate import Validated, validate

KEY = b"kunci-uji-bukan-rahasia"
TODAY = dt.date(2026, 11, 15)
DESA = ("35.23.01.2001", "35.23.01.2002", "35.23.01.2003")
NIK_A = "3523010101500001"
CASE = {  # one good PMKS row; tests change one or two cells
    "nik": NIK_A,
    "nama": "Kasus A",
    "jenis_kelamin": "L",
    "tanggal_lahir": "1950-01-01",
    "kode_pmks": "24",
    "kode_desa": "35.23.01.2001",
    "tanggal_catat": "2022-06-01",
    "status": "aktif",
    "tanggal_selesai": None,
    "sumber": "SIKS-NG",
}


@pytest.fixture(scope="module")
def base():
    """In-memory database with the project schema, three desa of Kec. Kenduruan (and the kecamatan itself) and
    the PMKS category table of data/pmks_categories.csv."""
    con = duckdb.connect()
    sql.execute(con, "schema/001_tables")
    wilayah = pd.DataFrame(
        {
            "kode": ["35.23.01", *DESA],
            "tingkat": [3, 4, 4, 4],
            "jenis": ["Kecamatan", "Desa", "Desa", "Desa"],
            "nama": ["Kenduruan", "Sidorejo", "Jamprong", "Tlogoagung"],
        }
    )
    con.register("wilayah_frame", wilayah)
    con.execute("insert into ref_wilayah by name select * from wilayah_frame")
    sql.execute(con, "staging/load_ref_pmks_kategori", csv=str(REPO_ROOT / "data" / "pmks_categories.csv"))
    yield con
    con.close()


def run(con, kind, rows, unsure=(), key=KEY):
    """Put `rows` (dicts of text, first data row = spreadsheet row 2) in raw_rows, `unsure` ((row, reason), ...) in
    desa_unsure, validate, and return (Validated, valid_rows by _baris, rejects by _baris)."""
    frame = pd.DataFrame(rows).astype("string")
    frame["_baris"] = pd.Series(range(2, len(rows) + 2), dtype="int64")
    con.register("raw_frame", frame)
    con.execute("create or replace temp table raw_rows as select * from raw_frame")
    unsure_frame = pd.DataFrame(list(unsure), columns=["_baris", "alasan"]).astype({"_baris": "int64", "alasan": "str"})
    con.register("unsure_frame", unsure_frame)
    con.execute("create or replace temp table desa_unsure as select * from unsure_frame")
    result = validate(con, kind, key, TODAY)
    valid = con.execute("select * from valid_rows order by _baris").df()
    rejects = con.execute("select * from rejects order by _baris").df()
    return result, valid, rejects


def reasons(rejects) -> dict:
    """{row: (kolom, alasan)} of a rejects frame."""
    return {int(b): (k, a) for b, k, a in zip(rejects["_baris"], rejects["kolom"], rejects["alasan"])}


def test_rows_are_split_into_valid_rows_and_one_reject_row_each(base):
    rows = [
        CASE,
        dict(CASE, nik="35230101015000"),
        dict(CASE, kode_desa="35.99.01.2001"),
        dict(CASE, kode_pmks="27"),
        dict(CASE, tanggal_catat="2022-02-30"),
        dict(CASE, status="selesai"),
        dict(CASE, nik="123", tanggal_catat="2022-02-30", nama=None),
        CASE,  # the same case again: validation keeps it, the importer counts it as a duplicate
    ]
    result, valid, rejects = run(base, PMKS, rows)
    assert result == Validated(n_good=2, n_rejected=6)
    assert list(valid["_baris"]) == [2, 9]
    assert reasons(rejects) == {
        3: ("nik", "kolom nik: NIK harus 16 digit angka"),
        4: ("kode_desa", "kolom kode_desa: kode desa tidak ada dalam daftar Kemendagri 2025: '35.99.01.2001'"),
        5: (
            "kode_pmks",
            "kolom kode_pmks: kode PMKS tidak ada dalam daftar kategori permensos-8-2012: '27' "
            "(tulis kode atau nama kategori dari data/pmks_categories.csv)",
        ),
        6: ("tanggal_catat", "kolom tanggal_catat: bukan tanggal yang sah (tulis YYYY-MM-DD): '2022-02-30'"),
        7: ("tanggal_selesai", "kolom tanggal_selesai: wajib diisi bila status selesai"),
        8: (
            "nama, nik, tanggal_catat",
            "kolom nama: wajib diisi; kolom nik: NIK harus 16 digit angka; "
            "kolom tanggal_catat: bukan tanggal yang sah (tulis YYYY-MM-DD): '2022-02-30'",
        ),
    }
    assert list(rejects.columns) == ["_baris", "kolom", "alasan"]


V, D, B = "VARCHAR", "DATE", "BOOLEAN"


@pytest.mark.parametrize(
    "kind, types",  # the types of queries/schema/001_tables.sql, column by column of kind.store_columns
    [
        (PMKS, [V, V, V, D, V, V, V, D, V, D, V]),
        (PSM, [V, V, V, D, V, V, V, D, B, D]),
        (PELATIHAN, [V, V, D, D, V, B, V]),
        (PENDUDUK, [V, "INTEGER", "BIGINT", "BIGINT", "BIGINT"]),
    ],
)
def test_valid_rows_have_exactly_the_store_columns_typed_as_the_schema(base, kind, types):
    run(base, kind, [{c: None for c in kind.required}])
    described = base.execute("describe valid_rows").df()
    assert list(described["column_name"]) == ["row_key", "content_hash", *kind.store_columns, "_baris"]
    assert list(described["column_type"]) == [V, V, *types, "BIGINT"]
    reject_types = base.execute("describe rejects").df()
    assert list(reject_types["column_type"]) == ["BIGINT", V, V]


def test_nik_hash_is_the_keyed_hmac_computed_in_sql(base):
    long_key = b"k" * 100  # longer than the SHA-256 block: RFC 2104 hashes it first
    for key in (KEY, long_key, b""):
        _, valid, _ = run(base, PMKS, [CASE], key=key)
        expected = hmac.new(key, NIK_A.encode(), hashlib.sha256).hexdigest()
        assert valid["nik_hash"].iloc[0] == expected == nik.hash_one(key, NIK_A)
    assert NIK_A not in valid.to_csv()


def test_row_key_and_content_hash_are_sha256_of_the_joined_text(base):
    _, valid, _ = run(base, PMKS, [CASE])
    h = nik.hash_one(KEY, NIK_A)
    row = valid.iloc[0]
    assert row["row_key"] == hashlib.sha256(f"{h}|permensos-8-2012|24|35.23.01.2001|2022-06-01".encode()).hexdigest()
    text = f"{h}|Kasus A|L|1950-01-01|permensos-8-2012|24|35.23.01.2001|2022-06-01|aktif||SIKS-NG"
    assert row["content_hash"] == hashlib.sha256(text.encode()).hexdigest()


def test_psm_booleans_hash_as_earlier_imports_did(base):
    psm = {
        "nik": NIK_A,
        "nama": "PSM Satu",
        "jenis_kelamin": "P",
        "tanggal_lahir": "1980-05-05",
        "kode_desa": "3523012002",
        "no_sk": "SK/1/2021",
        "tanggal_sk": "2021-05-01",
        "aktif": "Ya",
    }
    _, valid, _ = run(base, PSM, [psm])
    h = nik.hash_one(KEY, NIK_A)
    row = valid.iloc[0]
    assert row["row_key"] == hashlib.sha256(h.encode()).hexdigest()
    text = f"{h}|PSM Satu|P|1980-05-05|35.23.01.2002||SK/1/2021|2021-05-01|True|"
    assert row["content_hash"] == hashlib.sha256(text.encode()).hexdigest()
    assert bool(row["aktif"]) is True and row["kode_desa"] == "35.23.01.2002"


def test_desa_unsure_gives_its_reason_instead_of_the_generic_one(base):
    rows = [dict(CASE, kode_desa="Kutorenon"), dict(CASE, kode_desa="Desa Antah")]
    unsure = [(2, "nama desa 'Kutorenon' tidak pasti; kandidat: Kuto Renon (35.08.15.2005)")]
    _, _, rejects = run(base, PMKS, rows, unsure=unsure)
    assert reasons(rejects) == {
        2: ("kode_desa", "kolom kode_desa: nama desa 'Kutorenon' tidak pasti; kandidat: Kuto Renon (35.08.15.2005)"),
        3: ("kode_desa", "kolom kode_desa: kode desa tidak ada dalam daftar Kemendagri 2025: 'Desa Antah'"),
    }


def test_optional_columns_may_be_absent_and_desa_unsure_too(base):
    row = {k: v for k, v in CASE.items() if k not in ("tanggal_selesai", "sumber")}
    _, valid, rejects = run(base, PMKS, [row])
    base.execute("drop table desa_unsure")  # a file whose desa were all codes: no desa_unsure at all
    base.execute("create or replace temp table raw_rows as select * from raw_frame")
    assert validate(base, PMKS, KEY, TODAY) == Validated(n_good=1, n_rejected=0)
    assert rejects.empty
    assert valid["versi_daftar"].iloc[0] == "permensos-8-2012"
    assert valid["sumber"].isna().all() and valid["tanggal_selesai"].isna().all()


def test_pmks_date_rules(base):
    rows = [
        dict(CASE, tanggal_lahir="2027-01-01", tanggal_catat="2027-02-01"),
        dict(CASE, tanggal_lahir="1899-12-31"),
        dict(CASE, tanggal_catat="1999-12-31"),
        dict(CASE, tanggal_lahir="2010-01-01", tanggal_catat="2009-12-31"),
        dict(CASE, status="Tuntas", tanggal_selesai="2022-05-31"),
        dict(CASE, status="selesai", tanggal_selesai="2026-11-16"),
        dict(CASE, status="selesai", tanggal_selesai="2026-11-15"),
    ]
    _, valid, rejects = run(base, PMKS, rows)
    assert reasons(rejects) == {
        2: (
            "tanggal_catat, tanggal_lahir",
            "kolom tanggal_catat: tanggal catat di masa depan; kolom tanggal_lahir: tanggal lahir di masa depan",
        ),
        3: ("tanggal_lahir", "kolom tanggal_lahir: tanggal lahir sebelum 1900"),
        4: ("tanggal_catat", "kolom tanggal_catat: tanggal catat sebelum tahun 2000"),
        5: ("tanggal_catat", "kolom tanggal_catat: tanggal catat sebelum tanggal lahir"),
        6: ("tanggal_selesai", "kolom tanggal_selesai: tanggal selesai sebelum tanggal catat"),
        7: ("tanggal_selesai", "kolom tanggal_selesai: tanggal selesai di masa depan"),
    }
    assert list(valid["_baris"]) == [8]
    assert valid["tanggal_selesai"].iloc[0] == pd.Timestamp("2026-11-15")


def test_psm_rules(base):
    psm = {
        "nik": NIK_A,
        "nama": "PSM",
        "jenis_kelamin": "Perempuan",
        "tanggal_lahir": "2005-03-01",
        "kode_desa": "35.23.01.2001",
        "no_sk": "SK/2",
        "tanggal_sk": "2022-06-01",
        "aktif": "T",
        "tanggal_nonaktif": None,
        "kode_desa_ktp": None,
    }
    rows = [
        psm,  # 17 at the SK date: a register fact, imported
        dict(psm, nik="3523010101500002", tanggal_sk="2004-01-01"),
        dict(psm, nik="3523010101500003", tanggal_nonaktif="2022-05-31", aktif="Tidak Aktif"),
        dict(psm, nik="3523010101500004", kode_desa_ktp="35.23.01.9999", aktif="Mungkin"),
        dict(psm, nik="3523010101500005", no_sk=None, kode_desa_ktp="3523012003", aktif="aktif"),
    ]
    _, valid, rejects = run(base, PSM, rows)
    assert reasons(rejects) == {
        3: ("tanggal_sk", "kolom tanggal_sk: tanggal SK sebelum tanggal lahir"),
        4: ("tanggal_nonaktif", "kolom tanggal_nonaktif: tanggal nonaktif sebelum tanggal SK"),
        5: (
            "aktif, kode_desa_ktp",
            "kolom aktif: harus Y atau T (atau Ya/Tidak, Aktif/Tidak Aktif): 'Mungkin'; "
            "kolom kode_desa_ktp: kode desa tidak ada dalam daftar Kemendagri 2025: '35.23.01.9999'",
        ),
        6: ("no_sk", "kolom no_sk: wajib diisi"),
    }
    assert list(valid["_baris"]) == [2]
    assert valid["aktif"].tolist() == [False] and valid["jenis_kelamin"].tolist() == ["P"]


def test_pelatihan_rules(base):
    training = {
        "nik_psm": NIK_A,
        "jenis_pelatihan": " Bimtek   Dasar ",
        "tanggal_mulai": "07/06/2022",
        "tanggal_selesai": "9 Juni 2022",
        "penyelenggara": "Dinas Sosial Kabupaten Tuban",
        "lulus": "Lulus",
        "no_sertifikat": None,
    }
    rows = [
        training,
        dict(training, tanggal_selesai="2022-06-06"),
        dict(training, lulus="Tidak Lulus", penyelenggara=None),
    ]
    _, valid, rejects = run(base, PELATIHAN, rows)
    assert reasons(rejects) == {
        3: ("tanggal_selesai", "kolom tanggal_selesai: tanggal selesai sebelum tanggal mulai"),
        4: ("penyelenggara", "kolom penyelenggara: wajib diisi"),
    }
    row = valid.iloc[0]
    assert row["jenis_pelatihan"] == "Bimtek Dasar"
    assert (row["tanggal_mulai"], row["tanggal_selesai"]) == (pd.Timestamp("2022-06-07"), pd.Timestamp("2022-06-09"))
    assert bool(row["lulus"]) is True


def test_penduduk_rules(base):
    good = {"kode_desa": "3523012001", "tahun": "2023", "penduduk": "1010", "laki_laki": "500", "perempuan": "510"}
    rows = [
        good,
        dict(good, tahun="2023.0", penduduk="3500.0", laki_laki=None, perempuan=None),
        dict(good, penduduk="1.234", laki_laki=None, perempuan=None),
        dict(good, tahun="1999"),
        dict(good, penduduk="-5", laki_laki=None, perempuan=None),
        dict(good, perempuan="511"),
        dict(good, laki_laki="lima ratus"),
    ]
    _, valid, rejects = run(base, PENDUDUK, rows)
    assert reasons(rejects) == {
        4: ("penduduk", "kolom penduduk: harus bilangan bulat tanpa pemisah ribuan: '1.234'"),
        5: ("tahun", "kolom tahun: tahun harus 2000 sampai 2100"),
        6: ("penduduk", "kolom penduduk: jumlah tidak boleh negatif"),
        7: ("penduduk", "kolom penduduk: laki_laki + perempuan tidak sama dengan penduduk"),
        8: ("laki_laki", "kolom laki_laki: harus bilangan bulat: 'lima ratus'"),
    }
    assert valid[["kode_desa", "tahun", "penduduk"]].values.tolist() == [
        ["35.23.01.2001", 2023, 1010],
        ["35.23.01.2001", 2023, 3500],
    ]


def test_a_second_file_replaces_the_outputs_of_the_first(base):
    run(base, PMKS, [CASE, dict(CASE, nik="1")])
    result, valid, rejects = run(base, PENDUDUK, [{"kode_desa": DESA[1], "tahun": "2024", "penduduk": "7"}])
    assert result == Validated(n_good=1, n_rejected=0)
    assert rejects.empty and "nik_hash" not in valid.columns


def test_no_rows_and_columns_with_no_text_at_all(base):
    base.execute("create or replace temp table raw_rows as select * from raw_frame where false")
    assert validate(base, PMKS, KEY, TODAY) == Validated(n_good=0, n_rejected=0)
    run(base, PMKS, [CASE, dict(CASE, nama=None)])
    # An all-empty column can reach DuckDB without a text type (pyarrow's null type becomes INTEGER).
    base.execute("create or replace temp table raw_rows as select * replace (null as sumber) from raw_frame")
    assert base.execute("select typeof(sumber) from raw_rows limit 1").fetchone()[0] != "VARCHAR"
    assert validate(base, PMKS, KEY, TODAY) == Validated(n_good=1, n_rejected=1)
    assert reasons(base.execute("select * from rejects").df()) == {3: ("nama", "kolom nama: wajib diisi")}
