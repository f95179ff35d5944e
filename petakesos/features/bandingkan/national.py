"""Bandingkan's national section: one choropleth of every kabupaten/kota of Indonesia (514, from the boundary
store) coloured by the compared indicator, grey "Belum ada data" where nothing has been imported, so a
province's kabupaten can be read against the whole country. Computed without Streamlit: the page passes its
cached `data.query` and `data.boundaries` and draws what `choropleth` returns with `ui.map_panel`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from petakesos import fmt, maps
from petakesos.features import bandingkan
from petakesos.features.bandingkan import text, view

HEADING = "Peta nasional kabupaten/kota"
NO_DATA = "Belum ada data"
NOTE = (
    "Semua {n} kabupaten/kota Indonesia; {n_data} dengan data. Abu-abu: belum ada data (impor lewat halaman "
    "Impor Data){without}. "
)
SUBTITLE = "Indonesia · {tahun}"
MAP_KEY = "bk_peta_nasional"


@dataclass(frozen=True)
class NationalMap:
    """What the page draws: heading, caption, the kabupaten layer, its values (with tooltip texts), outlines."""

    heading: str
    caption: str
    layer: gpd.GeoDataFrame
    values: pd.DataFrame
    spec: maps.MapSpec
    outline: gpd.GeoDataFrame
    key: str = MAP_KEY


def values(
    units: pd.DataFrame, kab_years: pd.DataFrame, key: str, tahun: int, base: int | None, suppress: bool = False
) -> pd.DataFrame:
    """kode/nilai/peringkat/teks per kabupaten/kota of `units` (nasional_kabupaten): the indicator of `tahun`
    for those with data, ranked among them (1 = worst); NaN and the text "Belum ada data" for the others.
    With `suppress`, figures as on the page's table (`view.league_table`): none beside a kabupaten of 1–4
    cases ("<5 kasus"), the low end of the range of one holding desa of 1–4 cases, its range as the text."""
    with_data = set(units.loc[units["ada_data"].astype(bool), "kode"])
    out = pd.DataFrame({"kode": units["kode"].astype(str)})
    if len(kab_years):
        table = view.league_table(kab_years, kab_years, tahun, base, key, suppress)
        figures = view.map_values(table, key)
        figures = figures[figures["kode"].isin(with_data)]
        ranked = bandingkan.rank(figures.assign(**{key: figures["nilai"]}), key).astype(float)
        out = out.merge(figures.assign(peringkat=ranked), on="kode", how="left")
    else:
        out = out.assign(nilai=np.nan, peringkat=np.nan, teks=None)
    out["nilai"] = out["nilai"].astype(float)
    out["peringkat"] = out["peringkat"].astype(float)
    has = out["kode"].isin(with_data)
    without = bandingkan.KAB_NO_DATA.get(key, bandingkan.NO_DATA)
    teks = out["teks"].astype(object).where(out["teks"].notna(), None)
    teks[(has & out["nilai"].isna() & teks.isna()).to_numpy()] = without
    teks[(~has).to_numpy()] = NO_DATA
    return out.assign(teks=teks.to_numpy())


def spec(key: str, tahun: int, suppress: bool) -> maps.MapSpec:
    """The national map of indicator `key`: the page's colour rule, grey = "Belum ada data" (or, with
    masking, a case figure left out beside a kabupaten of 1–4 cases)."""
    look = bandingkan.kabupaten_map_look(key)
    masked = suppress and bandingkan.CHANGE_OF.get(key, key) in view.CASE_KEYS
    return maps.MapSpec(
        title=bandingkan.INDICATORS[key].label,
        subtitle=SUBTITLE.format(tahun=tahun),
        value_label=look.label,
        palette=look.palette,
        source_note=text.SOURCE,
        suppress_small=suppress,
        no_data_label=f"{NO_DATA} / {view.SMALL} kasus" if masked else NO_DATA,
    )


def choropleth(
    query: Callable[..., pd.DataFrame],
    boundaries: Callable[[str, str, str], gpd.GeoDataFrame],
    key: str,
    tahun: int,
    base: int | None,
    suppress: bool,
) -> NationalMap:
    """Everything the national section shows, from the page's cached query and boundary readers."""
    units = query("app/nasional_kabupaten", wilayah="")
    kab_years = query("app/sums_by_kabupaten_tahun", wilayah="")
    layer = boundaries("kab", "prov", "")  # the coarse zoom: the whole country in one view
    shown = values(units, kab_years, key, tahun, base, suppress)
    n_data = int(units["ada_data"].astype(bool).sum())
    without = bandingkan.KAB_NO_DATA.get(key)
    caption = NOTE.format(
        n=fmt.number(len(layer)),
        n_data=fmt.number(n_data),
        without=f"; tanpa nilai: {without}" if without else "",
    )
    return NationalMap(
        heading=HEADING,
        caption=caption + text.COLOUR_RULE,
        layer=layer,
        values=shown,
        spec=spec(key, tahun, suppress),
        outline=boundaries("prov", "prov", ""),
    )
