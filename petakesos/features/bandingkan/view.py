"""What the Bandingkan Kabupaten page draws, computed without Streamlit: the scope it compares, the map
specs, the table's captions, the Excel download and the kabupaten marked on the charts. The page reads its
widgets, calls these and renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from petakesos import clock, maps
from petakesos.features import bandingkan
from petakesos.features.bandingkan import table as league
from petakesos.features.bandingkan import text
from petakesos.features.cakupan import between

# Indicators computed from case counts: beside a masked count they would give it back (× population, × PSM).
CASE_KEYS = ("kasus_per_1000", "kasus_per_psm", "delta_kasus_per_1000", "delta_kasus_per_psm")
SMALL = "<5"


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
        no_data_label=_no_data(look, key, suppress),
    )


def _no_data(look: bandingkan.MapLook, key: str, suppress: bool) -> str:
    """The legend row of places without a value; with masking, a case figure may be empty because of it."""
    masked = suppress and bandingkan.CHANGE_OF.get(key, key) in CASE_KEYS
    return f"{look.no_data_label} / {SMALL} kasus" if masked else look.no_data_label


def desa_spec(key: str, kabupaten: str, tahun: int, suppress: bool) -> maps.MapSpec:
    """One small-multiple map: the desa figure of indicator `key` in one kabupaten."""
    look = bandingkan.desa_map_look(key)
    return maps.MapSpec(
        title=kabupaten,
        subtitle=str(tahun),
        value_label=look.label,
        palette=look.palette,
        suppress_small=suppress,
        no_data_label=_no_data(look, key, suppress),
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
    params = league.export_parameters(scope_name, tahun, base, key, suppress, today or clock.today())
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


def _small(rows: pd.DataFrame) -> pd.Series:
    """Rows (kabupaten × year, or desa) whose case count, or cases in desa with a population, is 1–4."""
    return rows["kasus"].between(1, 4) | rows["kasus_berpenduduk"].between(1, 4)


def masked_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Sums rows with the cases of a row of 1–4 cases left out (NaN): every rate computed from them is then
    empty, a median or rank skips them, and the other sums (desa, population, PSM) stay."""
    keep = ~_small(rows)
    return rows.assign(
        kasus=rows["kasus"].astype(float).where(keep),
        kasus_berpenduduk=rows["kasus_berpenduduk"].astype(float).where(keep),
    )


def league_table(
    scope_rows: pd.DataFrame, all_rows: pd.DataFrame, tahun: int, base: int | None, key: str, suppress: bool
) -> pd.DataFrame:
    """`bandingkan.league_table`; with `suppress`, a kabupaten with 1–4 cases shows "<5" and no figure
    computed from its cases (rate, cases per PSM, their change, its rank on them, its share of the median),
    and a province holding such a kabupaten shows its cases as the range they can take and no case rate."""
    if not suppress:
        return bandingkan.league_table(scope_rows, all_rows, tahun, base, key)
    table = bandingkan.league_table(masked_sums(scope_rows), masked_sums(all_rows), tahun, base, key)
    table[league.SHOWN_AS] = None  # the text shown instead of an emptied case count (see league.styled_table)
    now = scope_rows[scope_rows["tahun"] == tahun]
    small_now = set(now.loc[_small(now), "kode_kab"])
    kab = table["jenis_baris"] == bandingkan.ROW_KAB
    table.loc[kab & table["kode_kab"].isin(small_now), league.SHOWN_AS] = SMALL
    years = [tahun] if base is None else [tahun, base]
    rows = scope_rows[scope_rows["tahun"].isin(years)]
    hidden = rows.assign(_small=_small(rows)).groupby("kode_prov")["_small"].sum()
    for i in table.index[table["jenis_baris"] == bandingkan.ROW_PROV]:
        prov = table.at[i, "kode_prov"]
        if hidden.get(prov, 0):
            part = now[now["kode_prov"] == prov]
            shown, n = part.loc[~_small(part), "kasus"], int(_small(part).sum())
            table.at[i, league.SHOWN_AS] = between(int(shown.sum()), n)
            table.at[i, "kasus"] = np.nan
            table.loc[i, [c for c in CASE_KEYS if c in table]] = np.nan
    return table


def trend(scope_rows: pd.DataFrame, key: str, years: list[int], suppress: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`bandingkan.trend`; with `suppress`, no case figure of a kabupaten-year with 1–4 cases, nor of its
    province that year (the province minus the other lines would give it back)."""
    if not suppress or bandingkan.CHANGE_OF.get(key, key) not in CASE_KEYS:
        return bandingkan.trend(scope_rows, key, years)
    kab, prov = bandingkan.trend(masked_sums(scope_rows), key, years)
    small = scope_rows.loc[_small(scope_rows), ["kode_prov", "tahun"]]
    hit = prov.set_index(["kode", "tahun"]).index.isin(list(small.itertuples(index=False, name=None)))
    return kab, prov.assign(nilai=prov["nilai"].where(~hit))


def small_multiples(
    desa_by_kab: Mapping[str, pd.DataFrame], key: str, suppress: bool
) -> tuple[dict[str, pd.DataFrame], pd.Series]:
    """`bandingkan.small_multiples`; with `suppress`, a desa with 1–4 cases has no rate or cases per PSM
    on the map (× its population or PSM it is the count) and takes no part in the shared classes."""
    frames = {k: masked_sums(v) if suppress else v for k, v in desa_by_kab.items()}
    return bandingkan.small_multiples(frames, key)
