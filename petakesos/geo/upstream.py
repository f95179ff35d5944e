"""Convert upstream village files (cahyadsn/wilayah_boundaries `db/kel`, SQL INSERT rows) into village GeoDataFrames.

This is how a user outside this network gets boundaries for any province: the same files as shared/geo's
`desa_*.parquet` were made from (SOURCES.md §4 and §8). Files are read line by line (plain `.sql` or `.sql.gz`);
a row that cannot be read becomes a `Problem` with file and line, never an exception, and the rest are kept.
Provinces are converted one at a time, so memory stays bounded by the largest province.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from petakesos.geo.shapes import polygonal

CRS = "EPSG:4326"
INDONESIA_BBOX = (94.0, -11.5, 141.5, 6.5)  # lon/lat, with a margin around Sabang, Rote, Miangas and Merauke
SNAP_GRID = 1e-7  # degrees, about 1 cm
# The layout of shared/geo's desa_*.parquet.
_CODES = ["kode_desa", "kode10", "kode_prov", "kode_kab", "kode_kec"]
_NAMES = ["nama_prov", "nama_kab", "nama_kec", "nama_desa", "jenis"]
COLUMNS = [*_CODES, *_NAMES, "luas_km2", "lat", "lng", "nama_desa_boundary", "geometry"]
_GEOD = Geod(ellps="WGS84")
_ROW = re.compile(
    r"^\s*\(\s*'((?:[^'\\]|\\.|'')*)'\s*,\s*'((?:[^'\\]|\\.|'')*)'\s*,\s*([^,]*?)\s*,\s*([^,]*?)\s*,"
    r"\s*'(.*)'\s*\)\s*([,;])\s*$"
)
_DESA_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_KEL_FILE = re.compile(r"^wilayah_boundaries_kel_(\d{2})\.(\d{2})\.sql(\.gz)?$")
_SKIP = ("INSERT", "DELETE", "--", "SET ", "#")


@dataclass(frozen=True)
class Problem:
    """A row (or file) that could not be converted: file name, 1-based line, village code if known, reason."""

    file: str
    line: int
    kode: str
    reason: str


@dataclass(frozen=True)
class Row:
    line: int
    kode: str
    nama: str
    lat: float
    lng: float
    geometry: shapely.Geometry


def load_codes(path: Path | None = None) -> pd.DataFrame:
    """The national Kemendagri code list (wilayah_kemendagri_2025.csv), every column a string, indexed by kode."""
    if path is None:
        from petakesos.config import settings

        path = settings().shared_geo_dir / "wilayah_kemendagri_2025.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("kode", drop=False)


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("''", "'"))


def _open_lines(path: Path) -> Iterator[str]:
    with open(path, "rb") as raw:
        gz = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
        yield from fh


def read_rows(path: Path) -> Iterator[Row | Problem]:
    """Each village row of one upstream file as a Row (geometry built, not yet repaired), or a Problem."""
    path = Path(path)
    name, line_no, in_comment, pending = path.name, 0, False, False  # pending: INSERT not yet ended by ';'
    last_problem = 0
    try:
        for line_no, line in enumerate(_open_lines(path), 1):
            text = line.strip()
            if in_comment or text.startswith("/*"):
                in_comment = "*/" not in text
                continue
            if not text or text.startswith(_SKIP):
                continue
            item = _parse_row(name, line_no, line)
            if isinstance(item, Problem):
                last_problem = line_no
            pending = not text.endswith(";")
            yield item
    except (EOFError, OSError, zlib.error) as exc:
        yield Problem(name, line_no + 1, "", f"berkas terpotong atau rusak setelah baris {line_no} ({exc})")
        return
    if pending and last_problem != line_no:
        yield Problem(name, line_no, "", "berkas terpotong: pernyataan INSERT tidak diakhiri ';'")


def _parse_row(name: str, line_no: int, line: str) -> Row | Problem:
    m = _ROW.match(line)
    if not m:
        kode = re.match(r"\s*\(\s*'([^']*)'", line)
        reason = "baris tidak lengkap (berkas terpotong?)" if not line.endswith("\n") else "baris tidak dapat dibaca"
        return Problem(name, line_no, kode.group(1) if kode else "", reason)
    kode, nama, lat, lng, path_json, _ = m.groups()
    kode = _unquote(kode).strip()
    if not _DESA_CODE.match(kode):
        return Problem(name, line_no, kode, "kode desa tidak sah")
    if not path_json.strip():
        return Problem(name, line_no, kode, "JSON path rusak: path kosong, tidak ada poligon")
    try:
        polygons = _polygons(json.loads(path_json))
    except ValueError as exc:
        return Problem(name, line_no, kode, f"JSON path rusak: {exc}")
    except (TypeError, IndexError, KeyError):
        return Problem(name, line_no, kode, "JSON path bukan poligon [[[lat, lng], ...]]")
    coords = np.concatenate([ring for rings in polygons for ring in rings])
    lon_min, lat_min, lon_max, lat_max = INDONESIA_BBOX
    if not np.isfinite(coords).all() or not (
        (coords[:, 0] >= lon_min).all()
        and (coords[:, 0] <= lon_max).all()
        and (coords[:, 1] >= lat_min).all()
        and (coords[:, 1] <= lat_max).all()
    ):
        return Problem(name, line_no, kode, "koordinat di luar Indonesia")
    try:
        geometry = _assemble(polygons)
    except (ValueError, shapely.errors.GEOSException) as exc:
        return Problem(name, line_no, kode, f"poligon tidak dapat dibentuk: {exc}")
    return Row(line_no, kode, _unquote(nama).strip(), _number(lat), _number(lng), geometry)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _polygons(data) -> list[list[np.ndarray]]:
    """Rings per polygon as lon/lat arrays: 3 levels of nesting = one polygon, 4 levels = a multipolygon."""
    if not isinstance(data, list) or not data:
        raise TypeError
    if not isinstance(data[0][0][0], list):
        data = [data]
    out = []
    for rings in data:
        arrays = [np.asarray(ring, dtype=float) for ring in rings]
        if not arrays or any(a.ndim != 2 or a.shape[1] != 2 or len(a) < 3 for a in arrays):
            raise TypeError
        out.append([a[:, ::-1] for a in arrays])  # [lat, lng] -> lon/lat
    return out


def _assemble(polygons: list[list[np.ndarray]]) -> shapely.Geometry:
    """First ring outer; a later ring is a hole when inside the outer ring, else a separate part (SOURCES.md §4)."""
    parts = []
    for rings in polygons:
        outer = shapely.Polygon(rings[0])
        shapely.prepare(outer)
        holes, separate = [], []
        for ring in rings[1:]:
            candidate = shapely.Polygon(ring)
            try:
                inside = outer.contains(candidate)
            except shapely.errors.GEOSException:  # an invalid outer ring: fall back to the ring's vertices
                inside = bool(shapely.contains_xy(outer, ring[:, 0], ring[:, 1]).all())
            (holes if inside else separate).append(ring if inside else candidate)
        parts.append(shapely.Polygon(rings[0], holes))
        parts.extend(separate)
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _repair(geoms: np.ndarray) -> np.ndarray:
    """make_valid, snap to SNAP_GRID, make_valid again (snapping can pinch a spike); one by one if GEOS fails."""
    try:
        return polygonal(shapely.set_precision(polygonal(geoms), SNAP_GRID))
    except shapely.errors.GEOSException:
        if len(geoms) == 1:
            return np.array([None], dtype=object)  # reported by the caller as a problem of this row
        return np.concatenate([_repair(geoms[i : i + 1]) for i in range(len(geoms))])


def _geodesic_km2(geoms: np.ndarray) -> np.ndarray:
    """Geodesic area per geometry: signed ring areas (outer CCW +, holes CW −) summed, rings read as arrays
    (pyproj's geometry_area_perimeter goes through shapely's slow per-ring `.xy`)."""
    parts, owner = shapely.get_parts(shapely.orient_polygons(geoms), return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    bounds = np.searchsorted(ring_of, np.arange(len(rings) + 1))
    area = np.zeros(len(geoms))
    for i in range(len(rings)):
        xy = coords[bounds[i] : bounds[i + 1] - 1]  # without the closing point
        area[owner[ring_part[i]]] += _GEOD.polygon_area_perimeter(xy[:, 0], xy[:, 1])[0]
    return np.abs(area) / 1e6


def convert_file(path: Path, codes: pd.DataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """One upstream file as a village GeoDataFrame (COLUMNS, sorted by kode_desa) and the problems found."""
    rows, problems, seen = [], [], {}
    for item in read_rows(path):
        if isinstance(item, Problem):
            problems.append(item)
        elif item.kode in seen:
            reason = f"kode ganda (dipakai baris {seen[item.kode]})"
            problems.append(Problem(Path(path).name, item.line, item.kode, reason))
        else:
            seen[item.kode] = item.line
            rows.append(item)
    geoms = _repair(np.array([r.geometry for r in rows] or [], dtype=object))
    empty = shapely.is_empty(geoms) | shapely.is_missing(geoms)
    for i in np.flatnonzero(empty):
        problems.append(
            Problem(Path(path).name, rows[i].line, rows[i].kode, "poligon kosong atau tak dapat diperbaiki")
        )
    rows = [r for r, e in zip(rows, empty) if not e]
    return _frame(rows, geoms[~empty], codes), problems


def _frame(rows: list[Row], geoms: np.ndarray, codes: pd.DataFrame) -> gpd.GeoDataFrame:
    kode = pd.Series([r.kode for r in rows], dtype=str)
    df = pd.DataFrame(
        {
            "kode_desa": kode,
            "kode10": kode.str.replace(".", "", regex=False),
            "kode_prov": kode.str[:2],
            "kode_kab": kode.str[:5],
            "kode_kec": kode.str[:8],
        }
    )
    names = codes["nama"]
    for level in ("prov", "kab", "kec"):
        df[f"nama_{level}"] = df[f"kode_{level}"].map(names)
    boundary = pd.Series([r.nama for r in rows], dtype=str)
    df["nama_desa"] = kode.map(names).fillna(boundary)  # a code not in the list keeps the boundary file's name
    digit_rule = np.where(kode.str[9] == "1", "Kelurahan", "Desa")
    df["jenis"] = kode.map(codes["jenis"]).fillna(pd.Series(digit_rule, dtype=str))
    df["luas_km2"] = np.round(_geodesic_km2(geoms), 4) if len(rows) else np.empty(0)
    lat, lng = np.array([r.lat for r in rows], dtype=float), np.array([r.lng for r in rows], dtype=float)
    lon_min, lat_min, lon_max, lat_max = INDONESIA_BBOX
    bad = ~((lat >= lat_min) & (lat <= lat_max) & (lng >= lon_min) & (lng <= lon_max))
    if bad.any():  # a missing or stray centroid: use a point inside the polygon instead
        points = shapely.point_on_surface(geoms[bad])
        lng[bad], lat[bad] = shapely.get_x(points), shapely.get_y(points)
    df["lat"], df["lng"], df["nama_desa_boundary"] = lat, lng, boundary
    gdf = gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, crs=CRS).values, crs=CRS)
    return gdf[COLUMNS].sort_values("kode_desa", ignore_index=True)
