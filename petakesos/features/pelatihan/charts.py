"""Plotly figure builders shared by the pages: frames in, go.Figure out, labels in Bahasa Indonesia.

Every figure carries its own title, subtitle (wilayah and period) and source line, so the PNG a user
saves with the modebar camera (see `config`) stands on its own. Numbers use Indonesian separators
(1.234,5) and dates Indonesian month names; Plotly's English month names never show (year ticks only,
hover text built here). Add builders for other pages here, keeping them generic: columns are passed in
by name, never assumed.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from petakesos import fmt

# Colour-blind-safe qualitative palette (Okabe–Ito), then Plotly's for long legends.
COLORS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
TOTAL_COLOR = "#222222"
MUTED = "#b8b8b8"
MAX_POINT_LABELS = 25
FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def config(filename: str) -> dict:
    """Plotly config for st.plotly_chart: PNG download from the modebar (works offline), no logo."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def month_label(value) -> str:
    """'Nov 2022' with Indonesian month abbreviations."""
    t = pd.Timestamp(value)
    return f"{_MONTHS_SHORT[t.month - 1]} {t.year}"


def _texts(values: pd.Series) -> list[str]:
    """Hover text for a column: numbers Indonesian-formatted, anything else as text."""
    if pd.api.types.is_numeric_dtype(values):
        return [fmt.number(v) for v in values]
    return [str(v) for v in values]


def _finish(
    fig: go.Figure,
    title: str,
    subtitle: str,
    source: str,
    height: int,
    x_title: str = "",
    y_title: str = "",
    legend: bool = True,
    top_extra: int = 0,
) -> go.Figure:
    """Title and subtitle at the top (then a one-row legend), source note bottom right, Indonesian separators."""
    subline = f"<br><span style='font-size:13px;color:#555'>{fmt.chart_text(subtitle)}</span>" if subtitle else ""
    head = f"<b>{fmt.chart_text(title)}</b>" + subline
    top = 48 + (22 if subtitle else 0) + (30 if legend else 0) + top_extra
    bottom = 40 + (34 if x_title else 0) + (30 if source else 0)
    fig.update_layout(
        separators=",.",
        font={"family": FONT, "size": 13, "color": "#222"},
        title={
            "text": head,
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12, "l": 10},
        },
        height=height,
        margin={"l": 10, "r": 20, "t": top, "b": bottom},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0, "font": {"size": 12}},
        hoverlabel={"font": {"family": FONT}},
        xaxis_title=x_title,
        yaxis_title=y_title,
    )
    if source:
        fig.add_annotation(
            text=source,
            xref="paper",
            yref="paper",
            x=1,
            y=0,
            yshift=-(bottom - 8),
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
            font={"size": 11, "color": "#666"},
        )
    return fig


def _date_axis(fig: go.Figure, dates: pd.Series | None = None) -> None:
    """Year ticks (no English month names); with `dates`, a quarter-year margin so lone events show."""
    fig.update_xaxes(tickformat="%Y", dtick="M12", tick0="2000-01-01")
    if dates is not None and len(dates):
        lo, hi = pd.to_datetime(dates).min(), pd.to_datetime(dates).max()
        fig.update_xaxes(range=[lo - pd.Timedelta(days=100), hi + pd.Timedelta(days=100)])


def bars_and_lines(
    frame: pd.DataFrame,
    x: str,
    bars: Mapping[str, str],
    lines: Mapping[str, str],
    *,
    title: str,
    subtitle: str = "",
    source: str = "",
    x_title: str = "",
    y_title: str = "",
    monthly: bool = False,
    height: int = 420,
) -> go.Figure:
    """Counts over time: bars (e.g. new per period) under lines (e.g. stock at period end).

    `bars`/`lines` map column → legend label. `monthly` = x holds month dates (year ticks, month hover);
    otherwise x is a category such as the year.
    """
    fig = go.Figure()
    xs = frame[x]
    hover_x = [month_label(v) for v in xs] if monthly else [str(v) for v in xs]
    for i, (col, label) in enumerate(bars.items()):
        fig.add_bar(
            x=xs,
            y=frame[col],
            name=label,
            customdata=hover_x,
            marker_color=COLORS[(i + 1) % len(COLORS)],
            hovertemplate="%{customdata}: %{y:,}<extra>" + label + "</extra>",
        )
    for i, (col, label) in enumerate(lines.items()):
        fig.add_scatter(
            x=xs,
            y=frame[col],
            name=label,
            customdata=hover_x,
            mode="lines" if monthly else "lines+markers",
            line={
                "color": COLORS[(i + len(bars) + 1) % len(COLORS)] if i else COLORS[0],
                "width": 2.5,
                "shape": "hv" if monthly else "linear",
            },
            hovertemplate="%{customdata}: %{y:,}<extra>" + label + "</extra>",
        )
    if monthly:
        _date_axis(fig)
    else:
        fig.update_xaxes(type="category")
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    return _finish(fig, title, subtitle, source, height, x_title, y_title)


