"""The league table agrees with an independent computation straight from the raw tables.

`independent_kabupaten` re-derives every figure with pandas from pmks_kasus, psm, pelatihan,
penduduk_desa and ref_wilayah using the written year definitions — no marts, no app query, no
petakesos.bandingkan — and the tests compare it with the page's table on the fixture and, when it
exists, on the demo database.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pytest

from petakesos import bandingkan, sql
from petakesos.config import REPO_ROOT

DEMO_DB = REPO_ROOT / "data" / "petakesos.duckdb"
COMPARED = ("jumlah_desa", "kasus", "psm_aktif", "psm_terlatih", "desa_tanpa_psm", "kasus_per_1000",
            "psm_per_desa", "persen_desa_psm", "kasus_per_psm", "persen_terlatih", "psm_per_1000")


def _population(pen: pd.DataFrame, year: int) -> pd.Series:
    """Population per desa in `year`: that year's figure, else the nearest year (earlier on a tie)."""
    p = pen.assign(dist=(pen["tahun"] - year).abs())
    p = p.sort_values(["kode_desa", "dist", "tahun"]).drop_duplicates("kode_desa")
    return p.set_index("kode_desa")["penduduk"].astype(float)


def independent_kabupaten(con: duckdb.DuckDBPyConnection, prov: str, year: int) -> pd.DataFrame:
    """One row per kabupaten/kota of `prov`: the comparison figures of `year`, from the raw tables."""
    ref = con.table("ref_wilayah").df()
    desa = ref[(ref["tingkat"] == 4) & (ref["kode_prov"] == prov)][["kode", "kode_kab"]]
    desa = desa.rename(columns={"kode": "kode_desa"}).set_index("kode_desa")
    end, start = pd.Timestamp(dt.date(year, 12, 31)), pd.Timestamp(dt.date(year, 1, 1))

    cases = con.table("pmks_kasus").df()
    recorded = pd.to_datetime(cases["tanggal_catat"])
    closed = pd.to_datetime(cases["tanggal_selesai"])
    open_in_year = (recorded <= end) & (closed.isna() | (closed >= start))
    desa["kasus"] = cases[open_in_year].groupby("kode_desa").size().reindex(desa.index).fillna(0)

    psm = con.table("psm").df()
    sk = pd.to_datetime(psm["tanggal_sk"])
    stopped = pd.to_datetime(psm["tanggal_nonaktif"])
    counted = (sk <= end) & ((stopped.isna() & psm["aktif"]) | (stopped > end))
    training = con.table("pelatihan").df()
    passed = training[training["lulus"] & (training["jenis_pelatihan"].str.lower() == "bimtek dasar")
                      & (pd.to_datetime(training["tanggal_selesai"]) <= end)]
    active = psm[counted].assign(terlatih=lambda f: f["nik_hash"].isin(set(passed["nik_hash"])))
    desa["psm_aktif"] = active.groupby("kode_desa").size().reindex(desa.index).fillna(0)
    desa["psm_terlatih"] = active.groupby("kode_desa")["terlatih"].sum().reindex(desa.index).fillna(0)

    desa["penduduk"] = _population(con.table("penduduk_desa").df(), year).reindex(desa.index)
    with_pop = desa["penduduk"] > 0
    desa["kasus_pop"] = desa["kasus"].where(with_pop, 0)
    desa["psm_pop"] = desa["psm_aktif"].where(with_pop, 0)
    desa["ada_psm"] = desa["psm_aktif"] > 0

    g = desa.groupby("kode_kab")
    kab = pd.DataFrame({
        "jumlah_desa": g.size(), "kasus": g["kasus"].sum(), "psm_aktif": g["psm_aktif"].sum(),
        "psm_terlatih": g["psm_terlatih"].sum(), "desa_dengan_psm": g["ada_psm"].sum(),
        "penduduk": g["penduduk"].sum(min_count=1), "kasus_pop": g["kasus_pop"].sum(), "psm_pop": g["psm_pop"].sum(),
    })
    pop = kab["penduduk"].where(kab["penduduk"] > 0)
    psm_n = kab["psm_aktif"].where(kab["psm_aktif"] > 0)
    kab["desa_tanpa_psm"] = kab["jumlah_desa"] - kab["desa_dengan_psm"]
    kab["kasus_per_1000"] = 1000 * kab["kasus_pop"] / pop
    kab["psm_per_1000"] = 1000 * kab["psm_pop"] / pop
    kab["psm_per_desa"] = kab["psm_aktif"] / kab["jumlah_desa"]
    kab["persen_desa_psm"] = 100 * kab["desa_dengan_psm"] / kab["jumlah_desa"]
    kab["kasus_per_psm"] = kab["kasus"] / psm_n
    kab["persen_terlatih"] = 100 * kab["psm_terlatih"] / psm_n
    return kab.astype(float)


def page_table(con: duckdb.DuckDBPyConnection, prov: str, year: int, base: int | None,
               key: str = "desa_tanpa_psm") -> pd.DataFrame:
    """The league table exactly as the page builds it (same query, same function)."""
    scope = sql.run(con, "app/bandingkan_kabupaten_tahun", wilayah=prov)
    every = sql.run(con, "app/bandingkan_kabupaten_tahun", wilayah="")
    return bandingkan.league_table(scope, every, year, base, key)


def assert_same_figures(table: pd.DataFrame, expected: pd.DataFrame) -> None:
    kab = table[table["jenis_baris"] == bandingkan.ROW_KAB].set_index("kode_kab")
    assert sorted(kab.index) == sorted(expected.index)
    for col in COMPARED:
        got = kab[col].astype(float).reindex(expected.index).to_numpy()
        want = expected[col].to_numpy()
        assert np.allclose(got, want, equal_nan=True), (col, got[:5], want[:5])


def assert_change(table: pd.DataFrame, now: pd.DataFrame, then: pd.DataFrame) -> None:
    kab = table[table["jenis_baris"] == bandingkan.ROW_KAB].set_index("kode_kab").reindex(now.index)
    for level in ("desa_tanpa_psm", "kasus_per_1000"):
        assert np.allclose(kab[f"delta_{level}"].astype(float), now[level] - then[level], equal_nan=True), level


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
    if not DEMO_DB.exists():
        pytest.skip("demo database not built")
    try:
        connection = duckdb.connect(str(DEMO_DB), read_only=True)
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
