"""Builders that count their calls, for tests/test_replay.py (imported inside an AppTest script)."""

import plotly.graph_objects as go

CALLS: list[tuple[str, int]] = []


def figure(n: int) -> go.Figure:
    CALLS.append(("figure", n))
    return go.Figure(go.Bar(x=["a"], y=[n]))


def total(n: int) -> int:
    CALLS.append(("total", n))
    return n * 10
