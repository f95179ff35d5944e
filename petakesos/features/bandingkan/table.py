"""The league table of Bandingkan Kabupaten as people see it: column order and headers, Indonesian
number formats, highlighted and reference rows, small case counts as "<5", and the Excel version."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from petakesos import fmt
from petakesos.features.bandingkan import CHANGE_OF, INDICATORS, ROW_KAB, ROW_MEDIAN, worst
from petakesos.features.bandingkan.text import (
    DELTA_HEADER,
    EXPORT_HEADERS,
    HEADERS,
    PARAMETERS,
    POINTS,
    ROW_RANKED,
    ROW_TEXT,
    ROW_UNRANKED,
    WORST_LINE,
    WORST_NOW,
    WORST_SINCE,
    YES_NO,
)

HIGHLIGHT_CSS = "background-color: #fff3b0"
REFERENCE_CSS = "background-color: #eef1f5"


# With masking, a case count that would give a small count back is emptied (NaN: no number reaches the
# browser) or kept at the low end of its range, and a `shown_as` column holds what is shown in its place:
# "<5", or a range such as "10–13" (cases) or "5,0–6,5" (a rate built from them).
def shown_as(col: str) -> str:
    """The column holding what is shown in place of column `col`'s number, where masking needs it."""
    return f"{col}_tampil"


SHOWN_AS = shown_as("kasus")
SMALL_COUNT_COLUMNS = ("kasus",)  # PMKS case counts: 1–4 may be shown as "<5" (PSM counts are public)
COUNT_COLUMNS = ("peringkat", "jumlah_desa", "psm_aktif", "psm_terlatih", "penduduk")
TABLE_LEVELS = (
    "kasus_per_1000",
    "psm_per_desa",
    "persen_desa_psm",
    "desa_tanpa_psm",
    "kasus_per_psm",
    "persen_terlatih",
)
TABLE_CHANGES = ("delta_kasus_per_1000", "delta_desa_tanpa_psm")


def columns(base: int | None, multi_province: bool, key: str) -> dict[str, str]:
    """Table column → header, in display order: the sorted indicator and its change come right after
    the name (so the answer is visible without scrolling), the people/desa counts last."""
    level = CHANGE_OF.get(key, key)
    delta = f"delta_{level}"
    first = [key, level if key != level else delta]
    order = [
        "peringkat",
        "nama",
        *(["nama_prov"] if multi_province else []),
        *first,
        *TABLE_LEVELS,
        *TABLE_CHANGES,
        "jumlah_desa",
        "kasus",
        "psm_aktif",
    ]
    cols: dict[str, str] = {}
    for col in order:
        if col in cols or (col.startswith("delta_") and base is None):
            continue
        is_delta = col.startswith("delta_")
        cols[col] = DELTA_HEADER.format(label=HEADERS[CHANGE_OF[col]], base=base) if is_delta else HEADERS[col]
    return cols


def _signed(value, digits: int) -> str:
    if pd.isna(value):
        return "–"
    text = f"{abs(float(value)):,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text if round(float(value), digits) == 0 else ("+" if value > 0 else "−") + text


def _delta_text(level: str, value) -> str:
    kind = INDICATORS[level].kind
    digits = {"count": 0, "rate": 2, "ratio": 2, "percent": 1}[kind]
    text = _signed(value, digits)
    return text + POINTS if kind == "percent" and text != "–" else text


def formatter(col: str, suppress: bool):
    """Display text for one cell of column `col` (Indonesian numbers, '<5' for small people counts); a
    cell that is already text (a masked count '<5', a range '1–4') is shown as it is."""
    show = _formatter(col, suppress)
    return lambda v: v if isinstance(v, str) else show(v)


def _formatter(col: str, suppress: bool):
    if col in SMALL_COUNT_COLUMNS:
        return (lambda v: fmt.small_count(v, True)) if suppress else (lambda v: fmt.cell(v, None))
    if col in COUNT_COLUMNS:
        # Whole numbers without decimals; a median of counts may end in ,5 and says so.
        return lambda v: fmt.cell(v, None)
    if col in CHANGE_OF:
        return lambda v: _delta_text(CHANGE_OF[col], v)
    kind = INDICATORS[col].kind if col in INDICATORS else "text"
    return {
        "count": lambda v: fmt.cell(v, None),
        "rate": lambda v: fmt.decimal(v, 1),
        "ratio": lambda v: fmt.decimal(v, 2),
        "percent": fmt.percent,
    }.get(kind, lambda v: "" if pd.isna(v) else str(v))


