"""Plotly figures of the district comparison: need against capacity, and each kabupaten over time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from petakesos import fmt
from petakesos.features.bandingkan import INDICATORS, ROW_KAB
from petakesos.features.bandingkan.text import CHART as TEXT

SEPARATORS = ",."  # Indonesian: decimal comma, thousands dot
GREY = "#c4c4c4"
PROVINCE_COLORS = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#17becf")
HIGHLIGHT_COLORS = ("#d62728", "#ff7f0e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")


def _number(key: str, value: float) -> str:
    """A value of indicator `key` in Indonesian format, with the decimals the table uses."""
    digits = {"rate": 1, "percent": 1, "count": 0}.get(INDICATORS[key].kind, 2)
    return fmt.decimal(value, digits) + ("%" if INDICATORS[key].kind == "percent" else "")


def _hover(label_x: str, label_y: str, fmt_x: str, fmt_y: str) -> str:
    return (
        f"<b>%{{customdata[0]}}</b><br>{label_x}: %{{x:{fmt_x}}}<br>{label_y}: %{{y:{fmt_y}}}"
        f"<br>{TEXT['penduduk']}: %{{customdata[1]:,.0f}}<extra></extra>"
    )


def need_capacity(table: pd.DataFrame, capacity_key: str, highlight: list[str], height: int = 560) -> go.Figure:
    """Scatter: capacity (x) against PMKS per 1,000 (y), one dot per kabupaten sized by population,
    dashed lines at the medians of the dots shown; the top-left quadrant is high need, low capacity."""
    kab = table[table["jenis_baris"] == ROW_KAB].dropna(subset=[capacity_key, "kasus_per_1000"])
    x_label, y_label = INDICATORS[capacity_key].label, INDICATORS["kasus_per_1000"].label
    fig = go.Figure()
    pop = kab["penduduk"].astype(float).fillna(0)
    sizeref = 2.0 * float(pop.max()) / (42.0**2) if len(kab) and pop.max() > 0 else 1.0
    hover = _hover(x_label, y_label, ",.2f", ",.1f")
    provinces = list(dict.fromkeys(kab["nama_prov"]))
    for i, prov in enumerate(provinces):
        part = kab[kab["nama_prov"] == prov]
        fig.add_trace(
            go.Scatter(
                x=part[capacity_key],
                y=part["kasus_per_1000"],
                mode="markers",
                name=prov,
                showlegend=len(provinces) > 1,
                marker=dict(
                    size=part["penduduk"].astype(float).fillna(0),
                    sizemode="area",
                    sizeref=sizeref,
                    sizemin=4,
                    color=PROVINCE_COLORS[i % len(PROVINCE_COLORS)],
                    opacity=0.55,
                    line=dict(width=0.5, color="white"),
                ),
                customdata=np.column_stack([part["nama_kab"], part["penduduk"].astype(float)]),
                hovertemplate=hover,
            )
        )
    picked = kab[kab["kode_kab"].isin(highlight)]
    if len(picked):
        fig.add_trace(
            go.Scatter(
                x=picked[capacity_key],
                y=picked["kasus_per_1000"],
                mode="markers+text",
                showlegend=False,
                text=picked["nama_kab"].str.replace(r"^(Kabupaten|Kota) ", "", regex=True),
                textposition="top center",
                marker=dict(
                    size=picked["penduduk"].astype(float).fillna(0),
                    sizemode="area",
                    sizeref=sizeref,
                    sizemin=4,
                    color="rgba(0,0,0,0)",
                    line=dict(width=2.5, color="#d62728"),
                ),
                customdata=np.column_stack([picked["nama_kab"], picked["penduduk"].astype(float)]),
                hovertemplate=hover,
            )
        )
    if len(kab):
        # The median of the dots drawn (the kabupaten of the scope with both figures), named as such: the
        # table's median row may be taken over more kabupaten/kota.
        mx, my = float(kab[capacity_key].median()), float(kab["kasus_per_1000"].median())
        fig.add_vline(
            x=mx,
            line=dict(dash="dash", color="#777", width=1),
            annotation_position="bottom right",
            annotation_text=TEXT["median"].format(label=x_label, n=len(kab), value=_number(capacity_key, mx)),
        )
        fig.add_hline(
            y=my,
            line=dict(dash="dash", color="#777", width=1),
            annotation_position="top right",
            annotation_text=TEXT["median"].format(label=y_label, n=len(kab), value=_number("kasus_per_1000", my)),
        )
        fig.add_annotation(
            xref="paper",
            yref="paper",
            x=0.01,
            y=0.99,
            xanchor="left",
            yanchor="top",
            text=TEXT["quadrant"],
            showarrow=False,
            font=dict(color="#b2182b", size=13),
            bgcolor="rgba(255,255,255,0.7)",
        )
    fig.update_layout(
        separators=SEPARATORS,
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        xaxis_title=x_label,
        yaxis_title=y_label,
        plot_bgcolor="white",
        legend=dict(orientation="h", y=1.06, x=0),
        hovermode="closest",
    )
    fig.update_xaxes(gridcolor="#eee", zeroline=False)
    fig.update_yaxes(gridcolor="#eee", zeroline=False)
    return fig


def over_time(
    kab: pd.DataFrame, prov: pd.DataFrame, key: str, highlight: list[str], names: dict[str, str], height: int = 480
) -> go.Figure:
    """Lines by year: every kabupaten in thin grey, the highlighted ones in colour, the province dashed.

    `kab` and `prov` have columns kode, nama, tahun, nilai (from bandingkan.trend)."""
    level_key = key.replace("delta_", "")
    label = INDICATORS[level_key].label
    fmt_y = ",.1f" if INDICATORS[level_key].kind in ("rate", "percent") else ",.2f"
    if INDICATORS[level_key].kind == "count":
        fmt_y = ",.0f"
    fig = go.Figure()
    hover = f"<b>%{{customdata}}</b><br>%{{x:d}}: %{{y:{fmt_y}}}<extra></extra>"  # a year has no dot
    for _, part in kab[~kab["kode"].isin(highlight)].groupby("kode", sort=True):
        fig.add_trace(
            go.Scatter(
                x=part["tahun"],
                y=part["nilai"],
                mode="lines",
                showlegend=False,
                line=dict(color=GREY, width=1),
                customdata=part["nama"],
                hovertemplate=hover,
            )
        )
    for _, part in prov.groupby("kode", sort=True):
        fig.add_trace(
            go.Scatter(
                x=part["tahun"],
                y=part["nilai"],
                mode="lines",
                name=part["nama"].iloc[0],
                line=dict(color="#222", width=2.5, dash="dash"),
                customdata=part["nama"],
                hovertemplate=hover,
            )
        )
    for i, code in enumerate(highlight):
        part = kab[kab["kode"] == code]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["tahun"],
                y=part["nilai"],
                mode="lines+markers",
                name=names.get(code, code),
                line=dict(color=HIGHLIGHT_COLORS[i % len(HIGHLIGHT_COLORS)], width=3),
                customdata=part["nama"],
                hovertemplate=hover,
            )
        )
    fig.update_layout(
        separators=SEPARATORS,
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        yaxis_title=label,
        xaxis_title=TEXT["tahun"],
        plot_bgcolor="white",
        legend=dict(orientation="h", y=1.08, x=0),
        hovermode="closest",
    )
    fig.update_xaxes(dtick=1, gridcolor="#eee", tickformat="d")
    fig.update_yaxes(
        gridcolor="#eee", rangemode="tozero", tickformat=",d" if INDICATORS[level_key].kind == "count" else None
    )
    return fig
