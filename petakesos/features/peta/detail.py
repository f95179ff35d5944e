"""Peta PMKS: the list under the map, the desa side panel, the trend chart and the map exports.

Everything a person can read or download passes through here, so small counts (1–4) are masked as
"<5" in one place when suppression is on, together with every figure shown beside them that would give
them back: the rate and rank of a masked desa (values_frame leaves them empty), the trend's rate in a
year with 1–4 cases, and the count of a single category that the desa's total minus the others reveals.
A kabupaten of the all-provinces map reads as the range its desa shown "<5" leave (peta.ranges, peta.cells).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from petakesos import fmt, maps
from petakesos.features.peta import class_labels, is_small, ranges, value_text
from petakesos.features.peta.cells import MASKED
from petakesos.features.peta.cells import count_column as _count_column
from petakesos.features.peta.cells import table_styler as table_styler  # the page's name for it
from petakesos.features.peta.text import (
    CATEGORY_COLUMNS,
    COL_KODE,
    OTHER_CATEGORIES,
    PANEL_COLUMNS,
    PANEL_TEXT,
    PARAMETERS,
    SMALL_TEXT,
    TABLE_TEXT,
    UKURAN,
    UKURAN_SHORT,
    YES_NO,
)
from petakesos.maps.spec import PALETTE_LABELS


def table_frame(
    values: pd.DataFrame, classes: maps.Classes, ukuran: str, suppress: bool, level: str = "desa"
) -> pd.DataFrame:
    """The mapped areas as the table under the map (and the Excel sheet): names, value, class, rank.

    Sorted by rank. With suppression on, case counts 1–4 read "<5" and a total over desa shown "<5" its
    range, value and cases alike ('10–13', ranges.at_low_end): those cells become text, the others numbers.
    """
    v = values.sort_values(["peringkat", "kode"], na_position="last").reset_index(drop=True)
    out = pd.DataFrame({COL_KODE: v["kode"]})
    if level == "kab":
        out[TABLE_TEXT["kab"]] = v["nama"]
        out[TABLE_TEXT["prov"]] = v["nama_prov"]
    else:
        out[TABLE_TEXT["desa"]] = v["nama"]
        out[TABLE_TEXT["kec"]] = v["nama_kec"]
        if v["kode_kab"].nunique() > 1:
            out[TABLE_TEXT["kab"]] = v["nama_kab"]
    kasus = ranges.with_text(_count_column(v["kasus"], suppress), v.get(ranges.KASUS_TEXT))
    if ukuran == "rate":
        out[UKURAN_SHORT[ukuran]] = ranges.with_text(v["nilai"].round(2), v.get(ranges.NILAI_TEXT))
        out[TABLE_TEXT["kasus"]] = kasus
    else:
        out[UKURAN_SHORT[ukuran]] = kasus  # nilai is empty where masked
    out[TABLE_TEXT["penduduk"]] = pd.to_numeric(v["penduduk"], errors="coerce").astype("Int64")
    labels = class_labels(v["nilai"], classes)
    if "teks" in v:  # a masked desa: its class would bound its rate, so the cell says why it has none
        labels = [t if isinstance(t, str) and pd.isna(n) else x for t, n, x in zip(v["teks"], v["nilai"], labels)]
    out[TABLE_TEXT["kelas"]] = labels
    out[TABLE_TEXT["peringkat"]] = v["peringkat"].astype("Int64")
    return out


def filter_table(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows whose code or any name column contains `text` (case-insensitive); all rows for ''."""
    text = (text or "").strip().lower()
    if not text:
        return table
    names = [c for c in (COL_KODE, *(TABLE_TEXT[k] for k in ("desa", "kec", "kab", "prov"))) if c in table]
    hit = pd.Series(False, index=table.index)
    for col in names:
        hit |= table[col].astype(str).str.lower().str.contains(text, regex=False)
    return table[hit]


def parameters(
    *,
    wilayah_nama: str,
    wilayah_kode: str,
    periode_label: str,
    kategori_text: str,
    ukuran: str,
    spec: maps.MapSpec,
    suppress: bool,
    definisi: str,
) -> dict[str, str]:
    """The Parameter sheet of the Excel download: everything needed to reproduce the map."""
    values = {
        "wilayah": f"{wilayah_nama} ({wilayah_kode or 'semua'})",
        "periode": periode_label,
        "kategori": kategori_text,
        "ukuran": UKURAN[ukuran],
        "klasifikasi": spec.classification_text(spec.k),
        "palet": PALETTE_LABELS.get(spec.palette, spec.palette),
        "samarkan": YES_NO[bool(suppress)],
        "definisi": definisi,
        "sumber": spec.source_note,
        "data_per": spec.asof,
    }
    return {PARAMETERS[k]: v for k, v in values.items()}


