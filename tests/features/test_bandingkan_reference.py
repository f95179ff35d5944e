"""The league table agrees with an independent computation straight from the raw tables.

`independent_kabupaten` re-derives every figure with pandas from pmks_kasus, psm, pelatihan,
penduduk_desa and ref_wilayah using the written year definitions — no marts, no app query, no
petakesos.features.bandingkan — and the tests compare it with the page's table on the fixture and, when it
exists, on the demo database.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from independent_bandingkan import assert_change, assert_same_figures, independent_kabupaten, page_table
from needs import demo_connection

from petakesos.features import bandingkan


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_fixture_table_equals_the_independent_computation(con, year):
    base = year - 1
    table = page_table(con, "35", year, base)
    now = independent_kabupaten(con, "35", year)
    assert len(now) == 38
    assert_same_figures(table, now)
    assert_change(table, now, independent_kabupaten(con, "35", base))


@pytest.fixture(scope="module")
def demo_con():
    try:
        connection = demo_connection()
    except duckdb.IOException as busy:  # being rebuilt right now
        pytest.skip(f"demo database busy: {busy}")
    yield connection
    connection.close()


@pytest.mark.parametrize("prov, n_kab", [("35", 38), ("33", 35), ("18", 15)])
def test_demo_table_equals_the_independent_computation(demo_con, prov, n_kab):
    table = page_table(demo_con, prov, 2025, 2022)
    now = independent_kabupaten(demo_con, prov, 2025)
    assert len(now) == n_kab
    assert (table["jenis_baris"] == bandingkan.ROW_KAB).sum() == n_kab
    assert_same_figures(table, now)
    assert_change(table, now, independent_kabupaten(demo_con, prov, 2022))
    # The province row is the province summed, then divided.
    prov_row = table[table["jenis_baris"] == bandingkan.ROW_PROV].iloc[0]
    assert prov_row["desa_tanpa_psm"] == now["desa_tanpa_psm"].sum()
    assert np.isclose(prov_row["kasus_per_1000"], 1000 * now["kasus_pop"].sum() / now["penduduk"].sum())


def test_demo_median_row_is_over_all_covered_kabupaten(demo_con):
    table = page_table(demo_con, "35", 2025, 2022)
    every = pd.concat([independent_kabupaten(demo_con, p, 2025) for p in ("18", "33", "35")])
    assert len(every) == 88
    med = table[table["jenis_baris"] == bandingkan.ROW_MEDIAN].iloc[0]
    for col in ("desa_tanpa_psm", "kasus_per_1000", "persen_desa_psm", "kasus_per_psm", "persen_terlatih"):
        assert np.isclose(med[col], every[col].median()), col
