"""Export maps for use outside the app: one offline HTML file, or a PNG for slides.

The HTML inlines Leaflet from static/ so it opens with no network; the PNG is drawn with
matplotlib from the same classes and colours as the interactive map.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure  # no pyplot: no global figure state in a server process
from matplotlib.patches import FancyArrow, Patch
from matplotlib.path import Path as Path2D
from matplotlib_scalebar.scalebar import ScaleBar

from petakesos.maps_classify import (
    NO_DATA_COLOR,
    NO_DATA_HATCH,
    Classes,
    classify,
    palette_colors,
)
from petakesos.maps_encode import level_of, ragged_polygons
from petakesos.maps_render import STATIC_URL, align_values
from petakesos.maps_spec import TEXT, UNIT_BY_LEVEL, MapSpec
from petakesos.static_assets import ensure_static

_SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"[^>]*>\s*</script>', re.I)
_CSS_LINK = re.compile(r'<link\b[^>]*\bhref="([^"]+)"[^>]*/?>', re.I)


def _static_file(url: str, static_dir: Path) -> Path | None:
    if url.startswith(STATIC_URL + "/"):
        return static_dir / url[len(STATIC_URL) + 1:]
    return None


def _inline_css_urls(css: str, base: Path) -> str:
    """Turn url(images/x.png) in Leaflet's CSS into data: URIs so nothing is fetched."""
    def repl(mo: re.Match) -> str:
        ref = mo.group(1).strip("'\"")
        f = base / ref
        if ref.startswith("data:") or not f.is_file():
            return mo.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(f.read_bytes()).decode()})"
    return re.sub(r"url\(([^)]+)\)", repl, css)


def map_html(m: folium.Map, static_dir: Path | None = None) -> str:
    """The map as ONE self-contained HTML page: local scripts/styles inlined, remote ones dropped."""
    if static_dir is None:
        from petakesos.config import settings

        static_dir = settings().static_dir
    static_dir = ensure_static(Path(static_dir))
    html = m.get_root().render()

    def script(mo: re.Match) -> str:
        f = _static_file(mo.group(1), static_dir)
        if f is None or not f.is_file():
            return ""  # a remote script would not load offline
        js = re.sub(r"//# sourceMappingURL=.*", "", f.read_text(encoding="utf-8"))
        return "<script>" + js.replace("</script", "<\\/script") + "</script>"

    def css(mo: re.Match) -> str:
        if "stylesheet" not in mo.group(0):
            return mo.group(0)
        f = _static_file(mo.group(1), static_dir)
        if f is None or not f.is_file():
            return ""
        return "<style>" + _inline_css_urls(f.read_text(encoding="utf-8"), f.parent) + "</style>"

    html = _SCRIPT_SRC.sub(script, html)
    html = _CSS_LINK.sub(css, html)
    # Exported maps always carry their title block (the app shows it above the map instead).
    return html.replace("<body>", '<body class="pk-export">', 1)


