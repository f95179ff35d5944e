"""Build the boundary store in geo/ from shared/geo's village polygons, once, at set-up.

Per province (two in parallel): clean the village coverage (overlaps and slivers between neighbours) and
dissolve kecamatan, kabupaten and province shapes from it. Then per level, over all provinces at once:
simplify the level as one coverage so neighbours keep their shared borders, quantize coordinates, and write
one small GeoParquet per level × zoom (the `geo` package reads them).
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from petakesos.geo import LEVELS, MANIFEST, ZOOMS, level_path
from petakesos.geo.shapes import polygonal

# Bump when the output changes for the same input, so `setup` rebuilds.
BUILD_VERSION = "1"
CRS = "EPSG:4326"
EQUAL_AREA_CRS = "EPSG:6933"  # areas of holes and parts, in m²
GAP_WIDTH_DEG = 0.0002  # ~22 m: gaps narrower than this between villages are source slivers, not land left out
MIN_HOLE_KM2 = 0.05
MIN_PART_KM2 = 0.001
ROW_GROUP_SIZE = 2000  # small row groups let a filtered read skip most of a file


@dataclass(frozen=True)
class Zoom:
    tolerance: float  # coverage_simplify tolerance in degrees (≈ √area of the triangles removed)
    decimals: int  # coordinates are snapped to a 10^-decimals degree grid


# Measured on Jawa Timur desa (8,494 villages, 878k vertices after cleaning): "kab" keeps 580k vertices,
# "prov" 114k (plain GeoJSON of kode + geometry: 3.5 MB; TopoJSON should roughly halve it). 0.0015-0.002°
# kept 155-197k; 0.003° still draws Surabaya's small kelurahan recognisably at province scale.
ZOOM_SETTINGS = {"kab": Zoom(tolerance=0.0004, decimals=5), "prov": Zoom(tolerance=0.003, decimals=4)}

_OUT_COLUMNS = ["kode", "nama", "kode_prov", "kode_kab", "kode_kec", "nama_prov", "nama_kab", "nama_kec"]


def build_store(shared_geo_dir: Path, out_dir: Path, force: bool = False) -> dict:
    """Write geo/{level}_{zoom}.parquet for every province found as desa_*.parquet; returns a summary.

    Skipped (summary has skipped=True) when the manifest records the same inputs and BUILD_VERSION.
    """
    shared_geo_dir, out_dir = Path(shared_geo_dir), Path(out_dir)
    inputs = sorted(shared_geo_dir.glob("desa_*.parquet"))
    if not inputs:
        raise FileNotFoundError(f"Tidak ada berkas desa_*.parquet di {shared_geo_dir}.")
    fingerprint = {
        "build_version": BUILD_VERSION,
        "inputs": [{"file": p.name, "size": p.stat().st_size, "mtime_ns": p.stat().st_mtime_ns} for p in inputs],
    }
    manifest_path = out_dir / MANIFEST
    if not force and _up_to_date(manifest_path, fingerprint, out_dir):
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        return {"skipped": True, "counts": old.get("counts", {}), "seconds": 0.0}

    started = time.perf_counter()
    inputs_big_first = sorted(inputs, key=lambda p: -p.stat().st_size)  # keeps both workers busy to the end
    workers = min(len(inputs), os.cpu_count() or 1, 2)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            per_province = list(pool.map(_build_province, inputs_big_first))
    else:
        per_province = [_build_province(p) for p in inputs_big_first]

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path.unlink(missing_ok=True)  # a build cut short must not look complete
    counts = {}
    for level in LEVELS:
        # One coverage per level across all provinces, so a border between two provinces is simplified once
        # and both sides keep it (simplifying each province alone would open gaps along Jateng–Jatim).
        table = pd.concat([prov[level][0] for prov in per_province], ignore_index=True)
        shapes = np.concatenate([prov[level][1] for prov in per_province])
        order = np.argsort(table["kode"].to_numpy(), kind="stable")
        table, shapes = table.iloc[order].reset_index(drop=True), shapes[order]
        for zoom, cfg in ZOOM_SETTINGS.items():
            gdf = gpd.GeoDataFrame(table, geometry=_simplify(shapes, cfg), crs=CRS)
            path = level_path(out_dir, level, zoom)
            tmp = path.with_suffix(".parquet.tmp")
            gdf.to_parquet(tmp, index=False, write_covering_bbox=True, row_group_size=ROW_GROUP_SIZE)
            os.replace(tmp, path)
        counts[level] = len(table)
    seconds = round(time.perf_counter() - started, 1)
    manifest = {**fingerprint, "counts": counts, "seconds": seconds}
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return {"skipped": False, "counts": counts, "seconds": seconds}


def _up_to_date(manifest_path: Path, fingerprint: dict, out_dir: Path) -> bool:
    try:
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    same = all(old.get(k) == v for k, v in fingerprint.items())
    return same and all(level_path(out_dir, lv, z).is_file() for lv in LEVELS for z in ZOOMS)


def _build_province(path: Path) -> dict[str, tuple[pd.DataFrame, np.ndarray]]:
    """Attributes and cleaned, dissolved (not yet simplified) shapes per level for one province file."""
    src = gpd.read_parquet(path).to_crs(CRS).sort_values("kode_desa", ignore_index=True)
    desa = pd.DataFrame(
        {
            "kode": src["kode_desa"],
            "nama": src["nama_desa"],
            "kode_prov": src["kode_prov"],
            "kode_kab": src["kode_kab"],
            "kode_kec": src["kode_kec"],
            "nama_prov": src["nama_prov"],
            "nama_kab": src["nama_kab"],
            "nama_kec": src["nama_kec"],
            "jenis": src["jenis"],
            "luas_km2": src["luas_km2"],
        }
    ).astype({c: "str" for c in _OUT_COLUMNS + ["jenis"]})
    out = {"desa": (desa, _clean_coverage(np.asarray(src.geometry.values)))}
    for level in ("kec", "kab", "prov"):  # each from the level below, already tidied
        out[level] = _dissolve(*out[_child(level)], level)
    return out


def _child(level: str) -> str:
    return LEVELS[LEVELS.index(level) + 1]


def _clean_coverage(geoms: np.ndarray) -> np.ndarray:
    """Villages as a valid coverage: overlaps given to one neighbour, slivers between neighbours filled.

    coverage_simplify needs a valid coverage; on the raw source (overlaps, ~38k slivers in Jawa Timur) it runs
    but each side of a sliver simplifies on its own, so gaps and overlaps grow. coverage_clean resolves the
    overlaps; its own gap merging (gap_width > 0) took 40-80 s per province, so `_fill_gaps` does that part.
    If GEOS rejects the input we keep the source polygons: the result is then merely as clean as the source.
    """
    geoms = polygonal(shapely.make_valid(geoms))
    try:
        cleaned = polygonal(shapely.coverage_clean(geoms, gap_width=0.0))
    except shapely.errors.GEOSException:
        return geoms
    # A village swallowed whole by its neighbours' overlap would vanish; keep its source shape instead.
    lost = shapely.is_empty(cleaned)
    cleaned[lost] = geoms[lost]
    return _fill_gaps(cleaned)


def _fill_gaps(cov: np.ndarray) -> np.ndarray:
    """Merge each hole of the coverage's union narrower than GAP_WIDTH_DEG into the village sharing most border.

    Width is estimated as 2·area/perimeter (exact for a long thin sliver). A hole with a shape inside it (an
    island or enclave) is left alone, since filling it would overlap that shape.
    """
    rings, _ = _holes(shapely.get_parts(shapely.coverage_union_all(cov)))
    if not len(rings):
        return cov
    holes = shapely.polygons(rings)
    gaps = holes[2 * shapely.area(holes) / shapely.length(holes) < GAP_WIDTH_DEG]
    gi, ci = shapely.STRtree(cov).query(gaps, predicate="intersects")
    occupied = np.unique(gi[shapely.area(shapely.intersection(gaps[gi], cov[ci])) > 0])
    shared = shapely.length(shapely.intersection(shapely.boundary(gaps[gi]), cov[ci]))
    pairs = pd.DataFrame({"gap": gi, "village": ci, "shared": shared})
    pairs = pairs[~pairs["gap"].isin(occupied) & (pairs["shared"] > 0)]
    best = pairs.loc[pairs.groupby("gap")["shared"].idxmax()]
    out = cov.copy()
    for village, gap_idx in best.groupby("village")["gap"]:
        out[village] = shapely.coverage_union_all(np.concatenate([[cov[village]], gaps[gap_idx.to_numpy()]]))
    return polygonal(out)


def _dissolve(child: pd.DataFrame, child_geoms: np.ndarray, level: str) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per `level` wilayah: union of its members' shapes (tidied) and the sum of their luas_km2."""
    key = f"kode_{level}"
    groups = child.groupby(key, sort=True).indices
    codes = list(groups)
    geoms = np.array([shapely.coverage_union_all(child_geoms[idx]) for idx in groups.values()], dtype=object)
    first = child.iloc[[idx[0] for idx in groups.values()]].reset_index(drop=True)
    table = pd.DataFrame({"kode": pd.Series(codes, dtype="str"), "nama": first[f"nama_{level}"]})
    for lv in ("prov", "kab", "kec"):
        keep = LEVELS.index(lv) <= LEVELS.index(level)  # codes and names below the row's own level are null
        table[f"kode_{lv}"] = first[f"kode_{lv}"] if keep else pd.Series([None] * len(first), dtype="str")
    for lv in ("prov", "kab", "kec"):
        keep = LEVELS.index(lv) <= LEVELS.index(level)
        table[f"nama_{lv}"] = first[f"nama_{lv}"] if keep else pd.Series([None] * len(first), dtype="str")
    table["luas_km2"] = child.groupby(key, sort=True)["luas_km2"].sum().round(4).to_numpy()
    return table[_OUT_COLUMNS + ["luas_km2"]], _tidy(geoms)


