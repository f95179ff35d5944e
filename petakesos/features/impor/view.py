"""What the Impor Data page draws from the report frames: the accounting bar chart, the caption of a
preview and the sentence that shows a file's rows add up, with numbers in Indonesian format."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from petakesos import fmt
from petakesos.features.impor import text
from petakesos.features.impor.report import adds_up, chart_frame
from petakesos.features.impor.uploads import Preview

COLORS = {"Diimpor": "#009E73", "Karantina": "#D55E00", "Duplikat": "#0072B2"}
OTHER_COLOR = "#b8b8b8"
CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": "laporan_impor"}}


def preview_caption(p: Preview, kind: str | None = None) -> str:
    """'Register kasus PMKS · judul di baris 3 · 1.234 baris data · …' for one previewed file (as `kind`
    when one was chosen)."""
    kind = kind or p.kind
    return text.PREVIEW_CAPTION.format(
        jenis=text.KIND_LABELS.get(kind, kind),
        baris=fmt.number(p.header_row),
        n=fmt.number(p.n_rows),
        jumlah=fmt.number(p.dropped),
    )


def sums(table: pd.DataFrame) -> list[tuple[str, bool]]:
    """Per file the accounting sentence in Indonesian numbers and whether it adds up."""
    labels = text.ACCOUNT_LABELS
    return [
        (
            text.REPORT_SUM.format(
                file=row[text.FILE],
                **{k: fmt.number(row[labels[k]]) for k in ("read", "imported", "quarantined", "duplicate")},
            ),
            adds_up(row),
        )
        for _, row in table.iterrows()
    ]


def accounts_chart(table: pd.DataFrame) -> go.Figure:
    """Grouped horizontal bars: per file the rows imported, quarantined, duplicate, dropped and released."""
    long = chart_frame(table)
    fig = go.Figure()
    for name, part in long.groupby("hitungan", sort=False):
        fig.add_bar(
            y=part[text.FILE],
            x=part[text.CHART_Y],
            name=name,
            orientation="h",
            marker_color=COLORS.get(name, OTHER_COLOR),
            text=[fmt.number(v) for v in part[text.CHART_Y]],
            hovertext=[f"{f}: {name} {fmt.number(v)}" for f, v in zip(part[text.FILE], part[text.CHART_Y])],
            hoverinfo="text",
            textposition="outside",
            textangle=0,
            cliponaxis=False,
        )
    fig.update_layout(
        title={"text": text.CHART_TITLE, "x": 0},
        separators=",.",
        barmode="group",
        height=200 + 90 * len(table),
        margin={"l": 10, "r": 10, "t": 90, "b": 50},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        xaxis={"title": text.CHART_Y, "tickformat": ",d", "dtick": 1 if long[text.CHART_Y].max() <= 10 else None},
        yaxis={"autorange": "reversed"},
    )
    return fig
