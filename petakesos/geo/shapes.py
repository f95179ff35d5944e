"""Geometry shared by the upstream converter and the store build: repair (whatever GEOS returns, keep only
valid polygons, so a repaired shape never turns into a point, a line or a collection), and tidying a
coverage (overlaps and slivers between neighbours, tiny parts and holes, snapping to a grid)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

CRS = "EPSG:4326"
EQUAL_AREA_CRS = "EPSG:6933"  # areas of holes and parts, in m²
GAP_WIDTH_DEG = 0.0002  # ~22 m: gaps narrower than this between villages are source slivers, not land left out
MIN_HOLE_KM2 = 0.05
MIN_PART_KM2 = 0.001


def polygonal(geoms: np.ndarray) -> np.ndarray:
    """Polygon/MultiPolygon only: make invalid shapes valid and drop points/lines left by repairs."""
    geoms = np.asarray(geoms, dtype=object).copy()
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad])
    for i in np.flatnonzero(shapely.get_type_id(geoms) == 7):  # GeometryCollection
        polys = [p for p in shapely.get_parts(geoms[i]) if p.geom_type in ("Polygon", "MultiPolygon")]
        geoms[i] = shapely.union_all(polys) if polys else shapely.Polygon()
    return geoms


def clean_coverage(geoms: np.ndarray) -> np.ndarray:
    """Villages as a valid coverage: overlaps given to one neighbour, slivers between neighbours filled.

    coverage_simplify needs a valid coverage; on the raw source (overlaps, ~38k slivers in Jawa Timur) it runs
    but each side of a sliver simplifies on its own, so gaps and overlaps grow. coverage_clean resolves the
    overlaps; its own gap merging (gap_width > 0) took 40-80 s per province, so `fill_gaps` does that part.
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
    return fill_gaps(cleaned)


def fill_gaps(cov: np.ndarray) -> np.ndarray:
    """Merge each hole of the coverage's union narrower than GAP_WIDTH_DEG into the village sharing most border.

    Width is estimated as 2·area/perimeter (exact for a long thin sliver). A hole with a shape inside it (an
    island or enclave) is left alone, since filling it would overlap that shape.
    """
    rings, _ = interior_rings(shapely.get_parts(shapely.coverage_union_all(cov)))
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


def km2(geoms: np.ndarray) -> np.ndarray:
    return gpd.GeoSeries(geoms, crs=CRS).to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6


def tidy(geoms: np.ndarray) -> np.ndarray:
    """Drop parts < MIN_PART_KM2 (keeping at least the largest) and fill holes < MIN_HOLE_KM2.

    A hole that another shape of the same level fills (an enclave) is kept, or filling it would overlap.
    """
    parts, owner = shapely.get_parts(geoms, return_index=True)
    part_km2 = km2(parts)
    largest = pd.Series(part_km2).groupby(owner).transform("max").to_numpy()
    keep_part = (part_km2 >= MIN_PART_KM2) | (part_km2 == largest)

    rings, ring_part = interior_rings(parts)
    hole_polys = shapely.polygons(rings) if len(rings) else np.empty(0, dtype=object)
    fill = km2(hole_polys) < MIN_HOLE_KM2 if len(rings) else np.zeros(0, dtype=bool)
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


def interior_rings(parts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Interior rings of each polygon part and the index of the part each belongs to."""
    rings, ring_part = [], []
    for i, p in enumerate(parts):
        for r in p.interiors:
            rings.append(r)
            ring_part.append(i)
    return np.array(rings, dtype=object), np.array(ring_part, dtype=int)


def snap(geoms: np.ndarray, grid: float) -> np.ndarray:
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
