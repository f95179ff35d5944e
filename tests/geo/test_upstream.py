"""Upstream village files (cahyadsn/wilayah_boundaries SQL) → village GeoDataFrames and per-kabupaten reports.

Tuban is checked against the shared desa_35_jawa_timur.parquet, which was produced from the same file; a damaged
copy of Kota Mojokerto (18 kelurahan) checks that bad rows are reported with file and line and good ones kept.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pytest
import shapely

from petakesos.config import settings
from petakesos.geo import national, report, upstream

SHARED = settings().shared_geo_dir
KEL = SHARED / "upstream" / "wilayah_boundaries" / "db" / "kel"
TUBAN_SQL = KEL / "35" / "wilayah_boundaries_kel_35.23.sql"
MOJOKERTO_GZ = KEL / "35" / "wilayah_boundaries_kel_35.76.sql.gz"
JATIM = SHARED / "desa_35_jawa_timur.parquet"

pytestmark = pytest.mark.skipif(
    not (TUBAN_SQL.is_file() and MOJOKERTO_GZ.is_file() and JATIM.is_file()), reason="shared/geo upstream files absent"
)

# Kota Mojokerto in the code list and in the upstream file (lines 35-53; line 45 repeats the INSERT header).
MOJOKERTO = {
    35: "35.76.01.1003",
    36: "35.76.01.1004",
    37: "35.76.01.1005",
    38: "35.76.01.1006",
    39: "35.76.01.1007",
    40: "35.76.01.1008",
    41: "35.76.02.1001",
    42: "35.76.02.1003",
    43: "35.76.02.1004",
    44: "35.76.02.1008",
    46: "35.76.02.1009",
    47: "35.76.02.1010",
    48: "35.76.03.1001",
    49: "35.76.03.1002",
    50: "35.76.03.1003",
    51: "35.76.03.1004",
    52: "35.76.03.1005",
    53: "35.76.03.1006",
}


@pytest.fixture(scope="module")
def codes():
    return upstream.load_codes(SHARED / "wilayah_kemendagri_2025.csv")


@pytest.fixture(scope="module")
def tuban(codes):
    return upstream.convert_file(TUBAN_SQL, codes)


def test_tuban_matches_shared_parquet(tuban):
    gdf, problems = tuban
    assert problems == []
    ref = gpd.read_parquet(JATIM)
    ref = ref[ref["kode_kab"] == "35.23"].set_index("kode_desa")
    assert len(gdf) == 328 and gdf["kode_desa"].is_unique
    assert list(gdf.columns) == ["kode_desa", *ref.columns]
    assert gdf.crs.to_epsg() == 4326
    got = gdf.set_index("kode_desa").loc[ref.index]
    assert sorted(gdf["kode_desa"]) == sorted(ref.index)
    for col in (
        "kode10",
        "kode_prov",
        "kode_kab",
        "kode_kec",
        "nama_kab",
        "nama_kec",
        "nama_desa",
        "jenis",
        "nama_desa_boundary",
    ):
        assert (got[col] == ref[col]).all(), col
    assert ((got["luas_km2"] - ref["luas_km2"]).abs() <= 0.001 * ref["luas_km2"]).all()
    assert abs(got["luas_km2"].sum() - 1973.5) < 0.1  # SOURCES.md §5, Tuban
    assert shapely.is_valid(got.geometry.values).all()
    assert shapely.equals(got.geometry.values, ref.geometry.values).all()


def test_gzip_copy_reads_the_same_as_plain(tuban, codes):
    gdf, problems = upstream.convert_file(TUBAN_SQL.with_suffix(".sql.gz"), codes)
    assert problems == []
    assert gdf["kode_desa"].tolist() == tuban[0]["kode_desa"].tolist()
    assert (gdf["luas_km2"].to_numpy() == tuban[0]["luas_km2"].to_numpy()).all()


def _swap_pairs(path_json: str) -> str:
    """[lat, lng] pairs written as [lng, lat]: the row's points then lie far outside Indonesia."""
    return re.sub(r"\[(-?[\d.]+),(-?[\d.]+)\]", r"[\2,\1]", path_json)