def styled_table(table: pd.DataFrame, base: int | None, key: str, highlight: str | None, suppress: bool):
    """A pandas Styler of the league table: Indonesian headers and numbers, the chosen kabupaten
    and the reference rows shaded. Cells keep their numbers, so sorting by a column still works."""
    multi = table.loc[table["jenis_baris"] == ROW_KAB, "kode_prov"].nunique() > 1
    cols = columns(base, multi, key)
    frame = table[list(cols)].rename(columns=cols).reset_index(drop=True)
    css = np.where(
        table["jenis_baris"].to_numpy() != ROW_KAB,
        REFERENCE_CSS,
        np.where(table["kode_kab"].to_numpy() == (highlight or "-"), HIGHLIGHT_CSS, ""),
    )
    css_frame = pd.DataFrame({c: css for c in frame.columns})
    # A median is not a count of people in one place: it is never shown as "<5".
    median = np.flatnonzero(table["jenis_baris"].to_numpy() == ROW_MEDIAN)
    places = np.flatnonzero(table["jenis_baris"].to_numpy() != ROW_MEDIAN)
    styler = (
        frame.style.format({cols[c]: formatter(c, suppress) for c in cols}, subset=(places, list(frame.columns)))
        .format({cols[c]: formatter(c, False) for c in cols}, subset=(median, list(frame.columns)))
        .apply(lambda _: css_frame, axis=None)
        .hide(axis="index")
    )
    for col in (c for c in cols if shown_as(c) in table):
        texts = table[shown_as(col)]
        for i in np.flatnonzero(texts.notna().to_numpy()):
            styler = styler.format(lambda _, t=texts.iloc[i]: t, subset=([i], [cols[col]]))
    return styler


def export_table(table: pd.DataFrame, base: int | None, key: str, suppress: bool) -> pd.DataFrame:
    """The league table for Excel: numbers (rounded), Indonesian headers, a row-type column; people
    counts 1–4 written as '<5' when suppression is on. Codes stay text."""
    multi = table.loc[table["jenis_baris"] == ROW_KAB, "kode_prov"].nunique() > 1
    cols = {
        "jenis_baris": EXPORT_HEADERS["jenis_baris"],
        "kode": EXPORT_HEADERS["kode"],
        **columns(base, multi, key),
        **{c: EXPORT_HEADERS[c] for c in ("penduduk", "psm_terlatih", "psm_per_1000")},
    }
    frame = table[list(cols)].copy()
    for col in frame.columns:
        if col in CHANGE_OF or (col in INDICATORS and INDICATORS[col].kind != "count"):
            frame[col] = frame[col].astype(float).round(3)
    for col in (c for c in frame.columns if shown_as(c) in table):  # a range is text; other cells stay numbers
        frame[col] = frame[col].astype(object).where(table[shown_as(col)].isna(), table[shown_as(col)])
    if suppress:
        for col in SMALL_COUNT_COLUMNS:
            frame[col] = [
                ("<5" if not isinstance(v, str) and 1 <= v <= 4 and kind != ROW_MEDIAN else v) if pd.notna(v) else None
                for v, kind in zip(frame[col], frame["jenis_baris"])
            ]
    return frame.rename(columns=cols)


def median_of(table: pd.DataFrame) -> str:
    """What the table's median row is taken over, e.g. '88 kab/kota se-3 provinsi' (for captions)."""
    return table.loc[table["jenis_baris"] == ROW_MEDIAN, "nama"].iloc[0].removeprefix("Median ")


def export_parameters(
    scope_name: str, tahun: int, base: int | None, key: str, suppress: bool, today: dt.date
) -> dict[str, object]:
    """The 'Parameter' sheet of the Excel download: what the table shows, in words and Indonesian dates."""
    values = {
        "wilayah": scope_name,
        "tahun": tahun,
        "tahun_dasar": base or fmt.MISSING,
        "urut": INDICATORS[key].label,
        "samarkan": YES_NO[bool(suppress)],
        "dibuat": fmt.date(today),
    }
    return {PARAMETERS[k]: v for k, v in values.items()}


def _shown(row: pd.Series, col: str) -> str:
    """One figure of a table row as the table shows it: its range or "<5" text where masking set one."""
    masked = row.get(shown_as(col))
    return masked if isinstance(masked, str) else formatter(col, False)(row[col])


def worst_lines(table: pd.DataFrame, key: str, base: int | None, n: int = 3) -> list[str]:
    """'1. Kabupaten X — 120 (+15 sejak 2022)' for the n worst kabupaten on `key`, for the page summary."""
    level = CHANGE_OF.get(key, key)
    # Show the change beside a level, and the level beside a change.
    other = f"delta_{level}" if key == level else level
    lines = []
    for _, row in worst(table, key, n).iterrows():
        text = WORST_LINE.format(rank=row["peringkat"], nama=fmt.plain(row["nama"]), value=_shown(row, key))
        if base is not None and other in row and pd.notna(row[other]):
            if key == level:
                text += WORST_SINCE.format(change=_shown(row, other), base=base)
            else:
                text += WORST_NOW.format(value=_shown(row, level))
        lines.append(text)
    return lines


def row_text(table: pd.DataFrame, kode_kab: str, key: str) -> str | None:
    """'Kabupaten X: peringkat 4 dari 38 — 120' for one kabupaten (a map click, the chosen kabupaten)."""
    kab = table[table["jenis_baris"] == ROW_KAB]
    hit = kab[kab["kode_kab"] == kode_kab]
    if hit.empty:
        return None
    row = hit.iloc[0]
    ranked = pd.notna(row["peringkat"])
    where = ROW_RANKED.format(rank=row["peringkat"], n=int(kab["peringkat"].notna().sum())) if ranked else ROW_UNRANKED
    value = _shown(row, key)
    return ROW_TEXT.format(nama=fmt.plain(row["nama"]), where=where, label=INDICATORS[key].label, value=value)
