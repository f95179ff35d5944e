"""Open a page of the app in Streamlit's AppTest with a query string (and session state), as a link would."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from petakesos.config import REPO_ROOT


def open_page(name: str, state: dict | None = None, timeout: float = 90, **query) -> AppTest:
    """Run pages/<name>.py once with the given query parameters and session state."""
    at = AppTest.from_file(str(REPO_ROOT / "pages" / f"{name}.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Label → shown value of every st.metric on the page."""
    return {m.label: m.value for m in at.metric}
