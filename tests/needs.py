"""What some tests need that set-up builds (the demo database, shared/geo), and what to do without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from petakesos.config import REPO_ROOT

DEMO_DB = REPO_ROOT / "data" / "petakesos.duckdb"
FIXTURES = Path(__file__).parent / "fixtures"  # the tiny hand-checked world (tests/fixtures/README.md)


def require(path: Path, what: str) -> Path:
    """`path`, or a skip on a developer's machine without it; in CI (CI set) a failure, because the
    set-up that CI runs must have built it and a silent skip would hide that."""
    if path.exists():
        return path
    message = f"{what} tidak ada: {path} (jalankan scripts/setup.sh)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
