"""The national desa map widget (petakesos/maps/vector): MapLibre GL over the set-up's PMTiles, offline.

Declared here because Streamlit only declares a component from an importable module (not from a page
script) and only the seams import streamlit.
"""

from __future__ import annotations

import streamlit.components.v1 as components

from petakesos.maps.vector import COMPONENT_NAME, FRONTEND

_vector_map = components.declare_component(COMPONENT_NAME, path=str(FRONTEND))


def vector_map(args: dict, *, key: str) -> str | None:
    """Draw the map from `maps.vector.component_args`; return the code of the last desa clicked, if any.

    Panning and zooming never rerun the script; a rerun with the same tiles only restyles the desa."""
    value = _vector_map(**args, key=key, default=None)
    return value if isinstance(value, str) else None
