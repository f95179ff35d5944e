"""Boundary store: build from a few real kecamatan, then check the shapes and the reader's contract."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from petakesos import geo
from petakesos.config import settings
from petakesos.geo import build as geobuild
from petakesos.wilayah import InvalidWilayah

SOURCE = settings().shared_geo_dir / "desa_35_jawa_timur.parquet"
# Three neighbouring kecamatan of Tuban and one of Banyuwangi (35.10: a code that a float would turn into 35.1).
KECAMATAN = {"35.23.01": 9, "35.23.02": 18, "35.23.03": 14, "35.10.01": 5}  # kode_kec -> desa count in source

pytestmark = pytest.mark.skipif(not SOURCE.is_file(), reason=f"{SOURCE} not available")


@pytest.fixture(scope="module")
def source() -> gpd.GeoDataFrame:
    gdf = gpd.read_parquet(SOURCE)
    return gdf[gdf["kode_kec"].isin(KECAMATAN)].reset_index(drop=True)


@pytest.fixture(scope="module")
def shared_dir(tmp_path_factory, source) -> Path:
    d = tmp_path_factory.mktemp("shared_geo")
    source.to_parquet(d / SOURCE.name)
    return d


@pytest.fixture(scope="module")
def store(tmp_path_factory, shared_dir) -> Path:
    out = tmp_path_factory.mktemp("geo")
    summary = geobuild.build_store(shared_dir, out)
    assert summary["skipped"] is False
    return out


def _pairwise_overlap(geoms: np.ndarray) -> float:
    i, j = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    keep = i < j
    return float(shapely.area(shapely.intersection(geoms[i[keep]], geoms[j[keep]])).sum())


def test_counts_per_level(store):
    for zoom in geo.ZOOMS:
        assert len(geo.load_level(store, "prov", zoom)) == 1
        assert list(geo.load_level(store, "kab", zoom)["kode"]) == ["35.10", "35.23"]
        assert list(geo.load_level(store, "kec", zoom)["kode"]) == sorted(KECAMATAN)
        assert len(geo.load_level(store, "desa", zoom)) == 9 + 18 + 14 + 5


def test_a_scope_reads_exactly_the_wilayah_inside_it(store):
    """The scope filter is a range of codes (so row-group statistics can skip the rest): it must keep
    what "starts with the scope and a dot" keeps."""
    every = geo.load_level(store, "desa", "kab")
    for scope in ("35", "35.23", "35.23.01", "35.10", "33"):
        inside = sorted(k for k in every["kode"] if k == scope or k.startswith(scope + "."))
        assert sorted(geo.load_level(store, "desa", "kab", scope)["kode"]) == inside, scope
    assert list(geo.load_level(store, "kab", "kab", "35.23")["kode"]) == ["35.23"]  # the scope's own row


def test_columns_codes_are_strings_and_nulls_below_level(store):
    kab = geo.load_level(store, "kab", "kab")
    assert kab.crs.to_epsg() == 4326
    assert list(kab.columns) == [
        "kode",
        "nama",
        "kode_prov",
        "kode_kab",
        "kode_kec",
        "nama_prov",
        "nama_kab",
        "nama_kec",
        "luas_km2",
        "geometry",
    ]
    banyuwangi = kab[kab["kode"] == "35.10"].iloc[0]
    assert banyuwangi["kode_kab"] == "35.10" and banyuwangi["kode_prov"] == "35"
    assert banyuwangi["nama"] == "Kabupaten Banyuwangi"
    assert kab["kode_kec"].isna().all() and kab["nama_kec"].isna().all()
    desa = geo.load_level(store, "desa", "kab")
    for col in ("kode", "kode_prov", "kode_kab", "kode_kec", "jenis"):
        assert all(isinstance(v, str) for v in desa[col]), col
    jlodro = desa[desa["kode"] == "35.23.01.2001"].iloc[0]
    assert (jlodro["nama"], jlodro["nama_kec"], jlodro["jenis"], jlodro["luas_km2"]) == (
        "Jlodro",
        "Kenduruan",
        "Desa",
        6.7789,
    )
    assert list(desa["kode"]) == sorted(desa["kode"])


def test_upper_luas_is_sum_of_villages(store):
    kec = geo.load_level(store, "kec", "prov").set_index("kode")
    assert kec.loc["35.23.01", "luas_km2"] == pytest.approx(94.7697, abs=1e-3)  # Σ of the 9 desa in the source


@pytest.mark.parametrize("zoom", geo.ZOOMS)
@pytest.mark.parametrize("level", geo.LEVELS)
def test_shapes_valid_and_neighbours_do_not_overlap(store, level, zoom):
    geoms = np.asarray(geo.load_level(store, level, zoom).geometry.values)
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert set(shapely.get_type_id(geoms)) <= {3, 6}  # Polygon, MultiPolygon
    # ~1e-9 deg² is ~12 m²: what snapping to the grid may leave, against ~1 km² villages.
    assert _pairwise_overlap(geoms) < 1e-9


@pytest.mark.parametrize("zoom,rel_tol", [("kab", 0.001), ("prov", 0.005)])
def test_simplified_desa_leave_no_gaps(store, source, zoom, rel_tol):
    geoms = np.asarray(geo.load_level(store, "desa", zoom).geometry.values)
    original = shapely.union_all(np.asarray(source.geometry.values))
    simplified = shapely.union_all(geoms)
    assert simplified.area == pytest.approx(original.area, rel=rel_tol)
    # The source has slivers between neighbours (holes in the union); the store has none left.
    assert sum(shapely.get_num_interior_rings(shapely.get_parts(original))) > 0
    assert sum(shapely.get_num_interior_rings(shapely.get_parts(simplified))) == 0


def test_dissolved_kecamatan_match_their_villages(store):
    kec = geo.load_level(store, "kec", "kab").set_index("kode")
    desa = geo.load_level(store, "desa", "kab")
    for kode, group in desa.groupby("kode_kec"):
        assert kec.loc[kode].geometry.symmetric_difference(shapely.union_all(group.geometry.values)).area < 1e-6


def test_simplification_reduces_vertices(store, source):
    counts = {z: shapely.get_num_coordinates(geo.load_level(store, "desa", z).geometry.values).sum() for z in geo.ZOOMS}
    assert counts["prov"] < counts["kab"] < shapely.get_num_coordinates(source.geometry.values).sum()


def test_scope_filtering(store):
    assert set(geo.load_level(store, "desa", "kab", "35.23.01")["kode_kec"]) == {"35.23.01"}
    assert len(geo.load_level(store, "desa", "kab", "35.23")) == 9 + 18 + 14
    assert list(geo.load_level(store, "kab", "prov", "35.10")["kode"]) == ["35.10"]
    assert list(geo.load_level(store, "kec", "prov", "3523")["kode"]) == ["35.23.01", "35.23.02", "35.23.03"]
    assert list(geo.load_level(store, "desa", "kab", "35.23.01.2001")["kode"]) == ["35.23.01.2001"]
    assert geo.load_level(store, "prov", "kab", "35.23").empty  # a province is not inside a kabupaten
    assert geo.load_level(store, "desa", "kab", "35.24").empty
    with pytest.raises(InvalidWilayah):
        geo.load_level(store, "desa", "kab", "35.2")
    with pytest.raises(ValueError):
        geo.load_level(store, "rw", "kab")


def test_locate_representative_points(store, source):
    points = source.geometry.representative_point()
    found = [geo.locate(store, p.x, p.y) for p in points]
    # Simplification moves borders by up to ~45 m, so a point next to a border may change sides; rarely.
    assert np.mean(np.array(found) == source["kode_desa"].to_numpy()) > 0.95
    jlodro = source[source["kode_desa"] == "35.23.01.2001"].geometry.iloc[0].representative_point()
    assert geo.locate(store, jlodro.x, jlodro.y) == "35.23.01.2001"
    assert geo.locate(store, jlodro.x, jlodro.y, level="kec") == "35.23.01"
    assert geo.locate(store, jlodro.x, jlodro.y, level="desa", scope="35.10") is None
    assert geo.locate(store, 112.0, -6.5) is None  # Java Sea


def test_second_build_is_skipped_until_input_changes(store, shared_dir):
    assert geo.store_ready(store)
    again = geobuild.build_store(shared_dir, store)
    assert again["skipped"] is True and again["counts"]["kec"] == 4
    src = shared_dir / SOURCE.name
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert geobuild.build_store(shared_dir, store)["skipped"] is False
    assert geobuild.build_store(shared_dir, store, force=True)["skipped"] is False


def test_store_not_ready_when_missing(tmp_path, shared_dir):
    assert not geo.store_ready(tmp_path)
    with pytest.raises(FileNotFoundError):
        geo.load_level(tmp_path, "desa", "kab")
    with pytest.raises(FileNotFoundError):
        geobuild.build_store(tmp_path, tmp_path / "geo")


def test_tidy_fills_small_holes_but_not_enclaves():
    # 0.01° ≈ 1.1 km near the equator; holes of 0.001° ≈ 0.012 km² are "small" (< 0.05 km²).
    small_hole = shapely.box(0.0045, 0.0045, 0.0055, 0.0055)
    outer = shapely.box(0, 0, 0.01, 0.01).difference(small_hole)
    enclave_hole = shapely.box(0.0145, 0.0045, 0.0155, 0.0055)
    host = shapely.box(0.01, 0, 0.02, 0.01).difference(enclave_hole)
    speck = shapely.box(0.03, 0, 0.03001, 0.00001)  # ~1 m², below 0.001 km²
    island_owner = shapely.MultiPolygon([shapely.box(0.02, 0, 0.03, 0.01), speck])
    out = geobuild._tidy(np.array([outer, host, enclave_hole, island_owner], dtype=object))
    assert shapely.get_num_interior_rings(out[0]) == 0  # sliver hole filled
    assert shapely.get_num_interior_rings(out[1]) == 1  # enclave kept as a hole
    assert out[2].equals(enclave_hole)
    assert shapely.get_num_geometries(out[3]) == 1  # speck dropped


def test_snapping_repairs_a_shape_that_simplification_left_invalid():
    """The national build met a self-crossing shape after coverage_simplify (Aceh): one shape must not stop it."""
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    square = shapely.box(2, 0, 3, 1)
    out = geobuild.polygonal(geobuild._snap(np.array([bowtie, square], dtype=object), 1e-4))
    assert shapely.is_valid(out).all() and not shapely.is_empty(out).any()
    assert out[1].equals(square)
