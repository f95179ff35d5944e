"""Geometry repair shared by the upstream converter and the store build: whatever GEOS returns, keep
only valid polygons, so a repaired shape never turns into a point, a line or a collection."""

from __future__ import annotations

import numpy as np
import shapely


def polygonal(geoms: np.ndarray) -> np.ndarray:
    """Polygon/MultiPolygon only: make invalid shapes valid and drop points/lines left by repairs."""
    geoms = np.asarray(geoms, dtype=object).copy()
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad])
    for i in np.flatnonzero(shapely.get_type_id(geoms) == 7):  # GeometryCollection
        polys = [p for p in shapely.get_parts(geoms[i]) if p.geom_type in ("Polygon", "MultiPolygon")]
        geoms[i] = shapely.union_all(polys) if polys else shapely.Polygon()
    return geoms
