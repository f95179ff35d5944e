"""Compact browser encoding of boundary layers and of per-feature values for the Leaflet map.

Why: plain GeoJSON of every desa of a province is ~5.6 MB. Here coordinates are quantized to a
grid, delta-coded per feature and written like Google's polyline format (zigzag, 5 bits per char)
but with the base64url alphabet, so the text needs no JSON/HTML escaping and never contains Jinja
markers (branca re-parses rendered scripts as templates), and only kode, names and representative
points travel with the geometry. The geometry payload does not depend on values, so it is encoded
once per layer (cached by content) and a new category or period only sends the small values payload.
"""

from __future__ import annotations

import hashlib
import json
import math
import weakref
from collections import OrderedDict
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

_CACHE: OrderedDict[str, tuple] = OrderedDict()
_CACHE_SIZE = 32
# Fingerprints of layer objects seen before, by id, kept while the object lives: the boundaries come from
# a process-wide cache, so most calls pass the very same object and need no WKB hashing (a tenth of the
# server's CPU under load before).
_KNOWN: dict[tuple[int, bool], tuple[weakref.ref, str]] = {}
RING_SEP, PART_SEP = ",", ";"  # outside the alphabet
# Chunk value 0..31 = last chunk of a number, 32..63 = more chunks follow.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_ALPHA = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
_INDEX = {c: i for i, c in enumerate(ALPHABET)}


def level_of(kode: str) -> str:
    """Level of a dotted Kemendagri code, from its length."""
    return {2: "prov", 4: "kab", 6: "kec", 10: "desa"}.get(len(kode.replace(".", "")), "desa")


def choose_quantum(bounds: np.ndarray) -> float:
    """Grid step in degrees: ~1e5 cells across the layer (1e-4° ≈ 11 m for a province)."""
    span = max(float(bounds[2] - bounds[0]), float(bounds[3] - bounds[1]), 1e-6)
    return 10.0 ** math.ceil(math.log10(span / 1e5))


