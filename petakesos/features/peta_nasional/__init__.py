"""Peta Nasional: what the page draws, computed without Streamlit: the tile index built at set-up, the
figures of every desa for the chosen measure, categories and period (the Peta PMKS page's own rules,
small counts masked the same way), the component's arguments and the clicked desa.

The desa panel is the Peta PMKS page's (`features.peta.view.desa_panel`), so both maps open the same one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from petakesos import fmt, maps
from petakesos.features import peta
from petakesos.features.peta import view
from petakesos.features.peta_nasional.text import MAP_TEXT, NAMA_NASIONAL, TEXT, UKURAN
from petakesos.geo import MANIFEST, tiles
from petakesos.maps import vector
from petakesos.maps.breaks import NO_DATA_COLOR

SCHEME, K, PALETTE = "quantile", 5, "YlOrRd"  # the Peta page's defaults


@dataclass(frozen=True)
class Tiles:
    """The set-up's tiles: their index (desa ids in code order, bounds), a version for the URLs, and
    whether the boundary store is newer than them."""

    index: dict
    version: str
    stale: bool


def tiles_state(static_dir: Path, geo_dir: Path) -> Tiles | None:
    """The tiles under static/tiles, or None when set-up has not built them."""
    out = tiles.tiles_dir(static_dir)
    archive = out / tiles.TILES_FILE
    if not (archive.is_file() and (out / tiles.INDEX_FILE).is_file()):
        return None
    stamp = archive.stat().st_mtime_ns
    stale = (Path(geo_dir) / MANIFEST).is_file() and not tiles.up_to_date(geo_dir, out)
    return Tiles(_index(str(out), stamp), str(stamp), stale)


@lru_cache(maxsize=2)
def _index(out: str, stamp: int) -> dict:
    """The index, read once per build (`stamp`: the archive's mtime); ~83,000 ids nationally."""
    return tiles.read_index(Path(out))


def choice_of(filters, ukuran: str, kategori: Sequence[str], kat_names, awal: int) -> view.Choice:
    """The Peta page's Choice for all of Indonesia: sidebar year and small-count setting, page widgets."""
    periode = peta.Periode(awal, filters.tahun)
    return view.Choice(
        "",
        NAMA_NASIONAL,
        filters.tahun,
        bool(filters.samarkan_kecil),
        ukuran,
        tuple(kategori),
        dict(kat_names),
        periode,
    )


def map_values(run: peta.Runner, c: view.Choice) -> pd.DataFrame:
    """One row per desa with data in the store (values_frame: nilai, masked small counts, ranks)."""
    return peta.values_frame(peta.fetch_rows(run, "", c.periode, c.kategori), c.ukuran, c.suppress)


@dataclass(frozen=True)
class NationalMap:
    """The component's arguments and the line under the map."""

    args: dict
    about: str


def national_map(t: Tiles, values: pd.DataFrame, c: view.Choice, height: int = 620) -> NationalMap:
    """Classes (quantiles of the desa values, as the Peta page's default) and the component arguments."""
    classes = maps.classify(values["nilai"], SCHEME, K)
    colors = maps.palette_colors(PALETTE, classes.k)
    texts = {
        "value_label": MAP_TEXT["value_label"][c.ukuran],
        "masked": MAP_TEXT["masked"],
        "no_data": MAP_TEXT["no_data"],
        "legend_title": UKURAN[c.ukuran],
        "legend_no_data": MAP_TEXT["legend_no_data"][c.suppress],
    }
    args = vector.component_args(
        t.index,
        values,
        classes,
        colors,
        texts=texts,
        decimals=2 if c.ukuran == "rate" else 0,
        no_data_color=NO_DATA_COLOR,
        version=t.version,
        height=height,
    )
    about = TEXT["tentang"].format(
        judul=UKURAN[c.ukuran],
        periode=c.periode.label,
        kategori=c.kategori_text,
        k=classes.k,
        n=fmt.number(t.index["count"]),
    )
    return NationalMap(args, about)


def clicked_code(value, values: pd.DataFrame) -> str | None:
    """The desa code the component sent back, if it is a desa of the map's figures (a stale or forged
    value from the browser opens nothing)."""
    if not isinstance(value, str) or value.count(".") != 3:
        return None
    return value if (values["kode"] == value).any() else None
