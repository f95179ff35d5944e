"""What the Bandingkan Kabupaten page draws, computed without Streamlit: the scope it compares, the map
specs, the table's captions, the Excel download and the kabupaten marked on the charts. The page reads its
widgets, calls these and renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from petakesos import maps
from petakesos.features import bandingkan
from petakesos.features.bandingkan import table as league
from petakesos.features.bandingkan import text


def scope(wilayah: str, tingkat: str) -> tuple[str, str | None]:
    """(province code compared, '' for all; kabupaten to highlight, if the sidebar chose one or below)."""
    return wilayah[:2], wilayah[:5] if tingkat in ("kab", "kec") else None


def all_provinces_name(all_rows: pd.DataFrame) -> str:
    """'Semua provinsi (Jawa Timur, Lampung)': the scope name when no province is chosen."""
    return f"{text.ALL_PROVINCES} ({', '.join(all_rows['nama_prov'].unique())})"


def intro(table: pd.DataFrame, suppress: bool) -> str:
    """The caption above the league table: what rank 1 and the reference rows mean."""
    note = " " + text.SMALL_COUNT_NOTE if suppress else ""
    return text.INTRO.format(median=league.median_of(table)) + note


def kabupaten_spec(key: str, scope_name: str, tahun: int, suppress: bool) -> maps.MapSpec:
    """The kabupaten choropleth of indicator `key`: its name as title, the colour rule in the legend."""
    look = bandingkan.kabupaten_map_look(key)
    return maps.MapSpec(
        title=bandingkan.INDICATORS[key].label,
        subtitle=f"{scope_name} · {tahun}",
        value_label=look.label,
        palette=look.palette,
        source_note=text.SOURCE,
        suppress_small=suppress,
        no_data_label=look.no_data_label,
    )


def desa_spec(key: str, kabupaten: str, tahun: int, suppress: bool) -> maps.MapSpec:
    """One small-multiple map: the desa figure of indicator `key` in one kabupaten."""
    look = bandingkan.desa_map_look(key)
    return maps.MapSpec(
        title=kabupaten,
        subtitle=str(tahun),
        value_label=look.label,
        palette=look.palette,
        suppress_small=suppress,
        no_data_label=look.no_data_label,
    )


def multi_note(key: str) -> str:
    """The caption above the small multiples: shared classes, the desa figure and the colour rule."""
    return text.MULTI_NOTE.format(label=bandingkan.desa_map_look(key).label) + " " + text.COLOUR_RULE


def export(
    table: pd.DataFrame,
    base: int | None,
    key: str,
    suppress: bool,
    scope_name: str,
    prov: str,
    tahun: int,
    today: dt.date | None = None,
) -> tuple[dict[str, pd.DataFrame], dict[str, object], str]:
    """(sheets, parameters, file name) of the league table's Excel download."""
    sheets = {text.EXPORT_SHEET: league.export_table(table, base, key, suppress)}
    params = league.export_parameters(scope_name, tahun, base, key, suppress, today or dt.date.today())
    return sheets, params, text.EXPORT_FILE.format(prov=prov or "semua", tahun=tahun) + ".xlsx"


def marked(highlight: str | None, picked: Iterable[str]) -> list[str]:
    """Kabupaten drawn in colour on the charts: the sidebar's kabupaten first, then those picked, once each."""
    return list(dict.fromkeys([*([highlight] if highlight else []), *picked]))


def years_until(years: Sequence[int], tahun: int) -> list[int]:
    """The years of the trend chart: every year with data up to the chosen one."""
    return [y for y in years if y <= tahun]


def names(rows: pd.DataFrame) -> Mapping[str, str]:
    """kode_kab → name of every kabupaten/kota in the rows (the pickers and chart legends)."""
    return dict(zip(rows["kode_kab"], rows["nama_kab"]))
