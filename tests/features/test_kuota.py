"""The planner's side of petakesos.features.cakupan: units for allocate, the tables and the Excel workbook."""

import datetime as dt
import io
from types import SimpleNamespace

import pandas as pd
import pytest

from petakesos import sql
from petakesos.allocate.engine import (
    METHODS,
    AllocationError,
    AllocationParams,
    allocate,
    summarize,
)
from petakesos.features import kuota
from petakesos.features.kuota import view

KENDURUAN = "35.23.01"


@pytest.fixture()
def units(con):
    # 2022: PSM Satu and Dua in Jlodro (2001, 3 cases); Sokogunung (2002) has 1 case and no PSM.
    return kuota.units(sql.run(con, "app/psm_kasus_by_desa", wilayah=KENDURUAN, tahun=2022))


def _plan(units, **kw):
    params = AllocationParams(**({"slots": 3, "method": "satu_per_desa"} | kw))
    result = allocate(units, params)
    return params, result, summarize(result)


def _sheet(units, params, result, summary, demo=True, suppress=False):
    info = kuota.parameters(
        nama="Kecamatan Kenduruan, Kabupaten Tuban",
        kode=KENDURUAN,
        tahun=2022,
        params=params,
        names=dict(zip(units["kode_desa"], units["nama_desa"])),
        kec_names={KENDURUAN: "Kenduruan"},
        demo=demo,
        generated="2025-06-26 10:00",
        suppress=suppress,
    )
    return pd.read_excel(io.BytesIO(kuota.workbook(result, summary, info, suppress)), sheet_name=None)


def test_units_have_the_allocate_columns(units):
    assert list(units.columns) == ["kode_desa", "nama_desa", "kode_kec", "nama_kec", "penduduk", "kasus", "psm"]
    assert units["psm"].tolist() == [2, 0, 0, 0, 0, 0, 0, 0, 0]
    assert kuota.has_population(units)
    assert not kuota.has_population(units.assign(penduduk=pd.NA))


def test_first_slot_goes_to_the_desa_without_psm_with_cases(units):
    # 2002 is the only desa without PSM that has cases (1); the other two go to 0-case desa by code.
    _, result, summary = _plan(units)
    got = result.set_index("kode_desa")["slot_baru"]
    assert got["35.23.01.2002"] == 1 and got.sum() == 3
    assert got["35.23.01.2003"] == 1 and got["35.23.01.2004"] == 1
    assert summary["before"]["desa_covered"] == 1 and summary["after"]["desa_covered"] == 4
    assert summary["before"]["unserved_cases"] == 1 and summary["after"]["unserved_cases"] == 0


@pytest.mark.parametrize("method", METHODS)
def test_workbook_adds_up_for_every_method(units, method):
    params, result, summary = _plan(units, method=method)
    book = _sheet(units, params, result, summary)
    assert list(book) == ["Parameter", "Alokasi", "Ringkasan kecamatan", "Sebelum-sesudah"]
    alloc = book["Alokasi"]
    assert list(alloc.columns) == list(kuota.ALLOC_LABELS.values())
    assert len(alloc) == 9 and alloc["Slot baru"].sum() == 3
    assert (alloc["PSM sesudah"] == alloc["PSM sebelum"] + alloc["Slot baru"]).all()
    assert alloc["Kode desa"].astype(str).str.count(r"\.").eq(3).all()  # codes stay text
    assert alloc["Alasan"].str.len().gt(10).all()
    kec = book["Ringkasan kecamatan"]
    assert kec["Slot baru"].sum() == 3 and kec["PSM sebelum"].sum() == 2 and kec["PSM sesudah"].sum() == 5
    before_after = book["Sebelum-sesudah"].set_index("Ukuran")
    assert before_after.loc["Desa dengan PSM", "Sebelum"] == 1


