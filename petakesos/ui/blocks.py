"""Blocks several pages draw the same way: a table in Indonesian numbers, an Excel download, a chart
with its data as Excel beneath it. One place, so they look and behave alike everywhere."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

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
    value, so a page may pass on_select and selection_mode. A table without selection is drawn once per
    content and replayed on later reruns (replayed_dataframe)."""
    kwargs.setdefault("height", table_height(len(frame), max_rows))
    shown_digits = dict(digits or {})
    if kwargs.get("on_select", "ignore") != "ignore" or len(frame) >= REPLAY_MAX_ROWS:
        return st.dataframe(fmt.styled(frame, shown_digits), hide_index=True, key=key, **kwargs)
    replayed_dataframe(fmt.styled, frame, shown_digits, hide_index=True, key=key, **kwargs)
    return None


# Streamlit hashes a frame of 100,000 rows or more by a sample of its rows: such a table is always drawn.
REPLAY_MAX_ROWS = 100_000
REPLAY_TTL_SECONDS = 600  # as data.QUERY_TTL_SECONDS: a drawn element lives no longer than its data


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


def chart_with_download(build: Callable[..., Any], *args, params: Mapping[str, object] | None) -> None:
    """Draw the chart `build(*args)` returns (fig, table, config, name, key: features' Chart) with its data
    as an Excel download beneath it (PNG from the modebar camera). The figure is built and drawn once per
    arguments, hashed by content, and replayed on later reruns: building Plotly figures was half of a
    Pelatihan rerun, and the same figures come back on every rerun of every session."""
    name, key, frame = _drawn_chart(_dotted(build), args, build)
    excel_download(EXCEL_LABEL, lambda: {key: frame}, params, file_name=f"{name}.xlsx", key=f"xlsx_{key}")


@st.cache_data(ttl=REPLAY_TTL_SECONDS, max_entries=2_000, show_spinner=False)
def _drawn_chart(builder: str, args: tuple, _build: Callable[..., Any]) -> tuple[str, str, pd.DataFrame]:
    """Keyed by the builder's dotted name and the arguments (Streamlit hashes no function)."""
    made = _build(*args)
    chart(made.fig, config=made.config, theme=None, key=f"grafik_{made.key}")
    return made.name, made.key, made.table


def replayed_chart(build: Callable[..., Any], *args, **kwargs) -> None:
    """ui.chart(build(*args), **kwargs), built and drawn once per arguments (hashed by content) and
    replayed on later reruns, like chart_with_download."""
    _drawn_figure(_dotted(build), args, tuple(kwargs.items()), build)


@st.cache_data(ttl=REPLAY_TTL_SECONDS, max_entries=2_000, show_spinner=False)
def _drawn_figure(builder: str, args: tuple, options: tuple, _build: Callable[..., Any]) -> None:
    chart(_build(*args), **dict(options))


def replayed_dataframe(build: Callable[..., Any], *args, **kwargs) -> None:
    """st.dataframe(build(*args), **kwargs) for a table without selection whose build (a pandas Styler)
    costs more than the drawing: built and drawn once per arguments, replayed on later reruns."""
    _drawn_dataframe(_dotted(build), args, tuple(kwargs.items()), build)


@st.cache_data(ttl=REPLAY_TTL_SECONDS, max_entries=2_000, show_spinner=False)
def _drawn_dataframe(builder: str, args: tuple, options: tuple, _build: Callable[..., Any]) -> None:
    st.dataframe(_build(*args), **dict(options))


def _dotted(build: Callable[..., Any]) -> str:
    """A builder's cache key part: Streamlit hashes no function, so its dotted name stands for it."""
    return f"{build.__module__}.{build.__qualname__}"


def chart(fig, **kwargs) -> None:
    """st.plotly_chart with the names and labels from the data made inert (Plotly reads HTML in them)."""
    st.plotly_chart(fmt.inert_figure(fig), **kwargs)