@pytest.fixture()
def damaged(tmp_path) -> Path:
    """Kota Mojokerto with a broken row, a row outside Indonesia, a renamed village, an unknown code, cut short."""
    lines = gzip.decompress(MOJOKERTO_GZ.read_bytes()).decode("utf-8").splitlines(keepends=True)
    lines[37 - 1] = lines[37 - 1].replace("]]]'", "]]'")  # broken JSON
    head, path_json = lines[41 - 1].split(",'[", 1)
    lines[41 - 1] = head + ",'[" + _swap_pairs(path_json)  # coordinates outside Indonesia
    lines[47 - 1] = lines[47 - 1].replace("'Wates'", "'Wate'")  # spelling difference
    lines[48 - 1] = lines[48 - 1].replace("'35.76.03.1001'", "'35.76.03.1099'")  # not in the code list
    lines[49 - 1] = lines[49 - 1].replace("'Miji'", "'MIJI'")  # letter case only: not a spelling difference
    cut = lines[52 - 1][: len(lines[52 - 1]) // 2]  # truncated in the middle of line 52
    out = tmp_path / "wilayah_boundaries_kel_35.76.sql"
    out.write_text("".join(lines[: 52 - 1]) + cut, encoding="utf-8")
    return out


def test_damaged_file_reports_file_and_line_and_keeps_good_rows(damaged, codes):
    gdf, problems = upstream.convert_file(damaged, codes)
    assert sorted((p.file, p.line) for p in problems) == [(damaged.name, 37), (damaged.name, 41), (damaged.name, 52)]
    by_line = {p.line: p for p in problems}
    assert by_line[37].kode == "35.76.01.1005" and "JSON" in by_line[37].reason
    assert by_line[41].kode == "35.76.02.1001" and "luar Indonesia" in by_line[41].reason
    assert "terpotong" in by_line[52].reason
    kept = {MOJOKERTO[n] for n in (35, 36, 38, 39, 40, 42, 43, 44, 46, 47, 49, 50, 51)} | {"35.76.03.1099"}
    assert set(gdf["kode_desa"]) == kept
    extra = gdf.set_index("kode_desa").loc["35.76.03.1099"]
    assert extra["nama_desa"] == "Kranggan" and extra["nama_kab"] == "Kota Mojokerto" and extra["jenis"] == "Kelurahan"


def test_truncated_gzip_keeps_the_rows_before_the_cut(tmp_path, codes):
    data = MOJOKERTO_GZ.read_bytes()
    cut = tmp_path / MOJOKERTO_GZ.name
    cut.write_bytes(data[: len(data) // 2])
    gdf, problems = upstream.convert_file(cut, codes)
    assert len(problems) == 1 and problems[0].file == cut.name and "terpotong" in problems[0].reason
    assert problems[0].line > 35
    kept = gdf["kode_desa"].tolist()
    assert 0 < len(kept) < 18 and kept == list(MOJOKERTO.values())[: len(kept)]


def test_file_cut_at_a_line_end_is_reported(tmp_path, codes):
    lines = gzip.decompress(MOJOKERTO_GZ.read_bytes()).decode("utf-8").splitlines(keepends=True)
    out = tmp_path / "wilayah_boundaries_kel_35.76.sql"
    out.write_text("".join(lines[:50]), encoding="utf-8")  # ends after the row of line 50, which ends with ','
    gdf, problems = upstream.convert_file(out, codes)
    assert [(p.line, "terpotong" in p.reason) for p in problems] == [(50, True)]
    assert len(gdf) == 15


def test_kabupaten_report_lists_expected_found_missing_extra(damaged, codes):
    gdf, problems = upstream.convert_file(damaged, codes)
    status = report.village_status(gdf, codes, ["35.76"])
    table = report.kabupaten_report(status, problems, codes)
    row = table.set_index("kode_kab").loc["35.76"]
    assert row["nama_kab"] == "Kota Mojokerto"
    assert (row["diharapkan"], row["ditemukan"], row["hilang"], row["ekstra"]) == (18, 13, 5, 1)
    assert (row["beda_ejaan"], row["baris_gagal"]) == (1, 3)
    missing = status.loc[status["status"] == "hilang", "kode_desa"].tolist()
    assert missing == ["35.76.01.1005", "35.76.02.1001", "35.76.03.1001", "35.76.03.1005", "35.76.03.1006"]
    spelling = status[status["beda_ejaan"]]
    assert spelling[["kode_desa", "nama_desa", "nama_desa_boundary"]].values.tolist() == [
        ["35.76.02.1010", "Wates", "Wate"]
    ]
    text = report.summary_text(table, status, problems)
    assert "Kota Mojokerto (35.76): 13 dari 18 desa/kelurahan ditemukan" in text
    assert "35.76.03.1099" in text and "Wates" in text and f"{damaged.name}:37" in text


def test_convert_provinces_writes_one_geoparquet_per_province(tmp_path, codes):
    kel = tmp_path / "wilayah_boundaries" / "db" / "kel" / "35"
    kel.mkdir(parents=True)
    shutil.copy(MOJOKERTO_GZ, kel)
    shutil.copy(KEL / "35" / "wilayah_boundaries_kel_35.79.sql.gz", kel)  # Kota Batu, 24 desa/kelurahan
    out = tmp_path / "out"
    results = national.convert_provinces(tmp_path / "wilayah_boundaries", out, ["35"], codes=codes)
    assert [r.kode_prov for r in results] == ["35"]
    written = out / "desa_35_jawa_timur.parquet"
    assert results[0].path == written
    assert pq.read_schema(written).names == pq.read_schema(JATIM).names
    gdf = gpd.read_parquet(written)
    assert len(gdf) == 18 + 24 and gdf["kode_desa"].is_monotonic_increasing
    table = results[0].report.set_index("kode_kab")
    assert len(table) == 38  # every kabupaten/kota of Jawa Timur, with or without a file
    assert table.loc["35.76", ["diharapkan", "ditemukan", "hilang"]].tolist() == [18, 18, 0]
    assert table.loc["35.79", ["diharapkan", "ditemukan", "hilang"]].tolist() == [24, 24, 0]
    assert table.loc["35.23", ["diharapkan", "ditemukan", "hilang"]].tolist() == [328, 0, 328]


def test_plain_file_wins_over_its_gzip_copy(tmp_path):
    kel = tmp_path / "db" / "kel" / "35"
    kel.mkdir(parents=True)
    for name in (
        "wilayah_boundaries_kel_35.23.sql",
        "wilayah_boundaries_kel_35.23.sql.gz",
        "wilayah_boundaries_kel_35.76.sql.gz",
    ):
        (kel / name).write_bytes(b"")
    assert [p.name for p in national.kel_files(tmp_path, "35")] == [
        "wilayah_boundaries_kel_35.23.sql",
        "wilayah_boundaries_kel_35.76.sql.gz",
    ]
