"""`python -m petakesos geo`: upstream village files -> boundary store, offline, with clear refusals."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest
from needs import require

from petakesos.cli import main
from petakesos.config import settings
from petakesos.geo import LEVELS, ZOOMS, level_path

KEL = settings().shared_geo_dir / "upstream" / "wilayah_boundaries" / "db" / "kel"


@pytest.fixture()
def upstream(tmp_path):
    """An upstream layout holding two small kabupaten/kota of Jawa Timur: Kota Mojokerto and Kota Batu."""
    require(KEL / "35", "Berkas wilayah_boundaries (shared/geo/upstream)")
    kel = tmp_path / "wilayah_boundaries" / "db" / "kel" / "35"
    kel.mkdir(parents=True)
    for kab in ("35.76", "35.79"):
        shutil.copy(KEL / "35" / f"wilayah_boundaries_kel_{kab}.sql.gz", kel)
    return tmp_path / "wilayah_boundaries"


def test_geo_builds_the_store_for_the_chosen_province(upstream, tmp_path, capsys):
    out = tmp_path / "geo"
    assert main(["geo", "--provinsi", "35", "--from", str(upstream), "--out", str(out)]) == 0
    desa = gpd.read_parquet(level_path(out, "desa", ZOOMS[-1]))
    assert len(desa) == 18 + 24  # Kota Mojokerto 18 kelurahan, Kota Batu 24 desa/kelurahan
    assert set(desa["kode"].str[:5]) == {"35.76", "35.79"}
    assert all(level_path(out, level, zoom).exists() for level in LEVELS for zoom in ZOOMS)
    report = (out / "sumber" / "laporan_35.csv").read_text(encoding="utf-8")
    assert "35.23" in report  # Tuban: expected 328, found 0 — every kabupaten is reported
    assert "42 dari 8.494 desa/kelurahan ditemukan di 38 kabupaten/kota" in capsys.readouterr().out


def test_geo_refuses_an_unknown_province_and_a_missing_folder(upstream, tmp_path, capsys):
    assert main(["geo", "--provinsi", "99", "--from", str(upstream), "--out", str(tmp_path / "g")]) == 2
    assert "Kode provinsi tidak dikenal: 99" in capsys.readouterr().err
    assert main(["geo", "--semua", "--from", str(tmp_path / "tidak_ada"), "--out", str(tmp_path / "g")]) == 2
    err = capsys.readouterr().err
    assert "--from" in err and "Traceback" not in err
