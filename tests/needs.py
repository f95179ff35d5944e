"""What some tests need that set-up builds (the demo database, shared/geo), and what to do without it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from petakesos.config import REPO_ROOT

DEMO_STORE = REPO_ROOT / "data" / "kesos"  # the demo store (a DuckLake folder) that set-up builds
FIXTURES = Path(__file__).parent / "fixtures"  # the tiny hand-checked world (tests/fixtures/README.md)
SHARED_GEO = REPO_ROOT.parent / "shared" / "geo"
FIXTURE_KEC = ("35.23.01", "35.23.02")  # Kenduruan (9 desa) and Jatirogo (18 desa), Kabupaten Tuban


def require(path: Path, what: str) -> Path:
    """`path`, or a skip on a developer's machine without it; in CI (CI set) a failure, because the
    set-up that CI runs must have built it and a silent skip would hide that."""
    if path.exists():
        return path
    message = f"{what} tidak ada: {path} (jalankan scripts/setup.sh)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def subset_shared(target: Path) -> Path:
    """A shared/geo folder with the code list, population and only the fixture's two Tuban kecamatan."""
    import geopandas as gpd

    target.mkdir(parents=True, exist_ok=True)
    for name in ("wilayah_kemendagri_2025.csv", "penduduk_luas_prov_kabkota_2025.csv"):
        shutil.copy(SHARED_GEO / name, target / name)
    villages = gpd.read_parquet(SHARED_GEO / "desa_35_jawa_timur.parquet")
    villages[villages["kode_kec"].isin(FIXTURE_KEC)].to_parquet(target / "desa_35_jawa_timur.parquet")
    return target


def demo_connection():
    """A read-only connection to the demo store, or a skip/failure as `require` says."""
    from petakesos import db

    return db.connect(require(DEMO_STORE / db.CATALOG_FILE, "Data contoh").parent, read_only=True)
