"""Every query runs, and the app queries give the answers worked out by hand from tests/fixtures."""

import math

import pandas as pd
import pytest

from petakesos import sql
from petakesos.auth.scope_sql import SCOPE_FREE

KENDURUAN = "35.23.01"


# A sample value for every parameter any app query takes; a new parameter needs a line here.
SAMPLE_PARAMS = {
    "wilayah": KENDURUAN,
    "tahun": 2022,
    "tingkat": 4,
    "kategori": [],
    "tahun_awal": 2021,
    "file_name": "",  # app/impor_karantina: '' = every file
    "alasan": "",  # app/impor_karantina: '' = every reason
}


def test_every_app_query_runs_on_the_fixture(con):
    for name in sql.names("app"):
        needed = sql.param_names(sql.load(name))
        missing = needed - SAMPLE_PARAMS.keys()
        assert not missing, f"{name}: add a sample value for {missing} to SAMPLE_PARAMS"
        sql.run(con, name, **{k: SAMPLE_PARAMS[k] for k in needed})


def test_every_query_declares_grain_and_params_in_its_header():
    for name in sql.all_names():
        header = []
        for line in sql.load(name).splitlines():
            if not line.startswith("--"):
                break
            header.append(line)
        text = " ".join(header)
        assert header and ("Params:" in text or "No params" in text), name


def test_app_queries_all_take_the_wilayah_scope():
    # The exceptions are the ones sql.run lets through unscoped (auth.scope_sql), and they must exist.
    names = sql.names("app")
    assert set(names) >= SCOPE_FREE, SCOPE_FREE - set(names)
    for name in names:
        if name in SCOPE_FREE:
            continue
        assert "wilayah" in sql.param_names(sql.load(name)), name


@pytest.mark.parametrize(
    "tahun, kasus, psm, desa_psm, terlatih, penduduk",
    [
        # 2022: cases A, B, F (desa 2001) and C (2002); PSM 1 and 2 (PSM 3 stopped on 31 Dec).
        (2022, 4, 2, 1, 1, 3500),
        # 2023: A, F, C (closed 1 Jan 2023, so open that year) and D; PSM 1, 2 (desa 2001), 4 (2003) and
        # Muda (2002, 13 at the SK date: imported and flagged, so counted); only PSM 1 passed Dasar.
        (2023, 4, 4, 3, 1, 1010 + 2020 + 500),
        # 2021: A and E (closed 30 Jun 2021); PSM 1 (SK May 2021), untrained until Nov 2022.
        (2021, 2, 1, 1, 0, None),
    ],
)
def test_beranda_figures_match_hand_counts(con, tahun, kasus, psm, desa_psm, terlatih, penduduk):
    row = sql.run(con, "app/headline_figures", wilayah=KENDURUAN, tahun=tahun).iloc[0]
    assert row["jumlah_desa"] == 9
    assert row["kasus"] == kasus
    assert row["psm_aktif"] == psm
    assert row["desa_dengan_psm"] == desa_psm
    assert row["psm_terlatih"] == terlatih
    assert math.isclose(row["persen_desa_psm"], 100 * desa_psm / 9)
    if penduduk:
        assert row["penduduk"] == penduduk
        assert math.isclose(row["kasus_per_1000"], 1000 * kasus / penduduk)


def test_scope_is_a_code_prefix_not_a_string_prefix(con):
    # '35.23.0' must not match '35.23.01...': scopes are whole codes.
    row = sql.run(con, "app/headline_figures", wilayah="35.23.0", tahun=2022).iloc[0]
    assert row["jumlah_desa"] == 0
    whole_kab = sql.run(con, "app/headline_figures", wilayah="35.23", tahun=2022).iloc[0]
    assert whole_kab["jumlah_desa"] == 328
    assert whole_kab["kasus"] == 4


def test_picker_lists_only_provinces_with_data(con):
    provs = sql.run(con, "app/wilayah_children", wilayah="", tingkat=1)
    assert provs["kode"].tolist() == ["35"]
    kecs = sql.run(con, "app/wilayah_children", wilayah="35.23", tingkat=3)
    assert len(kecs) == 20 and kecs["kode"].iloc[0] == "35.23.01"


def test_years_start_with_the_first_case(con):
    years = sql.run(con, "app/tahun_with_data", wilayah=KENDURUAN)["tahun"].tolist()
    assert years == [2020, 2021, 2022, 2023]


@pytest.mark.parametrize("wilayah", [KENDURUAN, "35", "", "99"])  # a kecamatan, a province, all, nothing
def test_every_app_query_gives_the_frame_duckdb_gives(con, wilayah):
    """sql.run reads results through Arrow for speed; the frame must be the one DuckDB's own .df() makes
    (values, dtypes, nullable integers, dates, text columns without text, empty results)."""
    for name in sql.names("app"):
        text = sql.load(name)
        params = {k: v for k, v in {**SAMPLE_PARAMS, "wilayah": wilayah}.items() if k in sql.param_names(text)}
        ours = sql.run(con, name, **params)
        theirs = con.cursor().execute(text, sql._bind(text, params)).df()
        pd.testing.assert_frame_equal(ours, theirs, obj=f"{name} ({wilayah!r})")


def test_a_result_of_every_column_kind_reads_as_duckdb_reads_it(con):
    queries = [
        "select * from (values (1::integer, 2::bigint, true, date '2024-09-18', null::varchar, 'Tuban'),"
        " (null, 3, null, null, null, null)) t(a, b, c, d, e, f)",  # nullable, plain, no text, some text
        "select 1::integer as a, 'x' as b where false",  # empty
        "select 1.5::decimal(5, 2) as a, [1, 2] as b, 10::hugeint as c",  # not through Arrow
        "select timestamp '2024-09-18 10:00:00.123456' as a, 0.5::double as b, 7::smallint as c",
    ]
    for query in queries:
        ours = sql._frame(con.cursor().execute(query))
        theirs = con.cursor().execute(query).df()
        pd.testing.assert_frame_equal(ours, theirs, obj=query)