def percent_lines(
    frame: pd.DataFrame,
    x: str,
    y: str,
    *,
    group: str | None = None,
    total: pd.DataFrame | None = None,
    total_label: str = "Total",
    title: str,
    subtitle: str = "",
    source: str = "",
    x_title: str = "",
    y_title: str = "%",
    height: int = 460,
) -> go.Figure:
    """Percent (0–100) over a category x (years), one thin line per group and a thick total line."""
    fig = go.Figure()
    if group is not None and not frame.empty:
        groups = frame.groupby(group, sort=True)
        many = groups.ngroups > len(COLORS)  # too many to tell apart by colour: grey, named on hover
        for i, (name, part) in enumerate(groups):
            fig.add_scatter(
                x=part[x].astype(str),
                y=part[y],
                name=str(name),
                mode="lines+markers",
                line={"width": 1.2 if many else 1.6, "color": MUTED if many else COLORS[i % len(COLORS)]},
                marker={"size": 4 if many else 6},
                showlegend=not many,
                opacity=0.9,
                hovertemplate="%{x}: %{y:.1f}%<extra>" + str(name) + "</extra>",
            )
    if total is not None and not total.empty:
        fig.add_scatter(
            x=total[x].astype(str),
            y=total[y],
            name=total_label,
            mode="lines+markers",
            line={"width": 4, "color": TOTAL_COLOR},
            marker={"size": 8},
            hovertemplate="%{x}: %{y:.1f}%<extra>" + total_label + "</extra>",
        )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 105], ticksuffix="%")
    return _finish(fig, title, subtitle, source, height, x_title, y_title)


def heatmap(
    frame: pd.DataFrame,
    x: str,
    y: str,
    z: str,
    *,
    title: str,
    subtitle: str = "",
    source: str = "",
    order: list | None = None,
    z_label: str = "%",
    x_title: str = "",
    y_title: str = "",
    colorscale: str = "Greens",
    zmax: float = 100.0,
) -> go.Figure:
    """A y × x grid coloured by z (long frame in: one row per cell); `order` lists y top to bottom."""
    grid = frame.pivot_table(index=y, columns=x, values=z, aggfunc="first")
    if order is not None:
        grid = grid.reindex([o for o in order if o in grid.index])
    text = [[("–" if pd.isna(v) else fmt.decimal(v, 0)) for v in row] for row in grid.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=[str(c) for c in grid.columns],
            y=[str(i) for i in grid.index],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 11},
            colorscale=colorscale,
            zmin=0,
            zmax=zmax,
            colorbar={"title": {"text": z_label}, "ticksuffix": "%" if z_label == "%" else ""},
            hovertemplate="%{y} · %{x}: %{z:.1f}" + ("%" if z_label == "%" else "") + "<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    height = max(320, 120 + 22 * len(grid.index))
    return _finish(fig, title, subtitle, source, height, x_title, y_title, legend=False, top_extra=28)


