"""A small store of its own for each fault test: the fixture's population and PSM, imported fresh."""

from __future__ import annotations

import pytest
from needs import FIXTURES

from petakesos.ingest.importer import import_files


@pytest.fixture()
def store(world, tmp_path):
    """A lokal store holding penduduk.csv and psm.csv (no cases yet), in this test's own folder."""
    path = tmp_path / "store"
    import_files([FIXTURES / "penduduk.csv", FIXTURES / "psm.csv"], world, store=path)
    return path
