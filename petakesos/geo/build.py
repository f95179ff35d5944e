"""Build the boundary store in geo/ from shared/geo's village polygons, once, at set-up.

Per province (two in parallel): clean the village coverage (overlaps and slivers between neighbours) and
dissolve kecamatan, kabupaten and province shapes from it. Then per level, over all provinces at once:
simplify the level as one coverage so neighbours keep their shared borders, quantize coordinates, and write
one small GeoParquet per level × zoom (the `geo` package reads them).

The kecamatan, kabupaten/kota and province levels cover all of Indonesia when shared/geo holds the upstream
`db/kab`, `db/kec` and `db/prov` files (SOURCES.md §8): provinces without village files take those polygons,
checked against the national code list, so the national views draw every kabupaten/kota.
"""

from __future__ import annotations

import json
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from petakesos.geo import LEVELS, MANIFEST, ZOOMS, level_path, shapes
from petakesos.geo.shapes import polygonal
from petakesos.geo.shapes import snap as _snap
from petakesos.geo.shapes import tidy as _tidy
from petakesos.geo.upstream import _ROW, _assemble, _geodesic_km2, _open_lines, _polygons, _unquote

# Bump when the output changes for the same input, so `setup` rebuilds.
BUILD_VERSION = "2"
CRS = "EPSG:4326"
_UPPER_CODE = {
    "prov": re.compile(r"^\d{2}$"),
    "kab": re.compile(r"^\d{2}\.\d{2}$"),
    "kec": re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
}
UPPER_LEVELS = tuple(_UPPER_CODE)
ROW_GROUP_SIZE = 2000  # small row groups let a filtered read skip most of a file
UPSTREAM = Path("upstream") / "wilayah_boundaries"  # under shared/geo: the national kab/kec/prov polygons
CODE_LIST = "wilayah_kemendagri_2025.csv"


@dataclass(frozen=True)
class Zoom:
    tolerance: float  # coverage_simplify tolerance in degrees (≈ √area of the triangles removed)
    decimals: int  # coordinates are snapped to a 10^-decimals degree grid


# Measured on Jawa Timur desa (8,494 villages, 878k vertices after cleaning): "kab" keeps 580k vertices,
# "prov" 114k (plain GeoJSON of kode + geometry: 3.5 MB; TopoJSON should roughly halve it). 0.0015-0.002°
# kept 155-197k; 0.003° still draws Surabaya's small kelurahan recognisably at province scale.
ZOOM_SETTINGS = {"kab": Zoom(tolerance=0.0004, decimals=5), "prov": Zoom(tolerance=0.003, decimals=4)}

_OUT_COLUMNS = ["kode", "nama", "kode_prov", "kode_kab", "kode_kec", "nama_prov", "nama_kab", "nama_kec"]


