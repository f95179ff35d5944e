"""Read the boundary store that `geo.build` writes: one GeoDataFrame per level and zoom, filtered by wilayah.

Pure functions with no Streamlit; `data.py` caches what they return. Every frame is EPSG:4326 with string
code columns (`kode`, `kode_prov`, `kode_kab`, `kode_kec`), sorted by `kode`.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyarrow.compute as pc
import shapely

from petakesos.wilayah import level as wilayah_level
from petakesos.wilayah import normalize

LEVELS = ("prov", "kab", "kec", "desa")
# "prov": coarse, for a province-wide view; "kab": finer, for a kabupaten or kecamatan view.
ZOOMS = ("prov", "kab")
MANIFEST = "manifest.json"


def view_for(scope: str, level: str = "desa") -> tuple[str, str | None]:
    """(zoom, outline level) for mapping `level` inside `scope`.

    A province (or all) uses the coarse geometry with kabupaten outlines; a kabupaten or kecamatan
    uses the finer geometry with kecamatan outlines.
    """
    coarse = wilayah_level(normalize(scope)) in ("nasional", "prov")
    zoom = "prov" if coarse else "kab"
    return zoom, {"desa": "kab" if coarse else "kec", "kec": "kab", "kab": "prov"}.get(level)


def level_path(geo_dir: Path, level: str, zoom: str) -> Path:
    """Path of one store file, e.g. geo/desa_kab.parquet; raises ValueError on an unknown level/zoom."""
    if level not in LEVELS:
        raise ValueError(f"Tingkat wilayah tidak dikenal: {level!r} (pilih {', '.join(LEVELS)})")
    if zoom not in ZOOMS:
        raise ValueError(f"Tingkat zoom tidak dikenal: {zoom!r} (pilih {', '.join(ZOOMS)})")
    return Path(geo_dir) / f"{level}_{zoom}.parquet"


def store_paths(geo_dir: Path) -> list[Path]:
    """Every file the store consists of: one per level × zoom."""
    return [level_path(geo_dir, lv, z) for lv in LEVELS for z in ZOOMS]


def store_ready(geo_dir: Path) -> bool:
    """Whether a complete store exists in geo_dir (manifest written last, so a crashed build is not ready)."""
    manifest = Path(geo_dir) / MANIFEST
    if not manifest.is_file():
        return False
    try:
        json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(p.is_file() for p in store_paths(geo_dir))


def _scope_filter(scope: str):
    """pyarrow filter keeping rows whose kode is the scope or lies inside it; None for all of Indonesia.
    Written as a range ('35.23.' < kode < '35.23/', '/' following '.'), which the row groups' min/max
    statistics answer, so a kabupaten reads only its own row groups of the sorted file instead of all."""
    if scope == "":
        return None
    kode = pc.field("kode")
    return (kode == scope) | ((kode > scope + ".") & (kode < scope + "/"))


def load_level(geo_dir: Path, level: str, zoom: str, scope: str = "") -> gpd.GeoDataFrame:
    """Polygons of one level at one zoom, one row per wilayah inside `scope` ('' = all, '35.23' = Tuban)."""
    path = level_path(geo_dir, level, zoom)
    if not path.is_file():
        raise FileNotFoundError(
            f"Batas wilayah belum dibangun: {path} tidak ada. Jalankan `python -m petakesos setup`."
        )
    scope = normalize(scope)
    return _read(path, scope, bbox=None)


def _read(path: Path, scope: str, bbox: tuple[float, float, float, float] | None) -> gpd.GeoDataFrame:
    gdf = gpd.read_parquet(path, filters=_scope_filter(scope), bbox=bbox)
    # Drop the GeoParquet covering column: it is an index for `bbox=` reads, not data for callers.
    gdf = gdf.drop(columns=["bbox"], errors="ignore")
    return gdf.reset_index(drop=True)


def locate(geo_dir: Path, lon: float, lat: float, level: str = "desa", scope: str = "") -> str | None:
    """Code of the `level` polygon (fine zoom) that contains the point, or None when the point is outside all.

    Reads only the rows whose bounding box holds the point. Where neighbours share the point (a border) the
    lowest code wins, so a click gives the same answer every time.
    """
    path = level_path(geo_dir, level, "kab")
    if not path.is_file():
        raise FileNotFoundError(
            f"Batas wilayah belum dibangun: {path} tidak ada. Jalankan `python -m petakesos setup`."
        )
    scope = normalize(scope)
    lon, lat = float(lon), float(lat)
    candidates = _read(path, scope, bbox=(lon, lat, lon, lat))
    if candidates.empty:
        return None
    hits = shapely.intersects_xy(candidates.geometry.values, lon, lat)
    codes = sorted(candidates.loc[hits, "kode"])
    return codes[0] if codes else None