def export_html(m: folium.Map, path: Path, static_dir: Path | None = None) -> Path:
    """Write map_html(m) to path (UTF-8) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(map_html(m, static_dir), encoding="utf-8")
    return path


def _utm_crs(layer: gpd.GeoDataFrame) -> str:
    """UTM zone of the layer's bounding-box centre, so the scale bar is in true metres."""
    b = layer.to_crs(4326).total_bounds
    lon, lat = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    zone = int((lon + 180) // 6) + 1
    return f"EPSG:{(32700 if lat < 0 else 32600) + zone}"


def _paths(geoms: np.ndarray) -> list[Path2D]:
    """One matplotlib Path per (multi)polygon, holes included, built in bulk (geopandas' patch-by-
    patch plotting takes seconds for a province of desa)."""
    coords, ring_off, poly_off, geom_off = ragged_polygons(geoms)
    codes = np.full(len(coords), Path2D.LINETO, dtype=np.uint8)
    codes[ring_off[:-1]] = Path2D.MOVETO
    codes[ring_off[1:] - 1] = Path2D.CLOSEPOLY
    bounds = ring_off[poly_off[geom_off]]
    return [Path2D(coords[a:b], codes[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def export_png(
    layer: gpd.GeoDataFrame,
    values: pd.DataFrame,
    spec: MapSpec,
    path: Path,
    classes: Classes | None = None,
    outline_layer: gpd.GeoDataFrame | None = None,
    value_col: str = "nilai",
    size_px: tuple[int, int] = (1600, 1200),
) -> Path:
    """A PNG of the same choropleth (classes, colours, legend, scale bar, north arrow) for slides."""
    aligned = align_values(layer, values, value_col)
    if classes is None:
        classes = classify(aligned[value_col], spec.scheme, spec.k)
    idx = classes.assign(aligned[value_col])
    counts, n_nd = classes.count(aligned[value_col])
    colors = palette_colors(spec.palette, classes.k)
    crs = _utm_crs(layer)
    geo = layer.to_crs(crs).reset_index(drop=True)
    unit = UNIT_BY_LEVEL.get(level_of(str(layer["kode"].iloc[0])), "wilayah")

    dpi = 100
    fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
    ax = fig.add_axes((0.02, 0.08, 0.70, 0.78))  # legend sits to the right, off the map
    ax.set_axis_off()
    nd = idx < 0
    paths = _paths(np.asarray(geo.geometry.values))
    face = [colors[i] if i >= 0 else NO_DATA_COLOR for i in idx]
    lw = 0.15 if len(geo) > 2000 else 0.5
    ax.add_collection(PathCollection(paths, facecolors=face, edgecolors="#555555", linewidths=lw))
    if nd.any():
        ax.add_collection(PathCollection([p for p, x in zip(paths, nd) if x], facecolors="none",
                                         edgecolors=NO_DATA_HATCH, linewidths=0, hatch="///"))
    if outline_layer is not None:
        outline = np.asarray(outline_layer.to_crs(crs).geometry.values)
        ax.add_collection(PathCollection(_paths(outline), facecolors="none", edgecolors="#252525",
                                         linewidths=1.0))
    b = geo.total_bounds
    pad = 0.02 * max(b[2] - b[0], b[3] - b[1])
    ax.set_xlim(b[0] - pad, b[2] + pad)
    ax.set_ylim(b[1] - pad, b[3] + pad)
    ax.set_aspect("equal")

    fig.text(0.02, 0.955, spec.title, fontsize=26, fontweight="bold", va="center")
    if spec.subtitle:
        fig.text(0.02, 0.905, spec.subtitle, fontsize=18, color="#444444", va="center")
    handles = [Patch(facecolor=col, edgecolor="#888888", label=f"{lab}  ({n} {unit})")
               for col, lab, n in zip(colors, classes.labels, counts)]
    if n_nd or not handles:
        handles.append(Patch(facecolor=NO_DATA_COLOR, edgecolor=NO_DATA_HATCH, hatch="///",
                             label=f"{spec.no_data_label}  ({n_nd} {unit})"))
    leg = ax.legend(handles=handles, title=spec.value_label, loc="lower left",
                    bbox_to_anchor=(1.02, 0.0), fontsize=14,
                    title_fontsize=15, frameon=True, framealpha=0.92)
    leg.get_title().set_fontweight("bold")
    ax.add_artist(ScaleBar(1, units="m", location="lower left", length_fraction=0.2,
                           box_alpha=0.8, font_properties={"size": 13}))
    ax.add_artist(FancyArrow(0.955, 0.88, 0, 0.07, width=0.012, head_width=0.03,
                             head_length=0.035, transform=ax.transAxes, color="#222222"))
    ax.text(0.955, 0.85, TEXT["north"], transform=ax.transAxes, ha="center", va="top",
            fontsize=16, fontweight="bold")
    foot = " · ".join(x for x in (spec.classification_text(classes.k), spec.footer_text()) if x)
    fig.text(0.02, 0.03, foot, fontsize=12, color="#333333", va="center", wrap=True)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, format="png", facecolor="white")
    return path
