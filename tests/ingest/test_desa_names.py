"""Desa written by name: sure matches get their code, unsure and ambiguous ones are kept with candidates,
confirmed choices are reused. The code list is the real national one (Kemendagri 2025), so the names and
codes below were looked up by hand in ../shared/geo/wilayah_kemendagri_2025.csv."""

import argparse

import duckdb
import pandas as pd
import pytest
from needs import SHARED_GEO, require

from petakesos import db, sql
from petakesos.cli import desa as cli_desa
from petakesos.ingest.desa_names import Candidate, NameResult, _best, candidates, confirm, resolve

# Kabupaten Tuban (35.23), looked up in the code list.
SUMBERAGUNG = "35.23.17.2007"  # Kec. Plumpang, the only Sumberagung of Tuban
KUTOREJO = "35.23.16.1013"  # Kelurahan, Kec. Tuban
KEDUNGSOKO = "35.23.17.2018"  # Kec. Plumpang
PRUNGGAHAN_KULON = "35.23.15.2003"  # Kec. Semanding
SUMBERJO_MERAKURAK, SUMBERJO_WIDANG = "35.23.13.2019", "35.23.19.2005"  # same name, two kecamatan
SUMBEREJO_RENGEL = "35.23.14.2017"
LATSARI_BANCAR, LATSARI_TUBAN = "35.23.04.2003", "35.23.16.1006"
KUTORENON = "35.08.15.2005"  # Kabupaten Lumajang, Kec. Sukodono
BENDO_KOTA_BLITAR, BENDO_KAB_BLITAR = "35.72.01.1006", "35.05.06.2011"


@pytest.fixture(scope="module")
def base():
    """An in-memory database with the project schema and the whole national code list in ref_wilayah."""
    code_list = require(SHARED_GEO / "wilayah_kemendagri_2025.csv", "Daftar kode wilayah")
    con = duckdb.connect()
    for name in sql.names("schema"):
        try:
            sql.execute(con, name)
        except duckdb.NotImplementedException:  # a DuckLake-only storage setting (sort order): not needed here
            continue
    codes = pd.read_csv(code_list, dtype=str).drop(columns=["kode_angka"])
    codes["tingkat"] = codes["tingkat"].astype(int)
    con.register("codes", codes)
    con.execute(
        "insert into ref_wilayah (kode, tingkat, jenis, nama, kode_prov, kode_kab, kode_kec, nama_prov, nama_kab,"
        " nama_kec) select kode, tingkat, jenis, nama, kode_prov, kode_kab, kode_kec, nama_prov, nama_kab, nama_kec"
        " from codes"
    )
    con.unregister("codes")
    yield con
    con.close()


@pytest.fixture()
def con(base):
    base.execute("delete from desa_alias")
    return base


def _raw(con, **columns):
    """Temp table raw_rows with the given text columns; data rows start at spreadsheet row 2."""
    n = len(next(iter(columns.values())))
    frame = pd.DataFrame({k: pd.Series(v, dtype="string") for k, v in columns.items()})
    frame["_baris"] = pd.Series(range(2, n + 2), dtype="int64")
    con.register("raw_frame", frame)
    con.execute("create or replace temp table raw_rows as select * from raw_frame")
    con.unregister("raw_frame")


def _codes(con):
    return [r[0] for r in con.execute("select kode_desa from raw_rows order by _baris").fetchall()]


def _unsure(con):
    return dict(con.execute("select _baris, alasan from desa_unsure order by _baris").fetchall())


def test_exact_and_written_variants_match_and_codes_are_left_alone(con):
    _raw(
        con,
        kode_desa=["Sumberagung", "KUTOREJO", "Ds. Kedungsoko", "Kel. Kutorejo", "35.23.01.2001", "3523012002", None],
        nik=["1"] * 7,
    )
    result = resolve(con, "35.23")
    assert result == NameResult(kabupaten="35.23", by_name=4, matched=4, unsure=0)
    assert _codes(con) == [SUMBERAGUNG, KUTOREJO, KEDUNGSOKO, KUTOREJO, "35.23.01.2001", "3523012002", None]
    assert _unsure(con) == {}


def test_spacing_and_prefix_variants_in_lumajang_with_a_four_digit_kabupaten(con):
    _raw(con, kode_desa=["Ds. Kutorenon", "Kuto Renon", "Desa KUTO-RENON", "kutorenon "])
    assert resolve(con, "3508") == NameResult("35.08", 4, 4, 0)
    assert _codes(con) == [KUTORENON] * 4


def test_a_misspelling_with_one_wrong_letter_in_a_long_name_is_sure(con):
    _raw(con, kode_desa=["Sumberagong", "Prungahan Kulon", "Kutoredjo"])  # 'dj' is the old spelling of 'j'
    assert resolve(con, "35.23") == NameResult("35.23", 3, 3, 0)
    assert _codes(con) == [SUMBERAGUNG, PRUNGGAHAN_KULON, KUTOREJO]


