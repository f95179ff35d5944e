"""Shared widgets, the only Streamlit code outside pages/: the sidebar (`sidebar`), the map widget
and presentation mode (`map`), and blocks pages draw alike (`blocks`). Pages import `ui` and use the
names below."""

from petakesos.fmt import literal, plain
from petakesos.ui.blocks import (
    chart,
    chart_with_download,
    excel_download,
    replayed_chart,
    replayed_dataframe,
    table,
    table_height,
)
from petakesos.ui.map import map_panel, presentation_layout, unmapped_note
from petakesos.ui.sidebar import (
    ATTRIBUTION,
    DEMO_BANNER,
    Filters,
    dataset_banner,
    display_name,
    move_pickers,
    page_filters,
    page_heading,
    render_sidebar,
)

__all__ = [
    "ATTRIBUTION",
    "DEMO_BANNER",
    "Filters",
    "chart",
    "chart_with_download",
    "replayed_chart",
    "replayed_dataframe",
    "dataset_banner",
    "display_name",
    "excel_download",
    "literal",
    "map_panel",
    "move_pickers",
    "page_filters",
    "page_heading",
    "plain",
    "presentation_layout",
    "render_sidebar",
    "table",
    "table_height",
    "unmapped_note",
]
