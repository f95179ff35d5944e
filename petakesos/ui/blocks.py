"""Blocks several pages draw the same way: a table in Indonesian numbers, an Excel download, a chart
with its data as Excel beneath it. One place, so they look and behave alike everywhere."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from petakesos import excel, fmt

EXCEL_LABEL = "Unduh data grafik (Excel)"
ROW_PX, HEADER_PX = 35, 38  # st.dataframe's row and header heights


def table_height(n_rows: int, max_rows: int = 12) -> int:
    """Pixels for a table showing up to `max_rows` rows without an inner scroll for fewer."""
    return max(1, min(n_rows, max_rows)) * ROW_PX + HEADER_PX


def table(frame: pd.DataFrame, *, key: str, digits: Mapping[str, int] | None = None, max_rows: int = 12, **kwargs):
    """A table whose numbers read 1.234,5 and still sort as numbers (fmt.styled); returns st.dataframe's
    value, so a page may pass on_select and selection_mode."""
    kwargs.setdefault("height", table_height(len(frame), max_rows))
    return st.dataframe(fmt.styled(frame, dict(digits or {})), hide_index=True, key=key, **kwargs)


def excel_download(
    label: str,
    sheets: Callable[[], Mapping[str, pd.DataFrame]],
    params: Mapping[str, object] | None,
    *,
    file_name: str,
    key: str,
) -> None:
    """A download button that builds the workbook only when clicked (sheets is a callable); the click is
    written to the audit log."""
    st.download_button(
        label,
        data=audited(file_name, lambda: excel.workbook(sheets(), params)),
        file_name=file_name,
        mime=excel.MIME,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def file_download(where, label: str, data, file_name: str, mime: str) -> None:
    """A download button in `where` (a column or st) whose click is written to the audit log."""
    make = data if callable(data) else lambda: data
    where.download_button(
        label,
        data=audited(file_name, make),
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        icon=":material/download:",
    )


def audited(file_name: str, make: Callable[[], object]) -> Callable[[], object]:
    """The download's content built when the user clicks, writing the export to the audit log then: who and
    which wilayah are taken as the button is drawn (the build runs outside the script). No rerun on click,
    so a download never races a redraw."""
    who = st.session_state.get("petakesos_user") or "tamu"
    scope = st.session_state.get("petakesos_scope") or ""

    def build():
        from petakesos.auth import audit

        audit.record("ekspor", who, scope, file_name)
        return make()

    return build


def chart_with_download(
    fig, frame: pd.DataFrame, *, config: dict, name: str, params: Mapping[str, object] | None, key: str
) -> None:
    """Draw one figure (PNG from its modebar camera) with its data as an Excel download beneath it."""
    chart(fig, config=config, theme=None, key=f"grafik_{key}")
    excel_download(EXCEL_LABEL, lambda: {key: frame}, params, file_name=f"{name}.xlsx", key=f"xlsx_{key}")


def chart(fig, **kwargs) -> None:
    """st.plotly_chart with the names and labels from the data made inert (Plotly reads HTML in them)."""
    st.plotly_chart(fmt.inert_figure(fig), **kwargs)
