"""An independent computation of the league table straight from the raw tables, for tests.

`independent_kabupaten` re-derives every figure with pandas from pmks_kasus, psm, pelatihan,
penduduk_desa and ref_wilayah using the written year definitions — no marts, no app query, no
petakesos.features.bandingkan — and the tests compare it with the page's table on the fixture and, when it
exists, on the demo database.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
from needs import demo_connection  # noqa: F401  (re-exported for the tests)

from petakesos import sql
from petakesos.features import bandingkan

COMPARED = (
    "jumlah_desa",
    "kasus",
    "psm_aktif",
    "psm_terlatih",
    "desa_tanpa_psm",
    "kasus_per_1000",
    "psm_per_desa",
    "persen_desa_psm",
    "kasus_per_psm",
    "persen_terlatih",
    "psm_per_1000",
)


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
    passed = training[
        training["lulus"]
        & (training["jenis_pelatihan"].str.lower() == "bimtek dasar")
        & (pd.to_datetime(training["tanggal_selesai"]) <= end)
    ]
    active = psm[counted].assign(terlatih=lambda f: f["nik_hash"].isin(set(passed["nik_hash"])))
    desa["psm_aktif"] = active.groupby("kode_desa").size().reindex(desa.index).fillna(0)
    desa["psm_terlatih"] = active.groupby("kode_desa")["terlatih"].sum().reindex(desa.index).fillna(0)

    desa["penduduk"] = _population(con.table("penduduk_desa").df(), year).reindex(desa.index)
    with_pop = desa["penduduk"] > 0
    desa["kasus_pop"] = desa["kasus"].where(with_pop, 0)
    desa["psm_pop"] = desa["psm_aktif"].where(with_pop, 0)
    desa["ada_psm"] = desa["psm_aktif"] > 0

    g = desa.groupby("kode_kab")
    kab = pd.DataFrame(
        {
            "jumlah_desa": g.size(),
            "kasus": g["kasus"].sum(),
            "psm_aktif": g["psm_aktif"].sum(),
            "psm_terlatih": g["psm_terlatih"].sum(),
            "desa_dengan_psm": g["ada_psm"].sum(),
            "penduduk": g["penduduk"].sum(min_count=1),
            "kasus_pop": g["kasus_pop"].sum(),
            "psm_pop": g["psm_pop"].sum(),
        }
    )
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


def page_table(
    con: duckdb.DuckDBPyConnection, prov: str, year: int, base: int | None, key: str = "desa_tanpa_psm"
) -> pd.DataFrame:
    """The league table exactly as the page builds it (same query, same function)."""
    scope = sql.run(con, "app/sums_by_kabupaten_tahun", wilayah=prov)
    every = sql.run(con, "app/sums_by_kabupaten_tahun", wilayah="")
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