def test_parameter_sheet_says_what_was_asked(units):
    params, result, summary = _plan(
        units, max_per_desa=1, exclude=frozenset({"35.23.01.2004"}), method="webster_kecamatan"
    )
    p = _sheet(units, params, result, summary)["Parameter"].set_index("parameter")["nilai"]
    assert p["Wilayah"].startswith("Kecamatan Kenduruan") and p["Kode wilayah"] == KENDURUAN
    assert str(p["Tahun data"]) == "2022" and str(p["Jumlah slot PSM baru"]) == "3"
    assert "webster_kecamatan" in p["Metode"] and "kasus" in p["Ukuran kebutuhan"]
    assert str(p["Batas slot baru per desa"]) == "1"
    assert p["Desa dikecualikan"] == "Tawaran (35.23.01.2004)"
    assert p["Catatan data"].startswith("Data contoh (sintetis)")
    assert "Tanggal dibuat" in p.index
    real = _sheet(units, params, result, summary, demo=False)["Parameter"]
    assert "Catatan data" not in set(real["parameter"])


def test_suppressed_workbook_hides_small_case_counts_only(units):
    params, result, summary = _plan(units)
    alloc = _sheet(units, params, result, summary, suppress=True)["Alokasi"].set_index("Kode desa")
    assert alloc.loc["35.23.01.2001", "Kasus PMKS"] == "<5"
    assert alloc.loc["35.23.01.2001", "Beban kasus sebelum"] == "<5"
    assert alloc["Slot baru"].sum() == 3  # PSM and slots stay numbers


def test_screen_table_puts_the_reason_next_to_the_desa(units):
    _, result, _ = _plan(units)
    shown = kuota.allocation_table(result, suppress=False, screen=True, only_slots=True)
    assert list(shown.columns) == [
        "Desa/Kelurahan",
        "Kecamatan",
        "Slot baru",
        "Alasan",
        "Kasus PMKS",
        "PSM sebelum",
        "PSM sesudah",
    ]  # the loads are in the reason and in Excel
    assert len(shown) == 3 and shown["Desa/Kelurahan"].iloc[0] == "Sokogunung"


def test_reason_of_a_clicked_desa(units):
    _, result, _ = _plan(units)
    # The map tooltip carries no unnamed "Peringkat x dari 260": the reason names its one ranking.
    assert kuota.slot_values(result)["peringkat"].isna().all()
    name, reason = kuota.reason_of(result, "35.23.01.2002")
    assert name == "Sokogunung" and reason.startswith("Mendapat 1 slot")
    assert kuota.reason_of(result, None) is None


def test_summary_table_text_and_numbers(units):
    _, _, summary = _plan(units)
    text = kuota.summary_table(summary, suppress=False).set_index("Ukuran")
    # Jlodro (2001): 3 cases on 2 PSM carries 1,5; Sokogunung 1 case without PSM carries 1.
    assert text.loc["Beban kasus tertinggi", "Sebelum"] == "1,5"
    assert text.loc["Beban kasus tertinggi", "Sesudah"] == "1,5"
    assert text.loc["Kasus di desa tanpa PSM"].tolist() == ["1", "0"]  # Sokogunung's case C, then its slot
    # Masked (the default): Jlodro (3) and Sokogunung (1) are "<5", so the loads are those of the seven
    # 0-case desa, and the unserved cases before are the range Sokogunung alone allows.
    masked = kuota.summary_table(summary).set_index("Ukuran")
    assert masked.loc["Beban kasus tertinggi"].tolist() == ["0,0", "0,0"]
    assert masked.loc["Median beban kasus"].tolist() == ["0,0", "0,0"]
    assert masked.loc["Kasus di desa tanpa PSM"].tolist() == ["1–4", "0"]
    assert masked.loc["Desa tanpa PSM"].tolist() == ["8", "5"]  # desa and PSM are not masked
    nums = kuota.summary_table(summary, formatted=False).set_index("Ukuran")
    assert nums.loc["Desa tanpa PSM", "Sesudah"] == 5
    assert any("→" in line for line in kuota.summary_lines(summary))