def _km2(geoms: np.ndarray) -> np.ndarray:
    return gpd.GeoSeries(geoms, crs=CRS).to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6


def _tidy(geoms: np.ndarray) -> np.ndarray:
    """Drop parts < MIN_PART_KM2 (keeping at least the largest) and fill holes < MIN_HOLE_KM2.

    A hole that another shape of the same level fills (an enclave) is kept, or filling it would overlap.
    """
    parts, owner = shapely.get_parts(geoms, return_index=True)
    part_km2 = _km2(parts)
    largest = pd.Series(part_km2).groupby(owner).transform("max").to_numpy()
    keep_part = (part_km2 >= MIN_PART_KM2) | (part_km2 == largest)

    rings, ring_part = _holes(parts)
    hole_polys = shapely.polygons(rings) if len(rings) else np.empty(0, dtype=object)
    fill = _km2(hole_polys) < MIN_HOLE_KM2 if len(rings) else np.zeros(0, dtype=bool)
    if fill.any():
        h, g = shapely.STRtree(geoms).query(hole_polys, predicate="intersects")
        other = g != owner[ring_part[h]]
        h, g = h[other], g[other]
        occupied = shapely.area(shapely.intersection(hole_polys[h], geoms[g])) > 0
        fill[np.unique(h[occupied])] = False

    kept_holes: dict[int, list] = {}
    for j in np.flatnonzero(~fill):
        kept_holes.setdefault(int(ring_part[j]), []).append(rings[j])
    by_owner: dict[int, list] = {}
    for i in np.flatnonzero(keep_part):
        by_owner.setdefault(int(owner[i]), []).append(shapely.Polygon(parts[i].exterior, kept_holes.get(int(i), [])))
    out = np.empty(len(geoms), dtype=object)
    for k in range(len(geoms)):
        mine = by_owner[k]
        out[k] = mine[0] if len(mine) == 1 else shapely.MultiPolygon(mine)
    return out


