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
from petakesos.features.bandingkan import ranges, text
from petakesos.features.bandingkan import table as league

# Indicators computed from case counts: beside a masked count they would give it back (× population, × PSM).
CASE_KEYS = ("kasus_per_1000", "kasus_per_psm", "delta_kasus_per_1000", "delta_kasus_per_psm")
SMALL = ranges.SMALL


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


def masked_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Sums rows with the cases of a row of 1–4 cases left out (NaN): every rate computed from them is then
    empty, a median or rank skips them, and the other sums (desa, population, PSM) stay."""
    return ranges.masked(rows, ranges.small(rows))


def _aligned(other: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """`other` (a league table of the same rows, sorted its own way) in the row order of `table`."""
    keys = ["jenis_baris", "kode"]
    return other.set_index(keys).reindex(pd.MultiIndex.from_frame(table[keys])).reset_index().set_index(table.index)


def league_table(
    scope_rows: pd.DataFrame, all_rows: pd.DataFrame, tahun: int, base: int | None, key: str, suppress: bool
) -> pd.DataFrame:
    """`bandingkan.league_table`; with `suppress`, a kabupaten holding desa of 1–4 cases shows its cases
    and every figure built from them (rate, cases per PSM, their change, the province and median rows) as
    the range they can take, ranked and sorted by the low end (see `ranges`). Sums without the desa parts
    (`ranges.hidden`) fall back to "<5" for a kabupaten of 1–4 cases, no figure computed from its cases,
    and a province holding one shows its cases as a range and no case rate."""
    if not suppress:
        return bandingkan.league_table(scope_rows, all_rows, tahun, base, key)

    def at(per: int) -> pd.DataFrame:
        scope, every = (ranges.crossed(r, tahun, base, per) for r in (scope_rows, all_rows))
        return bandingkan.league_table(scope, every, tahun, base, key)

    table = at(ranges.LOW)
    high = _aligned(at(ranges.HIGH), table)
    for col in ("kasus", *CASE_KEYS):
        if col in table:
            show = league.formatter(col, False)
            table[league.shown_as(col)] = ranges.shown(table[col], high[col], show, col in bandingkan.CHANGE_OF)
    now = scope_rows[scope_rows["tahun"] == tahun]
    small_now = set(now.loc[ranges.hidden(now), "kode_kab"])
    kab = table["jenis_baris"] == bandingkan.ROW_KAB
    table.loc[kab & table["kode_kab"].isin(small_now), league.SHOWN_AS] = SMALL
    years = [tahun] if base is None else [tahun, base]
    rows = scope_rows[scope_rows["tahun"].isin(years)]
    hidden = rows.assign(_small=ranges.hidden(rows)).groupby("kode_prov")["_small"].sum()
    for i in table.index[table["jenis_baris"] == bandingkan.ROW_PROV]:
        prov = table.at[i, "kode_prov"]
        if hidden.get(prov, 0):
            part = now[now["kode_prov"] == prov]
            n = int(ranges.hidden(part).sum())  # kabupaten of 1–4 cases: left out of the sums, 1 to 4 each
            low, top = table.at[i, "kasus"] + n * ranges.LOW, high.at[i, "kasus"] + n * ranges.HIGH
            table.at[i, league.SHOWN_AS] = ranges.count_text(low, top)
            table.at[i, "kasus"] = np.nan
            for col in (c for c in CASE_KEYS if c in table):
                table.at[i, col], table.at[i, league.shown_as(col)] = np.nan, None
    return table


def trend(scope_rows: pd.DataFrame, key: str, years: list[int], suppress: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`bandingkan.trend`; with `suppress`, a kabupaten-year holding desa of 1–4 cases is drawn at the low
    end of its range (`ranges`), never at its exact figure; a `ranges.hidden` one has no case figure, nor
    its province that year (the province minus the other lines would give it back)."""
    if not suppress or bandingkan.CHANGE_OF.get(key, key) not in CASE_KEYS:
        return bandingkan.trend(scope_rows, key, years)
    kab, prov = bandingkan.trend(ranges.end(scope_rows, ranges.LOW), key, years)
    small = scope_rows.loc[ranges.hidden(scope_rows), ["kode_prov", "tahun"]]
    hit = prov.set_index(["kode", "tahun"]).index.isin(list(small.itertuples(index=False, name=None)))
    return kab, prov.assign(nilai=prov["nilai"].where(~hit))


def map_values(table: pd.DataFrame, key: str) -> pd.DataFrame:
    """`bandingkan.map_values` plus the tooltip text of a figure shown as a range ('5,0–6,5') or masked
    ('<5 kasus'); the colour and rank follow the low end, as in the table."""
    values = bandingkan.map_values(table, key)
    kab = table[table["jenis_baris"] == bandingkan.ROW_KAB].reset_index(drop=True)
    col = league.shown_as(key)
    teks = kab[col] if col in kab else pd.Series([None] * len(kab), dtype=object)
    if league.SHOWN_AS in kab and bandingkan.CHANGE_OF.get(key, key) in CASE_KEYS:
        teks = teks.where(kab[league.SHOWN_AS] != SMALL, f"{SMALL} kasus")
    return values.assign(teks=teks.to_numpy())


def small_multiples(
    desa_by_kab: Mapping[str, pd.DataFrame], key: str, suppress: bool
) -> tuple[dict[str, pd.DataFrame], pd.Series]:
    """`bandingkan.small_multiples`; with `suppress`, a desa with 1–4 cases has no rate or cases per PSM
    on the map (× its population or PSM it is the count) and takes no part in the shared classes."""
    frames = {k: masked_sums(v) if suppress else v for k, v in desa_by_kab.items()}
    return bandingkan.small_multiples(frames, key)