def test_an_unsure_name_is_left_as_written_and_quarantined_with_its_candidates(con):
    # 'Kuto Renon' is in Lumajang; in Tuban the nearest is Kutorejo, 2 edits in 9 letters (score 77).
    _raw(con, kode_desa=["Kuto Renon", "Sumberagung", "Kuto Renon"])
    assert resolve(con, "35.23") == NameResult("35.23", 3, 1, 2)
    assert _codes(con) == ["Kuto Renon", SUMBERAGUNG, "Kuto Renon"]
    expected = (
        "kolom kode_desa: nama desa 'Kuto Renon' tidak pasti di Kabupaten Tuban; kandidat: Kutorejo (Kec. Tuban,"
        " 35.23.16.1013, skor 77); pilih salah satu dengan `python -m petakesos desa konfirmasi --kabupaten 35.23"
        ' --desa "Kuto Renon" --kode KODE`'
    )
    assert _unsure(con) == {2: expected, 4: expected}


def test_a_misspelling_between_two_real_names_is_unsure(con):
    # 'Sumbrejo' is one edit from Sumberejo (Rengel) and one swap from Sumberjo (Merakurak, Widang).
    _raw(con, kode_desa=["Sumbrejo"])
    assert resolve(con, "35.23") == NameResult("35.23", 1, 0, 1)
    reason = _unsure(con)[2]
    assert "'Sumbrejo' tidak pasti di Kabupaten Tuban" in reason
    assert f"Sumberejo (Kec. Rengel, {SUMBEREJO_RENGEL}, skor 88)" in reason
    assert f"Sumberjo (Kec. Merakurak, {SUMBERJO_MERAKURAK}, skor 87)" in reason


def test_a_near_match_too_close_to_the_next_name_is_unsure():
    # Long made-up names: the query is 1 edit from `a` in 25 letters (score 96); `b` is 2 edits away (92), too
    # close (margin 5); `c` is 3 edits away (88), far enough.
    a, b, c = "sidomulyokidulwetanbarat", "sidomulyokidulwetanbarut", "sidomulyokidulwetanbxrut"
    assert _best(a + "t", [a, b])[0] is None
    assert _best(a + "t", [a, c])[0] == 0
    assert [s for s, _ in _best(a + "t", [a, b, c])[1]] == [96.0, 92.0, 88.0]


def test_the_kecamatan_column_tells_two_desa_of_the_same_name_apart(con):
    _raw(
        con,
        kode_desa=["Sumberjo", "Sumberjo", "Sumber Jo", "Sumberjo"],
        nama_kecamatan=["Widang", "Kec. Merakurak", "MERAKURAK", None],
    )
    assert resolve(con, "35.23") == NameResult("35.23", 4, 3, 1)
    assert _codes(con) == [SUMBERJO_WIDANG, SUMBERJO_MERAKURAK, SUMBERJO_MERAKURAK, "Sumberjo"]
    assert "ada di lebih dari satu kecamatan" in _unsure(con)[5]


def test_an_ambiguous_name_without_kecamatan_column_names_both_desa(con):
    _raw(con, kode_desa=["Latsari"])
    assert resolve(con, "35.23") == NameResult("35.23", 1, 0, 1)
    reason = _unsure(con)[2]
    assert reason.startswith("kolom kode_desa: nama desa 'Latsari' ada di lebih dari satu kecamatan di Kabupaten Tuban")
    assert f"Latsari (Kec. Bancar, {LATSARI_BANCAR}, skor 100)" in reason
    assert f"Latsari (Kec. Tuban, {LATSARI_TUBAN}, skor 100)" in reason
    assert "tambahkan kolom kecamatan" in reason


def test_kabupaten_detected_from_the_desa_names(con):
    # Prunggahan Kulon and Leran Wetan exist only in Tuban; the others elsewhere too.
    _raw(con, kode_desa=["Sumberagung", "Prunggahan Kulon", "Leran Wetan", "Kedungsoko", "Jadi", "Latsari"])
    result = resolve(con, None)
    assert result == NameResult("35.23", 6, 5, 1)
    assert _codes(con)[:5] == [SUMBERAGUNG, PRUNGGAHAN_KULON, "35.23.18.2014", KEDUNGSOKO, "35.23.15.2001"]


@pytest.mark.parametrize(
    "written, kode_kab, kode",
    [("Kota Blitar", "35.72", BENDO_KOTA_BLITAR), ("Kab. Blitar", "35.05", BENDO_KAB_BLITAR)],
)
def test_kabupaten_detected_from_the_nama_kabupaten_column(con, written, kode_kab, kode):
    _raw(con, kode_desa=["Kel. Bendo", "Bendo"], nama_kabupaten=[written, written])
    assert resolve(con, None) == NameResult(kode_kab, 2, 2, 0)
    assert _codes(con) == [kode, kode]


def test_kabupaten_column_written_in_full(con):
    _raw(con, kode_desa=["Sidomulyo"], nama_kabupaten=["KABUPATEN LUMAJANG"])  # Sidomulyo: 113 kabupaten
    assert resolve(con, None) == NameResult("35.08", 1, 1, 0)
    assert _codes(con) == ["35.08.02.2001"]