def ranked_bars(
    frame: pd.DataFrame,
    value: str,
    label: str,
    *,
    title: str,
    subtitle: str = "",
    source: str = "",
    value_title: str = "%",
    percent: bool = True,
    reference: float | None = None,
    reference_label: str = "",
    hover: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars, one per row in the frame's order (top = first row), with an optional reference line."""
    hover = dict(hover or {})
    custom = frame[list(hover)].to_numpy() if hover else None
    extra = "".join(f"<br>{lab}: %{{customdata[{i}]:,}}" for i, lab in enumerate(hover.values()))
    fmt_value = "%{x:.1f}%" if percent else "%{x:,}"
    fig = go.Figure(
        go.Bar(
            x=frame[value],
            y=frame[label].astype(str),
            orientation="h",
            marker_color=COLORS[0],
            customdata=custom,
            text=[fmt.percent(v) if percent else fmt.number(v) for v in frame[value]],
            textposition="auto",
            insidetextanchor="end",
            textfont={"size": 12},
            cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>" + fmt_value + extra + "<extra></extra>",
        )
    )
    if reference is not None and not pd.isna(reference):
        fig.add_vline(
            x=reference,
            line={"color": TOTAL_COLOR, "dash": "dash", "width": 1.5},
            annotation_text=reference_label,
            annotation_position="top",
        )
    fig.update_yaxes(autorange="reversed", type="category")
    if percent:
        fig.update_xaxes(range=[0, 112], ticksuffix="%")
    height = max(300, 110 + 24 * len(frame))
    return _finish(fig, title, subtitle, source, height, value_title, "", legend=False, top_extra=22)


def event_timeline(
    frame: pd.DataFrame,
    date: str,
    value: str,
    group: str,
    *,
    title: str,
    subtitle: str = "",
    source: str = "",
    value_title: str = "",
    hover: Mapping[str, str] | None = None,
    height: int = 420,
) -> go.Figure:
    """Dated events as stems with a marker at their value (e.g. PSM passed), coloured by group.

    `hover` maps column → label shown on hover besides the date (Indonesian format) and value.
    """
    fig = go.Figure()
    hover = dict(hover or {})
    labelled = len(frame) <= MAX_POINT_LABELS  # beyond that the numbers overlap: hover only
    for i, (name, part) in enumerate(frame.groupby(group, sort=True)):
        color = COLORS[i % len(COLORS)]
        dates = [fmt.date(d) for d in part[date]]
        custom = list(zip(dates, *(_texts(part[c]) for c in hover)))
        extra = "".join(f"<br>{lab}: %{{customdata[{j + 1}]}}" for j, lab in enumerate(hover.values()))
        stems_x, stems_y = [], []
        for d, v in zip(part[date], part[value]):
            stems_x += [d, d, None]
            stems_y += [0, v, None]
        fig.add_scatter(
            x=stems_x,
            y=stems_y,
            mode="lines",
            line={"color": color, "width": 1.5},
            hoverinfo="skip",
            showlegend=False,
            legendgroup=str(name),
        )
        fig.add_scatter(
            x=part[date],
            y=part[value],
            name=str(name),
            mode="markers+text" if labelled else "markers",
            legendgroup=str(name),
            marker={"size": 11, "color": color, "line": {"color": "white", "width": 1}},
            text=[fmt.number(v) for v in part[value]],
            textposition="top center",
            customdata=custom,
            cliponaxis=False,
            hovertemplate="<b>%{customdata[0]}</b>"
            + extra
            + f"<br>{value_title}: "
            + "%{y:,}"
            + "<extra>"
            + str(name)
            + "</extra>",
        )
    _date_axis(fig, frame[date])
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    return _finish(fig, title, subtitle, source, height, "", value_title)


def funnel(
    frame: pd.DataFrame, stage: str, value: str, *, title: str, subtitle: str = "", source: str = "", height: int = 320
) -> go.Figure:
    """Stages top to bottom with counts and the share of the first stage."""
    fig = go.Figure(
        go.Funnel(
            y=frame[stage],
            x=frame[value],
            texttemplate="%{value:,}<br>%{percentInitial:.1%}",
            marker={"color": [COLORS[i % len(COLORS)] for i in range(len(frame))]},
            hovertemplate="%{y}: %{x:,} (%{percentInitial:.1%} dari tahap pertama)<extra></extra>",
        )
    )
    return _finish(fig, title, subtitle, source, height, legend=False)


def grouped_bars(
    frame: pd.DataFrame,
    x: str,
    bars: Mapping[str, str],
    *,
    title: str,
    subtitle: str = "",
    source: str = "",
    x_title: str = "",
    y_title: str = "",
    stacked: bool = False,
    height: int = 400,
) -> go.Figure:
    """Bars per category x, one series per column in `bars` (column → legend label)."""
    fig = go.Figure()
    for i, (col, label) in enumerate(bars.items()):
        fig.add_bar(
            x=frame[x].astype(str),
            y=frame[col],
            name=label,
            marker_color=COLORS[i % len(COLORS)],
            hovertemplate="%{x}: %{y:,}<extra>" + label + "</extra>",
        )
    fig.update_layout(barmode="stack" if stacked else "group")
    fig.update_xaxes(type="category")
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    return _finish(fig, title, subtitle, source, height, x_title, y_title)