def test_quota_editor_roundtrip(con):
    units = kuota.units(sql.run(con, "app/psm_kasus_by_desa", wilayah="35.23", tahun=2023))
    frame = kuota.quota_frame(units)
    assert len(frame) == 20 and frame["Kuota slot"].isna().all()
    edited = frame.copy()
    edited.loc[edited["Kode kecamatan"] == KENDURUAN, "Kuota slot"] = 2
    edited.loc[edited["Kode kecamatan"] == "35.23.02", "Kuota slot"] = 1
    quota = kuota.quota_from_editor(edited)
    assert quota[KENDURUAN] == 2 and quota["35.23.02"] == 1 and sum(quota.values()) == 3
    result = allocate(units, AllocationParams(slots=3, method="satu_per_desa", kecamatan_quota=quota))
    per_kec = kuota.kecamatan_summary(result).set_index("kode_kec")["slot_baru"]
    assert per_kec[KENDURUAN] == 2 and per_kec["35.23.02"] == 1
    with pytest.raises(AllocationError, match="harus sama dengan jumlah slot"):
        allocate(units, AllocationParams(slots=5, method="satu_per_desa", kecamatan_quota=quota))


def test_beban_kasus_has_one_name_and_definition_on_every_sheet(units):
    params, result, summary = _plan(units)
    book = _sheet(units, params, result, summary)
    alloc = book["Alokasi"].set_index("Kode desa")
    # Sokogunung: 1 case and no PSM carries 1 before; with its new PSM still 1. Never empty.
    assert alloc.loc["35.23.01.2002", ["Beban kasus sebelum", "Beban kasus sesudah"]].tolist() == [1, 1]
    assert alloc["Beban kasus sebelum"].notna().all()
    before_after = book["Sebelum-sesudah"].set_index("Ukuran")
    assert before_after.loc["Beban kasus tertinggi", ["Sebelum", "Sesudah"]].tolist() == [1.5, 1.5]
    definition = before_after.loc["Beban kasus tertinggi", "Definisi"]
    assert "desa tanpa PSM menanggung seluruh kasusnya" in definition
    params_sheet = book["Parameter"].set_index("parameter")["nilai"]
    assert params_sheet["Beban kasus"] == definition


def test_excel_cells_are_numbers_and_parameters_indonesian(units):
    params, result, summary = _plan(units)
    alloc = _sheet(units, params, result, summary)["Alokasi"]
    for col in ("Kasus PMKS", "PSM sebelum", "Slot baru", "PSM sesudah", "Beban kasus sebelum", "Penduduk"):
        assert pd.api.types.is_numeric_dtype(alloc[col]), col
    big = kuota.parameters(
        nama="x",
        kode="35.23",
        tahun=2025,
        params=AllocationParams(slots=1000, method="satu_per_desa"),
        names={},
        kec_names={},
        demo=False,
        generated="2025-06-26 10:00",
    )
    assert big["Jumlah slot PSM baru"] == "1.000" and big["Tahun data"] == 2025


def test_quota_editor_figures_read_in_indonesian():
    u = pd.DataFrame(
        {
            "kode_desa": ["1", "2"],
            "nama_desa": ["a", "b"],
            "kode_kec": ["k", "k"],
            "nama_kec": ["K", "K"],
            "penduduk": [1, 1],
            "kasus": [1000, 248],
            "psm": [195, 0],
        }
    )
    frame = kuota.quota_frame(u)
    assert frame["Kasus PMKS"].tolist() == ["1.248"] and frame["PSM aktif"].tolist() == ["195"]


def test_scope_problem_is_the_message_or_none():
    assert "kabupaten/kota atau kecamatan" in kuota.scope_problem("prov")
    assert kuota.scope_problem("kec") is None and kuota.scope_problem("kab") is None


def test_page_inputs_become_params(units):
    assert kuota.desa_options(units)["35.23.01.2002"] == "Sokogunung (35.23.01.2002) — Kec. Kenduruan"
    assert not kuota.several_kecamatan(units)
    p = kuota.allocation_params(
        "1.000",
        method="minmax_beban",
        need="per_1000",
        max_per_desa=2.0,
        exclude=["35.23.01.2004"],
        quota=None,
        floor_one=False,
    )
    assert (p.slots, p.method, p.need, p.max_per_desa, p.exclude) == (
        1000,
        "minmax_beban",
        "per_1000",
        2,
        frozenset({"35.23.01.2004"}),
    )
    with pytest.raises(AllocationError, match="tidak boleh negatif"):
        kuota.allocation_params(
            "-1", method="satu_per_desa", need="kasus", max_per_desa=None, exclude=[], quota=None, floor_one=False
        )