def test_no_kabupaten_makes_every_name_unsure_and_says_to_give_it(con):
    _raw(con, kode_desa=["Sidomulyo", "35.23.01.2001"])
    assert resolve(con, None) == NameResult(None, 1, 0, 1)
    assert "--kabupaten" in _unsure(con)[2] and "tidak dapat dikenali" in _unsure(con)[2]
    _raw(con, kode_desa=["Sumberagung"])
    assert resolve(con, "35.99") == NameResult(None, 1, 0, 1)
    assert "kode kabupaten/kota '35.99' tidak ada dalam daftar Kemendagri" in _unsure(con)[2]


def test_a_confirmed_choice_is_used_on_the_next_import(con):
    _raw(con, kode_desa=["Latsari", "Sumberjo"], nama_kecamatan=[None, "Plumpang"])
    assert resolve(con, "35.23").unsure == 2
    confirm(con, "35.23", None, "Latsari", LATSARI_TUBAN)
    confirm(con, "3523", "Kec. Plumpang", "Sumber jo", "3523192005")  # the file's kecamatan is wrong: Widang
    _raw(con, kode_desa=["Latsari", "LATSARI ", "Sumberjo", "Sumberjo"], nama_kecamatan=[None, None, "Plumpang", ""])
    assert resolve(con, "35.23") == NameResult("35.23", 4, 3, 1)
    assert _codes(con) == [LATSARI_TUBAN, LATSARI_TUBAN, SUMBERJO_WIDANG, "Sumberjo"]
    confirm(con, "35.23", None, "Latsari", LATSARI_BANCAR)  # changed one's mind: the latest choice wins
    _raw(con, kode_desa=["Latsari"])
    resolve(con, "35.23")
    assert _codes(con) == [LATSARI_BANCAR]


def test_confirm_refuses_a_code_outside_the_kabupaten(con):
    with pytest.raises(ValueError, match=r"Kode '35.08.15.2005' bukan kode desa/kelurahan di Kabupaten Tuban"):
        confirm(con, "35.23", None, "Kutorenon", KUTORENON)
    with pytest.raises(ValueError, match="bukan kode desa/kelurahan"):
        confirm(con, "35.23", None, "Tuban", "35.23.16")  # a kecamatan
    with pytest.raises(ValueError, match="tidak ada dalam daftar Kemendagri"):
        confirm(con, "35.99", None, "Kutorenon", KUTORENON)
    assert con.execute("select count(*) from desa_alias").fetchone()[0] == 0


def test_candidates_put_the_named_kecamatan_first(con):
    assert candidates(con, "35.23", "Widang", "Sumberjo", limit=3) == [
        Candidate(SUMBERJO_WIDANG, "Sumberjo", "Widang", 100),
        Candidate(SUMBERJO_MERAKURAK, "Sumberjo", "Merakurak", 100),
        Candidate(SUMBEREJO_RENGEL, "Sumberejo", "Rengel", 88),
    ]
    assert candidates(con, "35.23", None, "Kuto Renon") == [Candidate(KUTOREJO, "Kutorejo", "Tuban", 77)]


def test_desa_unsure_exists_and_is_empty_without_names_or_without_a_desa_column(con):
    con.execute("create or replace temp table desa_unsure as select 1 as stale")
    _raw(con, nik=["1", "2"])
    assert resolve(con, None) == NameResult(None, 0, 0, 0)
    assert con.execute("select _baris, alasan from desa_unsure").fetchall() == []


def test_cli_cari_and_konfirmasi(tmp_path, base, capsys):
    path = tmp_path / "cli_store"
    store = db.connect(path)  # the project schema
    store.register(
        "ref_base", base.execute("select * from ref_wilayah where kode_kab = '35.23' or tingkat <= 2").arrow()
    )
    store.execute("insert into ref_wilayah select * from ref_base")
    store.close()
    parser = argparse.ArgumentParser()
    cli_desa.add_parser(parser.add_subparsers(dest="command"))

    def run(*argv):
        args = parser.parse_args(["desa", *argv, "--kabupaten", "35.23", "--db", str(path)])
        return args.func(args)

    assert run("cari", "--desa", "Latsari", "--jumlah", "2") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{LATSARI_BANCAR}  Latsari (Kec. Bancar)  skor 100",
        f"{LATSARI_TUBAN}  Latsari (Kec. Tuban)  skor 100",
    ]
    assert run("konfirmasi", "--desa", "Kutorenon", "--kode", KUTORENON) == 2
    assert "bukan kode desa/kelurahan di Kabupaten Tuban" in capsys.readouterr().err
    assert run("konfirmasi", "--desa", "Latsari", "--kode", LATSARI_TUBAN) == 0
    assert "Impor ulang" in capsys.readouterr().out
    with db.connect(path, read_only=True) as c:
        assert c.execute("select kode_kab, kecamatan, desa, kode from desa_alias").fetchall() == [
            ("35.23", "", "latsari", LATSARI_TUBAN)
        ]