def build_store(shared_geo_dir: Path, out_dir: Path, force: bool = False, upper: Path | None = None) -> dict:
    """Write geo/{level}_{zoom}.parquet for every province found as desa_*.parquet; returns a summary.

    `upper`: an upstream copy with db/kab, db/kec and db/prov (default: shared_geo_dir/upstream/wilayah_boundaries
    when it exists) whose polygons fill the upper levels of the provinces without village files.
    Skipped (summary has skipped=True) when the manifest records the same inputs and BUILD_VERSION.
    """
    shared_geo_dir, out_dir = Path(shared_geo_dir), Path(out_dir)
    inputs = sorted(shared_geo_dir.glob("desa_*.parquet"))
    if not inputs:
        raise FileNotFoundError(f"Tidak ada berkas desa_*.parquet di {shared_geo_dir}.")
    upper = upper if upper is not None else shared_geo_dir / UPSTREAM
    upper_db = upper_root(upper)
    upper_inputs = [p for lv in UPPER_LEVELS for p in upper_files(upper_db, lv)] if upper_db else []
    fingerprint = {
        "build_version": BUILD_VERSION,
        "inputs": [
            {"file": p.name, "size": p.stat().st_size, "mtime_ns": p.stat().st_mtime_ns} for p in inputs + upper_inputs
        ],
    }
    manifest_path = out_dir / MANIFEST
    if not force and _up_to_date(manifest_path, fingerprint, out_dir):
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        return {"skipped": True, "counts": old.get("counts", {}), "seconds": 0.0}

    started = time.perf_counter()
    inputs_big_first = sorted(inputs, key=lambda p: -p.stat().st_size)  # keeps both workers busy to the end
    workers = min(len(inputs) + 1, os.cpu_count() or 1, 2)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        provinces = [pool.submit(_build_province, p) for p in inputs_big_first]
        # Read the national upper levels while the provinces build (in the pool, so on another core).
        national = pool.submit(_national, upper_db, _code_list(shared_geo_dir)) if upper_db else None
        per_province = [f.result() for f in provinces]
        upper_levels, problems = national.result() if national else ({}, [])
    per_province.append(_not_dissolved(upper_levels, per_province))

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path.unlink(missing_ok=True)  # a build cut short must not look complete
    counts = {}
    for level in LEVELS:
        # One coverage per level across all provinces, so a border between two provinces is simplified once
        # and both sides keep it (simplifying each province alone would open gaps along Jateng–Jatim).
        parts = [prov[level] for prov in per_province if level in prov]
        table = pd.concat([t for t, _ in parts if len(t)], ignore_index=True)
        geoms = np.concatenate([g for t, g in parts if len(t)])
        order = np.argsort(table["kode"].to_numpy(), kind="stable")
        table, geoms = table.iloc[order].reset_index(drop=True), geoms[order]
        for zoom, cfg in ZOOM_SETTINGS.items():
            gdf = gpd.GeoDataFrame(table, geometry=_simplify(geoms, cfg), crs=CRS)
            path = level_path(out_dir, level, zoom)
            tmp = path.with_suffix(".parquet.tmp")
            gdf.to_parquet(tmp, index=False, write_covering_bbox=True, row_group_size=ROW_GROUP_SIZE)
            os.replace(tmp, path)
        counts[level] = len(table)
    seconds = round(time.perf_counter() - started, 1)
    manifest = {**fingerprint, "counts": counts, "seconds": seconds, "national_problems": problems[:200]}
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return {"skipped": False, "counts": counts, "seconds": seconds}


def _code_list(shared_geo_dir: Path) -> Path | None:
    path = shared_geo_dir / CODE_LIST
    return path if path.is_file() else None


def _national(upper_db: Path, code_list: Path | None) -> tuple[dict, list[str]]:
    """Upper-level units of all Indonesia from the upstream files (upper_levels), shapes tidied."""
    from petakesos.geo.upstream import load_codes

    levels, problems = upper_levels(upper_db, load_codes(code_list))
    return {lv: (table, _tidy(geoms) if len(geoms) else geoms) for lv, (table, geoms) in levels.items()}, problems


def _not_dissolved(upper: dict, per_province: list[dict]) -> dict:
    """The upstream units whose code no village file gives: a province without village files, or a kecamatan
    whose villages all lack a polygon. Units dissolved from villages win, so desa nest exactly in them."""
    out = {}
    for level, (table, geoms) in upper.items():
        dissolved = {k for prov in per_province for k in prov[level][0]["kode"]}
        keep = ~table["kode"].isin(dissolved).to_numpy()
        out[level] = (table[keep].reset_index(drop=True), geoms[keep])
    return out


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
    out = {"desa": (desa, shapes.clean_coverage(np.asarray(src.geometry.values)))}
    for level in ("kec", "kab", "prov"):  # each from the level below, already tidied
        out[level] = _dissolve(*out[_child(level)], level)
    return out


def _child(level: str) -> str:
    return LEVELS[LEVELS.index(level) + 1]


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


def upper_root(source: Path) -> Path | None:
    """The `db` folder holding `kab/` and `kec/` under an upstream copy (repository root or `db`), or None."""
    for candidate in (Path(source) / "db", Path(source)):
        if (candidate / "kab").is_dir() and (candidate / "kec").is_dir():
            return candidate
    return None


