"""`python -m petakesos demo --provinsi 11`: demo data for a province without village polygons (Aceh), from
the code list and its kecamatan polygons only, imported into a fresh store, and the pages at 11 show it."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import streamlit as st
from apptest import metrics, open_page
from needs import SHARED_GEO, require, subset_shared

from petakesos import db, sql
from petakesos.cli import main
from petakesos.config import Settings

# From wilayah_kemendagri_2025.csv, counted by hand (grep '^11\.NN\.NN\.N'): Aceh has 6,500 desa/kelurahan in
# 290 kecamatan; penduduk_luas_prov_kabkota_2025.csv gives Aceh 5,623,479 residents in 2025.
ACEH_DESA, ACEH_KEC, ACEH_2025 = 6500, 290, 5_623_479


@pytest.fixture(scope="module")
def aceh(tmp_path_factory):
    """A store with demo data for Aceh only, and the app pointed at it."""
    require(SHARED_GEO / "upstream" / "wilayah_boundaries" / "db" / "kec", "Batas kecamatan (shared/geo/upstream)")
    from petakesos.geo.build import build_store

    root = tmp_path_factory.mktemp("aceh")
    mp = pytest.MonkeyPatch()
    mp.setenv("PETAKESOS_DEMO_DIR", str(root / "demo"))
    mp.setenv("PETAKESOS_SHARED_GEO", str(SHARED_GEO))  # the real one, whatever an earlier fixture set
    mp.setenv("PETAKESOS_STORE", str(root / "store"))
    mp.setenv("PETAKESOS_GEO_DIR", str(root / "geo"))
    mp.setenv("PETAKESOS_NIK_KEY", "kunci-uji-bukan-rahasia")
    settings = Settings.from_env()
    build_store(subset_shared(root / "shared_geo"), settings.geo_dir)  # no Aceh polygons: maps say so
    assert main(["demo", "--provinsi", "11", "--db", str(root / "store")]) == 0
    st.cache_resource.clear()
    st.cache_data.clear()
    yield settings
    mp.undo()
    st.cache_resource.clear()
    st.cache_data.clear()
    shutil.rmtree(root, ignore_errors=True)


def test_only_aceh_files_written(aceh):
    names = sorted(p.name for p in (aceh.demo_dir).iterdir())
    assert names == ["pelatihan_11.csv", "penduduk_desa.csv", "pmks_kasus_11.csv", "psm_11.csv"]
    penduduk = pd.read_csv(aceh.demo_dir / "penduduk_desa.csv", dtype={"kode_desa": str})
    assert penduduk["kode_desa"].nunique() == ACEH_DESA
    assert penduduk.loc[penduduk["tahun"] == 2025, "penduduk"].sum() == ACEH_2025


def test_store_has_cases_in_aceh_desa(aceh):
    cases = pd.read_csv(aceh.demo_dir / "pmks_kasus_11.csv", dtype=str, keep_default_na=False)
    codes = pd.read_csv(SHARED_GEO / "wilayah_kemendagri_2025.csv", dtype=str, keep_default_na=False)
    aceh_desa = set(codes.loc[(codes["tingkat"] == "4") & (codes["kode_prov"] == "11"), "kode"])
    assert len(cases) > 0 and set(cases["kode_desa"]) <= aceh_desa
    con = db.connect(aceh.store, read_only=True)
    try:
        row = sql.run(con, "app/headline_figures", wilayah="11", tahun=2025).iloc[0]
        kec = sql.run(con, "app/wilayah_children", wilayah="11", tingkat=3)
    finally:
        con.close()
    assert row["jumlah_desa"] == ACEH_DESA
    assert row["kasus"] > 0 and row["psm_aktif"] > 0
    assert row["penduduk"] == ACEH_2025
    assert len(kec) == ACEH_KEC


@pytest.mark.parametrize("page", ["beranda", "peta", "cakupan", "pelatihan", "bandingkan"])
def test_pages_at_aceh_show_data(aceh, page):
    at = open_page(page, wilayah="11", tahun="2025")
    assert not at.exception, [e.value for e in at.exception]
    assert not [i.value for i in at.info if i.value.startswith("Belum ada data")]
    if page == "beranda":
        m = metrics(at)
        assert m["Desa/kelurahan"] == "6.500"
        assert m["Kasus PMKS"] not in ("0", "")
