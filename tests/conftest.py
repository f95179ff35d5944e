"""Shared fixtures: a tiny world (two Tuban kecamatan) with its own geo store and database."""

from __future__ import annotations

import pytest
from needs import FIXTURE_KEC, FIXTURES, subset_shared

from petakesos.config import REPO_ROOT, Settings

NIK_KEY = "kunci-uji-bukan-rahasia"


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> Settings:
    """Settings pointing at a tiny shared dir, geo store and database built from tests/fixtures."""
    from petakesos.geo.build import build_store
    from petakesos.ingest.importer import import_files

    root = tmp_path_factory.mktemp("world")
    mp = pytest.MonkeyPatch()
    mp.setenv("PETAKESOS_SHARED_GEO", str(subset_shared(root / "shared_geo")))
    mp.setenv("PETAKESOS_GEO_DIR", str(root / "geo"))
    mp.setenv("PETAKESOS_DATA_DIR", str(REPO_ROOT / "data"))
    mp.setenv("PETAKESOS_STORE", str(root / "fixture_store"))
    mp.setenv("PETAKESOS_NIK_KEY", NIK_KEY)
    settings = Settings.from_env()
    build_store(settings.shared_geo_dir, settings.geo_dir)
    import_files([FIXTURES / n for n in ("penduduk.csv", "pmks.csv", "psm.csv", "pelatihan.csv")], settings)
    yield settings
    mp.undo()


@pytest.fixture()
def con(world):
    from petakesos import db

    connection = db.open_store(world)
    yield connection
    connection.close()


@pytest.fixture()
def cov2023(con):
    """PSM coverage of Kecamatan Kenduruan in 2023 (Cakupan's frame), shared by the Cakupan and Excel tests."""
    from petakesos import sql
    from petakesos.features import cakupan

    return cakupan.coverage(sql.run(con, "app/psm_kasus_by_desa", wilayah=FIXTURE_KEC[0], tahun=2023))