def desa_detail(values: pd.DataFrame, kode: str, ukuran: str, suppress: bool) -> dict[str, str] | None:
    """Figures of one desa for the side panel: names, value, cases, population, ranks in kec and kab.

    `values` must cover the desa's whole kabupaten (values_frame), so the kabupaten rank is right.
    """
    row = values.loc[values["kode"] == kode]
    if row.empty:
        return None
    r = row.iloc[0]
    hidden = suppress and is_small(r["kasus"])
    if suppress:  # whatever frame it is handed: a masked desa has no rank, the others rank only among themselves
        small = pd.to_numeric(values["kasus"], errors="coerce").between(1, 4)
        r = r.copy()
        for level in ("kec", "kab"):
            peers = values.loc[(values[f"kode_{level}"] == r[f"kode_{level}"]) & ~small, "nilai"].dropna()
            r[f"n_{level}"] = len(peers)
            r[f"peringkat_{level}"] = float("nan") if hidden or pd.isna(r["nilai"]) else (peers > r["nilai"]).sum() + 1

    def rank(level: str) -> str:
        pos = r[f"peringkat_{level}"]
        return fmt.MISSING if pd.isna(pos) else f"{fmt.number(pos)} dari {fmt.number(r[f'n_{level}'])}"

    return {
        "kode": kode,
        "nama": str(r["nama"]),
        "kecamatan": str(r["nama_kec"]),
        "kabupaten": str(r["nama_kab"]),
        "nilai": SMALL_TEXT
        if hidden
        else value_text(r["nilai"], "rate")
        if ukuran == "rate"
        else fmt.small_count(r["nilai"], suppress),
        "kasus": fmt.small_count(r["kasus"], suppress),
        "penduduk": fmt.number(r["penduduk"]),
        "peringkat_kec": rank("kec"),
        "peringkat_kab": rank("kab"),
    }


def category_table(rows: pd.DataFrame, suppress: bool) -> pd.DataFrame:
    """Cases per PMKS category of one desa (peta_kasus_per_kategori rows): name and count.

    With `suppress`, a category with 1–4 cases reads "<5"; when the desa's total (the sum of the rows) is
    shown, those categories are one row without their names ('2 kategori lain (masing-masing <5 kasus)'),
    so the total minus the named ones gives only their sum, never the count of a named category."""
    names = (rows["kode"].astype(str) + " " + rows["nama"].fillna("").astype(str)).str.strip()
    counts = pd.to_numeric(rows["kasus"], errors="coerce")
    if not suppress or is_small(counts.sum()):  # the total is "<5" too: nothing to subtract from
        return pd.DataFrame({CATEGORY_COLUMNS[0]: names, CATEGORY_COLUMNS[1]: _count_column(counts, suppress)})
    small = counts.between(1, 4)
    out = pd.DataFrame({CATEGORY_COLUMNS[0]: names[~small], CATEGORY_COLUMNS[1]: _count_column(counts[~small], False)})
    if small.any():
        other = {CATEGORY_COLUMNS[0]: OTHER_CATEGORIES.format(n=fmt.number(small.sum())), CATEGORY_COLUMNS[1]: MASKED}
        out = pd.concat([out.astype(object), pd.DataFrame([other])], ignore_index=True)
    return out.reset_index(drop=True)


def figures_table(d: Mapping[str, str], psm: Mapping[str, str], ukuran: str, tahun: int) -> pd.DataFrame:
    """The desa panel's figures as label/value text rows: a narrow panel wraps them instead of clipping
    metric labels (desa_detail and psm_text give the values, already in Indonesian format)."""
    rows = [
        (UKURAN_SHORT[ukuran], d["nilai"]),
        (
            PANEL_TEXT["kasus"] if ukuran == "rate" else PANEL_TEXT["penduduk"],
            d["kasus"] if ukuran == "rate" else d["penduduk"],
        ),
        (PANEL_TEXT["rank_kec"], d["peringkat_kec"]),
        (PANEL_TEXT["rank_kab"], d["peringkat_kab"]),
        (PANEL_TEXT["psm_aktif"].format(tahun=tahun), psm["psm_aktif"]),
        (PANEL_TEXT["psm_terlatih"], psm["psm_terlatih"]),
        (PANEL_TEXT["psm_sertifikat"], psm["psm_bersertifikat"]),
    ]
    return pd.DataFrame(rows, columns=list(PANEL_COLUMNS)).set_index(PANEL_COLUMNS[0])