def _holes(parts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Interior rings of each polygon part and the index of the part each belongs to."""
    rings, ring_part = [], []
    for i, p in enumerate(parts):
        for r in p.interiors:
            rings.append(r)
            ring_part.append(i)
    return np.array(rings, dtype=object), np.array(ring_part, dtype=int)


def _simplify(geoms: np.ndarray, cfg: Zoom) -> np.ndarray:
    """Coverage-simplify one level, then snap to the zoom's grid, keeping every shape non-empty.

    Snapping shared vertices to the same grid keeps neighbours matched; the few spikes it collapses leave
    overlaps of a few m² per province, which we accept.
    """
    simple = shapely.coverage_simplify(geoms, cfg.tolerance)
    snapped = polygonal(_snap(simple, 10.0**-cfg.decimals))
    # A very small village (e.g. 0.1 km² at 0.003°) can be simplified or snapped away. Keep it unsimplified,
    # slightly overlapping its neighbours, rather than lose a wilayah that figures are joined to.
    lost = shapely.is_empty(snapped) | (shapely.area(snapped) == 0)
    snapped[lost] = polygonal(_snap(geoms[lost], 10.0**-cfg.decimals))
    lost = shapely.is_empty(snapped)
    snapped[lost] = geoms[lost]
    return snapped


def _snap(geoms: np.ndarray, grid: float) -> np.ndarray:
    """Snap to the grid; a shape that simplification left invalid (seen in Aceh on the national build) is
    repaired first, one by one, so one bad shape never stops the build."""
    try:
        return shapely.set_precision(geoms, grid)
    except shapely.errors.GEOSException:
        out = np.empty(len(geoms), dtype=object)
        for i, g in enumerate(geoms):
            try:
                out[i] = shapely.set_precision(g, grid)
            except shapely.errors.GEOSException:
                out[i] = shapely.set_precision(shapely.make_valid(g), grid)
        return out


if __name__ == "__main__":
    from petakesos.config import settings

    cfg = settings()
    print(build_store(cfg.shared_geo_dir, cfg.geo_dir, force=True))
