"""Vector tiles of the national desa map: built from a tiny store (two Tuban kecamatan), read back with
tippecanoe-decode, they hold every desa code with its integer id; a second build is skipped until the
store changes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from needs import SHARED_GEO, require, subset_shared

from petakesos.geo import MANIFEST, tiles
from petakesos.geo import build as geobuild

# Kenduruan (35.23.01) has desa 2001–2009, Jatirogo (35.23.02) desa 2001–2018: 27 in all (shared/geo).
CODES = {f"35.23.01.{2000 + i}" for i in range(1, 10)} | {f"35.23.02.{2000 + i}" for i in range(1, 19)}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    require(SHARED_GEO / "desa_35_jawa_timur.parquet", "shared/geo")
    shared = subset_shared(tmp_path_factory.mktemp("shared"))
    out = tmp_path_factory.mktemp("geo")
    geobuild.build_store(shared, out)
    return out


@pytest.fixture(scope="module")
def built(store, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("tiles")
    return out, tiles.build_tiles(store, out)


def test_feature_id_is_the_code_digits():
    assert tiles.feature_id("35.23.01.2001") == 3523012001
    assert tiles.feature_id("11.01.01.2001") == 1101012001
    with pytest.raises(ValueError):
        tiles.feature_id("35.23.01")


def test_archive_holds_every_desa_code_of_the_store(built):
    out, summary = built
    assert summary["skipped"] is False and summary["desa"] == 27
    archive = out / tiles.TILES_FILE
    assert archive.read_bytes()[:7] == b"PMTiles"
    # At the most detailed zoom no desa is coalesced into a neighbour: each one is there by its code.
    header = _decode(archive, "-c", extra=("-z", "0", "-Z", "0"))
    assert header  # zoom 0 exists
    maxzoom = max(_zooms(archive))
    assert tiles.decode_codes(archive, maxzoom) == CODES


def test_features_carry_the_integer_id_of_their_code(built):
    out, _ = built
    archive = out / tiles.TILES_FILE
    zoom = max(_zooms(archive))
    seen = {}
    for line in _decode(archive, "-c", extra=("-Z", str(zoom), "-z", str(zoom), "-l", "desa")):
        seen[line["properties"]["kode"]] = line["id"]
    assert seen["35.23.02.2018"] == 3523022018
    assert seen["35.23.01.2001"] == 3523012001
    assert all(seen[k] == int(k.replace(".", "")) for k in CODES)


def test_archive_has_outline_layers(built):
    out, _ = built
    layers = {line["tippecanoe"]["layer"] for line in _decode(out / tiles.TILES_FILE, "-c", extra=("-z", "5"))}
    assert layers == {"desa", "kab", "prov"}


def test_index_lists_desa_ids_in_code_order_and_the_bounds(built):
    out, _ = built
    index = tiles.read_index(out)
    assert index["count"] == 27
    assert index["ids"] == sorted(int(k.replace(".", "")) for k in CODES)
    w, s, e, n = index["bounds"]
    assert 111.4 < w < e < 112.2 and -7.2 < s < n < -6.7  # north-west Tuban


def test_second_build_is_skipped_until_the_store_is_newer(store, built):
    out, _ = built
    assert tiles.build_tiles(store, out)["skipped"] is True
    manifest = store / MANIFEST
    later = (out / tiles.TILES_FILE).stat().st_mtime_ns + 1_000_000_000
    os.utime(manifest, ns=(later, later))
    assert tiles.up_to_date(store, out) is False


def _zooms(archive: Path) -> set[int]:
    return {line["tippecanoe"]["maxzoom"] for line in _decode(archive, "-c", extra=("-l", "desa"))}


def _decode(archive: Path, *flags: str, extra: tuple[str, ...] = ()) -> list[dict]:
    decode = Path(tiles._tippecanoe()).with_name("tippecanoe-decode")
    done = subprocess.run([str(decode), *flags, *extra, str(archive)], capture_output=True, text=True, check=True)
    return [json.loads(x.rstrip(",")) for x in done.stdout.splitlines() if x.startswith("{")]
