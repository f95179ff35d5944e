"""One frozen settings object, built from the environment, so no module keeps path globals."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Where things live. Every path can be overridden by an environment variable."""

    repo_root: Path
    shared_geo_dir: Path
    geo_dir: Path
    data_dir: Path
    store: str  # a folder (DuckLake with a SQLite catalog) or 'postgres:<conninfo>' (docs/decisions.md)
    store_data: str | None  # where a PostgreSQL store keeps its Parquet files (shared by all replicas)
    static_dir: Path
    demo_dir: Path
    nik_key_path: Path

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ.get
        root = REPO_ROOT
        data_dir = Path(env("PETAKESOS_DATA_DIR", root / "data"))
        return cls(
            repo_root=root,
            shared_geo_dir=Path(env("PETAKESOS_SHARED_GEO", root.parent / "shared" / "geo")),
            geo_dir=Path(env("PETAKESOS_GEO_DIR", root / "geo")),
            data_dir=data_dir,
            store=str(env("PETAKESOS_STORE", data_dir / "kesos")),
            store_data=env("PETAKESOS_STORE_DATA"),
            static_dir=root / "static",
            demo_dir=Path(env("PETAKESOS_DEMO_DIR", data_dir / "demo")),
            nik_key_path=Path(env("PETAKESOS_NIK_KEY_FILE", data_dir / "nik.key")),
        )


def settings() -> Settings:
    """Settings for this process, read fresh so tests can point the environment elsewhere."""
    return Settings.from_env()