def test_page_tables_and_lines(units):
    params, result, summary = _plan(units)
    assert kuota.summary_shown(summary).loc["Desa dengan PSM"].tolist() == ["1", "4"]
    assert kuota.reason_line(result, "35.23.01.2002").startswith("Sokogunung — Mendapat 1 slot")
    assert kuota.reason_line(result, "99") is None
    kec = kuota.kecamatan_table(result)
    assert kec.columns[:3].tolist() == ["Kode kecamatan", "Kecamatan", "Desa/kelurahan"]
    assert kec["Desa tanpa PSM sebelum"].tolist() == [8] and kec["Desa tanpa PSM sesudah"].tolist() == [5]
    assert list(kuota.sheets(result, summary)) == ["Alokasi", "Ringkasan kecamatan", "Sebelum-sesudah"]
    assert kuota.QUOTA_READONLY == ["Kode kecamatan", "Kecamatan", "Desa/kelurahan", "Desa tanpa PSM"] + [
        "Kasus PMKS",
        "PSM aktif",
    ]


def test_page_map_sheet_and_file_name(units):
    params = AllocationParams(slots=1000, method="satu_per_desa")  # no allocation needed for these
    filters = SimpleNamespace(wilayah=KENDURUAN, tahun=2022, nama="Kecamatan Kenduruan", samarkan_kecil=True)
    spec = view.map_spec(filters, params)
    assert spec.subtitle.startswith("Kecamatan Kenduruan · 2022 · 1.000 slot, Satu PSM per desa dulu")
    assert spec.value_label == "Slot baru"
    sheet = view.sheet(filters, params, units, demo=False, now=dt.datetime(2025, 6, 26, 10, 0))
    assert sheet["Tanggal dibuat"] == "2025-06-26 10:00" and sheet['Angka 1–4 disamarkan ("<5")'] == "ya"
    assert sheet["Definisi"].startswith("PSM aktif: ")
    assert view.file_name(filters, params) == "rencana_kuota_psm_35.23.01_2022_1000_satu_per_desa.xlsx"


def test_reasons_rank_desa_among_unmasked_ones_only():
    units = pd.DataFrame(
        {
            "kode_desa": ["01.01.01.2001", "01.01.01.2002", "01.01.01.2003", "01.01.01.2004"],
            "nama_desa": ["X", "Y", "Z", "W"],
            "kode_kec": "01.01.01",
            "nama_kec": "K",
            "penduduk": [1000, 1000, 5000, 100],
            "kasus": [3, 6, 10, 0],  # per 1.000: X 3,0 (masked), Y 6,0, Z 2,0, W 0
            "psm": 0,
        }
    )
    result = allocate(units, AllocationParams(slots=1, method="satu_per_desa", need="per_1000"))
    assert "(peringkat 2 dari 4 desa" in result.set_index("nama_desa").loc["X", "alasan"]  # the engine's own words
    shown = pd.Series(kuota.shown_reasons(result).to_numpy(), index=result["nama_desa"])
    # X between Y (6,0) and Z (2,0) would put its count between 2 and 6 per its 1.000 residents: no rank at all.
    assert "peringkat" not in shown["X"] and "<5 kasus PMKS" in shown["X"]
    assert "(peringkat 1 dari 3 desa tanpa PSM menurut kasus per 1.000 penduduk)" in shown["Y"]
    assert "(peringkat 2 dari 3 desa tanpa PSM menurut kasus per 1.000 penduduk)" in shown["Z"]
    assert shown["Z"].endswith(", tetapi slot hanya cukup sampai peringkat 1.")
    assert "(peringkat 3 dari 3 desa" in shown["W"]
    assert shown["X"].endswith(", tetapi slot habis sebelum sampai ke desa ini.")
    assert kuota.reason_line(result, "01.01.01.2003", suppress=True) == "Z — " + shown["Z"]