def polyline_chars(ints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Encode signed ints (zigzag, 5-bit chunks); returns (all chars as uint8, char count per int)."""
    v = ints.astype(np.int64)
    z = np.where(v < 0, ~(v << 1), v << 1).astype(np.uint64)
    nbits = np.where(z == 0, 1, np.floor(np.log2(np.maximum(z, 1).astype(float))) + 1)
    nchunks = np.maximum(1, np.ceil(nbits / 5)).astype(np.int64)
    width = int(nchunks.max()) if nchunks.size else 1
    chunks = np.zeros((v.size, width), dtype=np.int64)
    for j in range(width):
        part = ((z >> np.uint64(5 * j)) & np.uint64(31)).astype(np.int64)
        more = (j < nchunks - 1).astype(np.int64) * 32
        chunks[:, j] = part + more
    mask = np.arange(width)[None, :] < nchunks[:, None]
    return _ALPHA[chunks[mask]], nchunks


def ragged_polygons(geoms) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates with ring, part and geometry offsets, whether the layer has MultiPolygons or not."""
    _, coords, offsets = shapely.to_ragged_array(shapely.force_2d(np.asarray(geoms)))
    if len(offsets) == 2:  # only plain Polygons: every geometry is a single part
        ring_off, poly_off = offsets
        return coords, ring_off, poly_off, np.arange(len(poly_off))
    ring_off, poly_off, geom_off = offsets
    return coords, ring_off, poly_off, geom_off


def _encode_geoms(geoms: np.ndarray, origin: np.ndarray, q: float) -> list[str]:
    """One string per geometry: parts split by ';', rings by ',', deltas run through the feature."""
    coords, ring_off, poly_off, geom_off = ragged_polygons(geoms)
    # Drop each ring's closing vertex; Leaflet closes polygons itself.
    keep = np.ones(len(coords), dtype=bool)
    keep[ring_off[1:] - 1] = False
    ring_len = np.diff(ring_off) - 1
    grid = np.rint((coords[keep] - origin) / q).astype(np.int64)
    # Start index (in kept vertices) of each feature, to reset deltas per feature.
    ring_start = np.concatenate([[0], np.cumsum(ring_len)])
    feat_ring = poly_off[geom_off]  # first ring index per geometry (+ end)
    feat_start = ring_start[feat_ring[:-1]]
    delta = np.diff(grid, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    delta[feat_start] = grid[feat_start]
    chars, nchunks = polyline_chars(delta.reshape(-1))
    text = chars.tobytes().decode("ascii")
    char_end = np.cumsum(nchunks.reshape(-1, 2).sum(axis=1))  # chars after each vertex
    char_pos = np.concatenate([[0], char_end])
    ring_chars = [text[char_pos[a] : char_pos[b]] for a, b in zip(ring_start[:-1], ring_start[1:])]
    out = []
    for g in range(len(geom_off) - 1):
        parts = []
        for p in range(geom_off[g], geom_off[g + 1]):
            parts.append(RING_SEP.join(ring_chars[poly_off[p] : poly_off[p + 1]]))
        out.append(PART_SEP.join(parts))
    return out


# fit_bounds: parts closer than GAP_DEG (~2 km, e.g. Madura to Java) form one mass; masses with at least
# MASS_SHARE of the area are fitted, unless that would leave out more than 1 - KEEP_AT_LEAST of the area.
GAP_DEG, MASS_SHARE, KEEP_AT_LEAST = 0.02, 0.1, 0.8


def fit_bounds(layer: gpd.GeoDataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) the map opens on: the large connected masses, not far small islands.

    Jawa Timur's full extent holds Bawean, Masalembu and the Kangean islands, which push the mainland
    into the lower half of the screen; they stay drawn and are reached by panning. Parts are joined
    when their bounding boxes (grown by GAP_DEG) overlap, which is fast and errs towards joining.
    """
    if layer.crs is not None and layer.crs.to_epsg() != 4326:
        layer = layer.to_crs(4326)
    parts = shapely.get_parts(np.asarray(layer.geometry.values))
    parts = parts[~shapely.is_empty(parts)]
    full = layer.total_bounds
    if len(parts) < 2:
        return (float(full[1]), float(full[0])), (float(full[3]), float(full[2]))
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    b = shapely.bounds(parts)
    boxes = shapely.box(b[:, 0] - GAP_DEG, b[:, 1] - GAP_DEG, b[:, 2] + GAP_DEG, b[:, 3] + GAP_DEG)
    i, j = shapely.STRtree(boxes).query(boxes)
    n = len(parts)
    _, label = connected_components(coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n)), directed=False)
    area = shapely.area(parts)
    mass = np.bincount(label, weights=area)
    big = mass >= MASS_SHARE * area.sum()
    if mass[big].sum() >= KEEP_AT_LEAST * area.sum():
        full = shapely.total_bounds(parts[big[label]])
    return (float(full[1]), float(full[0])), (float(full[3]), float(full[2]))


def _fingerprint(layer: gpd.GeoDataFrame, columns: tuple[str, ...]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for wkb in shapely.to_wkb(np.asarray(layer.geometry.values)):
        h.update(wkb)
    for col in columns:
        if col in layer.columns:
            h.update(col.encode())
            # tolist(): missing names (None/NaN) must hash too; pandas 3 keeps them missing under astype(str)
            h.update("\x1f".join(map(str, layer[col].tolist())).encode())
    return h.hexdigest()


def _layer_key(layer: gpd.GeoDataFrame, columns: tuple[str, ...], with_names: bool) -> str:
    """The content fingerprint, remembered for the object while it lives (a cached layer is never
    mutated: data.boundaries hands out shared read-only frames)."""
    known = _KNOWN.get((id(layer), with_names))
    if known is not None and known[0]() is layer:
        return known[1]
    key = _fingerprint(layer, columns) + str(with_names)
    slot = (id(layer), with_names)
    try:
        ref = weakref.ref(layer, lambda _: _KNOWN.pop(slot, None))
    except TypeError:  # an object without weak references: fingerprint it every time
        return key
    _KNOWN[slot] = (ref, key)
    return key


def _dumps(obj: object) -> str:
    """Compact JSON that is safe inside a <script> element."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    # '<' cannot close the script. '%', '#' and a second '{' only occur inside strings; escaping
    # them keeps Jinja markers out, because branca re-parses rendered scripts as templates.
    for ch, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("%", "\\u0025"),
        ("#", "\\u0023"),
        ("{{", "{\\u007b"),
    ):
        s = s.replace(ch, code)
    return s


@dataclass(frozen=True)
class EncodedLayer:
    """JSON text for the browser plus the feature order the values payload must follow."""

    json: str
    kode: tuple[str, ...]
    fit: tuple[tuple[float, float], tuple[float, float]] | None = None  # fit_bounds (layers with names)


def encode_layer(layer: gpd.GeoDataFrame, with_names: bool = True) -> EncodedLayer:
    """Encode a boundary layer (kode, names, geometry, representative points); cached by content."""
    cols = ("kode", "nama", "nama_kec", "nama_kab") if with_names else ("kode",)
    key = _layer_key(layer, cols, with_names)
    kode = tuple(layer["kode"].astype(str))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return EncodedLayer(*_CACHE[key])
    if layer.crs is not None and layer.crs.to_epsg() != 4326:
        layer = layer.to_crs(4326)
    bounds = layer.total_bounds
    q = choose_quantum(bounds)
    decimals = max(0, -int(round(math.log10(q))))
    origin = np.floor(bounds[:2] * 10**decimals) / 10**decimals
    payload: dict[str, object] = {
        "q": q,
        "o": [float(origin[0]), float(origin[1])],
        "b": [[float(bounds[1]), float(bounds[0])], [float(bounds[3]), float(bounds[2])]],
        "k": list(kode),
        "g": _encode_geoms(layer.geometry.values, origin, q),
    }
    if with_names:
        payload["lv"] = level_of(kode[0]) if kode else "desa"
        payload["n"] = layer["nama"].astype(str).tolist() if "nama" in layer else list(kode)
        parent = "nama_kec" if payload["lv"] == "desa" else "nama_kab"
        if parent in layer.columns and payload["lv"] in ("desa", "kec"):
            names = layer[parent].astype(str)
            uniq = list(dict.fromkeys(names))
            lookup = {n: i for i, n in enumerate(uniq)}
            payload["pn"] = uniq
            payload["pi"] = [lookup[n] for n in names]
        pts = shapely.get_coordinates(shapely.point_on_surface(layer.geometry.values))
        grid = np.rint((pts - origin) / q).astype(np.int64)
        delta = np.diff(grid, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
        chars, _ = polyline_chars(delta.reshape(-1))
        payload["p"] = chars.tobytes().decode("ascii")
    fit = fit_bounds(layer) if with_names else None
    _CACHE[key] = (_dumps(payload), kode, fit)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return EncodedLayer(*_CACHE[key])


def decode_polyline(s: str) -> list[int]:
    """Inverse of polyline_chars for one string (used by tests and to document the format)."""
    out, i, n = [], 0, len(s)
    while i < n:
        shift = result = 0
        while True:
            b = _INDEX[s[i]]
            i += 1
            result |= (b & 31) << shift
            shift += 5
            if b < 32:
                break
        out.append(~(result >> 1) if result & 1 else result >> 1)
    return out


def decode_layer(text: str) -> dict[str, object]:
    """Decode an encoded layer back to {'kode': [...], 'rings': [[[ [lng, lat], ...]]]} for tests."""
    data = json.loads(text)
    q, (ox, oy) = data["q"], data["o"]
    geoms = []
    for s in data["g"]:
        x = y = 0
        parts = []
        for part in s.split(PART_SEP):
            rings = []
            for ring in part.split(RING_SEP):
                ints = decode_polyline(ring)
                pts = []
                for dx, dy in zip(ints[0::2], ints[1::2]):
                    x += dx
                    y += dy
                    pts.append((ox + x * q, oy + y * q))
                rings.append(pts)
            parts.append(rings)
        geoms.append(parts)
    return {"kode": data["k"], "geoms": geoms, "q": q}
