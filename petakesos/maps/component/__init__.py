"""The Streamlit map component's frontend: plain HTML + JS, no build step, no CDN.

Why: re-sending a whole folium page on every rerun made the map reload (4-8 s for a province). This
component keeps one Leaflet map per widget key alive in its iframe; when the geometry key is
unchanged it only restyles the polygons from the small values payload. ``frontend/petakesos_map.js``
is the one drawing library, also inlined into the offline HTML export by ``maps_render``.
The ``declare_component`` call lives in ``petakesos/ui/map.py`` (only the seams import streamlit).
"""

from pathlib import Path

FRONTEND = Path(__file__).with_name("frontend")
COMPONENT_NAME = "peta"
# Streamlit names a component after the module that declares it (petakesos/ui/map.py); the iframe carries it.
IFRAME_TITLE = f"petakesos.ui.map.{COMPONENT_NAME}"
