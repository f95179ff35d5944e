"""The boundary store holds every province, kabupaten/kota and kecamatan of Indonesia (upstream db/prov, db/kab,
db/kec, checked against the code list) while desa polygons stay those of the village files given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from needs import SHARED_GEO, require, subset_shared

from petakesos import geo
from petakesos.geo import build as geobuild

UPSTREAM_DB = SHARED_GEO / "upstream" / "wilayah_boundaries" / "db"
# Counted by hand in wilayah_kemendagri_2025.csv (and SOURCES.md §2): 38 provinsi, 416 kabupaten + 98 kota,
# 7,285 kecamatan; Aceh (11) has 18 kabupaten (11.01-11.18) and 5 kota (11.71-11.75).
N_PROV, N_KAB, N_KEC, N_KAB_ACEH = 38, 514, 7285, 23
TUBAN_DESA = 9 + 18  # the fixture's two Tuban kecamatan (tests/needs.py FIXTURE_KEC)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    require(UPSTREAM_DB / "kec", "Batas kecamatan seluruh Indonesia (shared/geo/upstream)")
    shared = subset_shared(tmp_path_factory.mktemp("shared_geo"))
    db = shared / "upstream" / "wilayah_boundaries" / "db"
    db.mkdir(parents=True)
    for level in ("prov", "kab", "kec"):
        (db / level).symlink_to(UPSTREAM_DB / level)
    out = tmp_path_factory.mktemp("geo")
    assert geobuild.build_store(shared, out)["skipped"] is False
    return out


@pytest.mark.parametrize("zoom", geo.ZOOMS)
def test_every_unit_of_indonesia(store, zoom):
    prov = geo.load_level(store, "prov", zoom)
    kab = geo.load_level(store, "kab", zoom)
    kec = geo.load_level(store, "kec", zoom)
    assert len(prov) == N_PROV and prov["kode"].is_unique
    assert len(kab) == N_KAB and kab["kode"].is_unique
    assert len(kec) == N_KEC and kec["kode"].is_unique
    assert len(geo.load_level(store, "kab", zoom, "11")) == N_KAB_ACEH
    # Desa stay those of the village files given: only the two Tuban kecamatan here.
    desa = geo.load_level(store, "desa", zoom)
    assert len(desa) == TUBAN_DESA and set(desa["kode_kec"]) == {"35.23.01", "35.23.02"}


def test_codes_and_names_are_the_code_lists(store):
    import pandas as pd

    codes = pd.read_csv(SHARED_GEO / "wilayah_kemendagri_2025.csv", dtype=str, keep_default_na=False)
    for level, tingkat in (("prov", "1"), ("kab", "2"), ("kec", "3")):
        layer = geo.load_level(store, level, "kab")
        listed = codes[codes["tingkat"] == tingkat]
        assert set(layer["kode"]) == set(listed["kode"])
    kab = geo.load_level(store, "kab", "kab").set_index("kode")
    assert kab.at["11.01", "nama"] == "Kabupaten Aceh Selatan"
    assert kab.at["11.01", "nama_prov"] == "Aceh"
    assert kab.at["11.01", "kode_prov"] == "11"
    assert kab.at["96.01", "nama_prov"] == "Papua Barat Daya"  # code list: Kabupaten Sorong, province 96
    assert "35.10" in kab.index  # a code a float would turn into 35.1
    kec = geo.load_level(store, "kec", "kab").set_index("kode")
    assert kec.at["11.01.01", "kode_kab"] == "11.01" and kec.at["11.01.01", "nama"] == "Bakongan"
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["national_problems"] == []


def test_shapes_valid_and_desa_nest_in_their_kecamatan(store):
    for level in ("prov", "kab", "kec"):
        for zoom in geo.ZOOMS:
            g = geo.load_level(store, level, zoom).geometry.values
            assert shapely.is_valid(g).all() and not shapely.is_empty(g).any()
    # A kecamatan with village polygons is dissolved from them (desa nest exactly); its neighbour without
    # village polygons here (35.23.03) comes from the upstream kecamatan file.
    kec = geo.load_level(store, "kec", "kab").set_index("kode")
    desa = geo.load_level(store, "desa", "kab", "35.23.01")
    union = shapely.union_all(desa.geometry.values)
    assert shapely.area(shapely.symmetric_difference(union, kec.at["35.23.01", "geometry"])) < 1e-6
    assert "35.23.03" in kec.index
    # Kabupaten Aceh Selatan lies in Aceh, around 3°N 97°E.
    x, y = shapely.get_coordinates(shapely.centroid(geo.load_level(store, "kab", "kab", "11.01").geometry.values))[0]
    assert 96.5 < x < 98.0 and 2.0 < y < 4.0