def psm_text(row: Mapping[str, object]) -> dict[str, str]:
    """PSM counts of a desa (active, passed Bimtek Dasar, certified) as display text.

    Not masked: PSM are appointed by a public SK; only PMKS case counts are shown as "<5".
    """
    return {k: fmt.number(row[k]) for k in ("psm_aktif", "psm_terlatih", "psm_bersertifikat")}


def trend_figure(trend: pd.DataFrame, ukuran: str, suppress: bool, title: str) -> go.Figure:
    """Plotly line of the desa's yearly figure (peta_tren_tahunan rows); masked counts are not drawn."""
    small = trend["kasus"].map(is_small) if suppress else pd.Series(False, index=trend.index)
    if ukuran == "rate":  # a year's rate times the desa's population would give a masked count back
        y = trend["kasus_per_1000"].astype(float).where(~small)
        text = [SMALL_TEXT if hide else value_text(v, "rate") for v, hide in zip(y, small)]
    else:
        y = trend["kasus"].astype(float)
        if suppress:
            y = y.where(~y.between(1, 4))
        text = [fmt.small_count(v, suppress) for v in trend["kasus"]]
    fig = go.Figure(
        go.Scatter(
            x=trend["tahun"],
            y=y,
            mode="lines+markers",
            text=text,
            hovertemplate="%{x}: %{text}<extra></extra>",
            line={"color": "#b30000"},
            connectgaps=False,
        )
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 13}},
        height=230,
        separators=",.",
        margin={"l": 10, "r": 10, "t": 36, "b": 10},
        xaxis={"dtick": 1},
        yaxis={"rangemode": "tozero"},
    )
    return fig


def html_bytes(
    layer: gpd.GeoDataFrame,
    values: pd.DataFrame,
    spec: maps.MapSpec,
    classes: maps.Classes | None = None,
    outline: gpd.GeoDataFrame | None = None,
    bubbles_col: str | None = None,
) -> bytes:
    """The map as one self-contained HTML file (Leaflet inlined; opens with no network)."""
    m = maps.choropleth(layer, values, spec, outline_layer=outline, bubbles_col=bubbles_col, classes=classes)
    return maps.map_html(m).encode("utf-8")


def png_bytes(
    layer: gpd.GeoDataFrame,
    values: pd.DataFrame,
    spec: maps.MapSpec,
    classes: maps.Classes | None = None,
    outline: gpd.GeoDataFrame | None = None,
) -> bytes:
    """The same map as a PNG for slides (title, legend, scale bar, north arrow, source)."""
    with tempfile.TemporaryDirectory(prefix="petakesos-png-") as tmp:
        path = maps.export_png(layer, values, spec, Path(tmp) / "peta.png", classes=classes, outline_layer=outline)
        return path.read_bytes()


def pair_html_bytes(
    layer: gpd.GeoDataFrame,
    values: Sequence[pd.DataFrame],
    specs: Sequence[maps.MapSpec],
    classes: maps.Classes,
    outline: gpd.GeoDataFrame | None = None,
    bubbles_col: str | None = None,
) -> bytes:
    """Compare mode: both periods side by side in one offline HTML file (earlier period first)."""
    parts = [
        maps.map_parts(layer, v, s, outline_layer=outline, bubbles_col=bubbles_col, classes=classes)
        for v, s in zip(values, specs)
    ]
    return maps.pair_html(parts, f"{specs[0].title} — {specs[0].subtitle} / {specs[1].subtitle}").encode("utf-8")


def pair_png_bytes(
    layer: gpd.GeoDataFrame,
    values: Sequence[pd.DataFrame],
    specs: Sequence[maps.MapSpec],
    classes: maps.Classes,
    outline: gpd.GeoDataFrame | None = None,
    period_labels: Sequence[str] = ("1", "2"),
) -> bytes:
    """Compare mode: both periods as two panels of one PNG with one shared legend (one slide)."""
    with tempfile.TemporaryDirectory(prefix="petakesos-png-") as tmp:
        path = maps.export_png_pair(
            layer, values, specs, Path(tmp) / "peta.png", classes, period_labels, outline_layer=outline
        )
        return path.read_bytes()
