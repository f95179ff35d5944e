"""What a rerun reuses: a chart drawn by ui.replayed_chart and a figure computed by data.computed are built
once per content and replayed after (still on the page), and built again when the data change."""

import replay_probe
from streamlit.testing.v1 import AppTest


def _app():
    import pandas as pd
    import replay_probe
    import streamlit as st

    from petakesos import data, ui

    n = st.session_state.get("n", 1)
    ui.replayed_chart(replay_probe.figure, n, key="grafik")
    st.metric("Jumlah", data.computed(replay_probe.total, n))
    ui.table(pd.DataFrame({"Kasus": [n * 1000]}), key="tabel")


def test_a_rerun_with_the_same_data_builds_nothing_again_and_still_shows_everything():
    import streamlit as st

    st.cache_data.clear()  # another test in this process may have drawn the same content
    replay_probe.CALLS.clear()
    at = AppTest.from_function(_app, default_timeout=60).run()
    assert replay_probe.CALLS == [("figure", 1), ("total", 1)]
    at.run()
    assert replay_probe.CALLS == [("figure", 1), ("total", 1)]  # nothing built again
    assert len(at.get("plotly_chart")) == 1 and at.metric[0].value == "10"  # the replayed chart is drawn
    assert at.dataframe[0].value["Kasus"].tolist() == [1000]
    at.session_state["n"] = 2
    at.run()
    assert replay_probe.CALLS[2:] == [("figure", 2), ("total", 2)]
    assert at.metric[0].value == "20" and at.dataframe[0].value["Kasus"].tolist() == [2000]