def upper_files(root: Path, level: str, provinces: set[str] | None = None) -> list[Path]:
    """The upstream files of one upper level, sorted; kab/kec files limited to `provinces` when given
    (prov files are split by number, not by province, so all of them are read)."""
    files = sorted((Path(root) / level).glob(f"wilayah_boundaries_{level}_*.sql"))
    if level == "prov" or provinces is None:
        return files
    return [p for p in files if p.name.removesuffix(".sql").rsplit("_", 1)[-1] in provinces]


def read_upper(files: list[Path], level: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """(kode, nama_boundary, geometry) per upper-level unit, repaired, sorted by kode; and the rows that
    could not be read ('file:line reason'). A code seen twice keeps its first polygon."""
    codes, names, geoms, problems = [], [], [], []
    for path in files:
        for line_no, line in enumerate(_open_lines(path), 1):
            m = _ROW.match(line)
            if not m:
                continue
            kode = _unquote(m.group(1)).strip()
            if not _UPPER_CODE[level].match(kode):
                problems.append(f"{path.name}:{line_no} kode {kode!r} bukan kode {level}")
                continue
            try:
                geom = _assemble(_polygons(json.loads(m.group(5))))
            except (ValueError, TypeError, IndexError, KeyError, shapely.errors.GEOSException) as exc:
                problems.append(f"{path.name}:{line_no} {kode} poligon tidak dapat dibaca ({exc})")
                continue
            codes.append(kode)
            names.append(_unquote(m.group(2)).strip())
            geoms.append(geom)
    frame = pd.DataFrame({"kode": pd.Series(codes, dtype=str), "nama_boundary": pd.Series(names, dtype=str)})
    repaired = polygonal(np.array(geoms, dtype=object)) if geoms else np.empty(0, dtype=object)
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(repaired, crs=CRS).values, crs=CRS)
    gdf = gdf[~gdf.geometry.is_empty & ~gdf["kode"].duplicated()]
    return gdf.sort_values("kode", ignore_index=True), problems


TINGKAT = {"prov": "1", "kab": "2", "kec": "3"}
_PARENTS = ("prov", "kab", "kec")


def upper_levels(source: Path, codes: pd.DataFrame) -> tuple[dict, list[str]]:
    """Per upper level, (table, shapes) of every unit of Indonesia, in the store's column layout with names
    from the code list; and the problems found.

    Codes are checked against the national code list: a polygon whose code is not on it is left out, and a
    listed unit without a polygon is reported.
    """
    root = upper_root(source)
    if root is None:
        raise FileNotFoundError(f"Tidak ada folder db/kab dan db/kec wilayah_boundaries di {source}.")
    out, problems = {}, []
    for level in UPPER_LEVELS:
        gdf, found = read_upper(upper_files(root, level), level)
        problems.extend(found)
        listed = codes[codes["tingkat"] == TINGKAT[level]]
        unknown = ~gdf["kode"].isin(set(listed["kode"]))
        problems.extend(f"{level} {k}: kode tidak ada dalam daftar kode wilayah" for k in gdf.loc[unknown, "kode"])
        gdf = gdf[~unknown].reset_index(drop=True)
        problems.extend(f"{level} {k}: tidak ada poligon" for k in sorted(set(listed["kode"]) - set(gdf["kode"])))
        info = codes.set_index("kode").loc[gdf["kode"]]
        table = pd.DataFrame({"kode": gdf["kode"], "nama": info["nama"].to_numpy()})
        for lv in _PARENTS:
            keep = _PARENTS.index(lv) <= _PARENTS.index(level)
            table[f"kode_{lv}"] = info[f"kode_{lv}"].to_numpy() if keep else None
        for lv in _PARENTS:
            keep = _PARENTS.index(lv) <= _PARENTS.index(level)
            table[f"nama_{lv}"] = info[f"nama_{lv}"].to_numpy() if keep else None
        geoms = np.asarray(gdf.geometry.values, dtype=object)
        table = table.astype({c: "str" for c in table.columns if table[c].notna().all()})
        table["luas_km2"] = np.round(_geodesic_km2(geoms), 4) if len(geoms) else np.empty(0)
        out[level] = (table, geoms)
    return out, problems


if __name__ == "__main__":
    from petakesos.config import settings

    cfg = settings()
    print(build_store(cfg.shared_geo_dir, cfg.geo_dir, force=True))
