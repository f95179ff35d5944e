"""Export maps for use outside the app: one offline HTML file, or a PNG for slides.

The HTML inlines Leaflet from static/ so it opens with no network; the PNG is drawn with
matplotlib from the same classes and colours as the interactive map.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.figure import (
    Figure,  # no pyplot: no global figure state in a server process
)
from matplotlib.patches import FancyArrow, Patch
from matplotlib.path import Path as Path2D
from matplotlib_scalebar.scalebar import ScaleBar

from petakesos.maps.assets import ensure_static
from petakesos.maps.breaks import (
    NO_DATA_COLOR,
    NO_DATA_HATCH,
    Classes,
    classify,
    fmt_number,
    palette_colors,
)
from petakesos.maps.encode import _dumps, level_of, ragged_polygons
from petakesos.maps.render import (
    _CSS,
    _LIB_JS,
    LEAFLET_CSS,
    LEAFLET_JS,
    STATIC_URL,
    MapParts,
    align_values,
)
from petakesos.maps.spec import TEXT, UNIT_BY_LEVEL, MapSpec

_SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"[^>]*>\s*</script>', re.I)
_CSS_LINK = re.compile(r'<link\b[^>]*\bhref="([^"]+)"[^>]*/?>', re.I)


def _static_file(url: str, static_dir: Path) -> Path | None:
    if url.startswith(STATIC_URL + "/"):
        return static_dir / url[len(STATIC_URL) + 1 :]
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
    html = _inline_static(m.get_root().render(), static_dir)
    # Exported maps always carry their title block (the app shows it above the map instead).
    return html.replace("<body>", '<body class="pk-export">', 1)


def _inline_static(html: str, static_dir: Path | None) -> str:
    """Replace /app/static script and stylesheet links by their content; drop any remote one."""
    if static_dir is None:
        from petakesos.config import settings

        static_dir = settings().static_dir
    static_dir = ensure_static(Path(static_dir))

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
    return _CSS_LINK.sub(css, html)


_PAIR_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<link rel="stylesheet" href="__CSS__"/>
<script src="__JS__"></script>
<style>html, body { margin: 0; height: 100%; } .pk-pair { display: flex; height: 100%; gap: 4px; }
.pk-pair > div { flex: 1 1 50%; height: 100%; }</style>
__PKCSS__</head>
<body class="pk-export"><div class="pk-pair"><div id="pk-peta-0"></div><div id="pk-peta-1"></div></div>
<script>__LIB__</script>
<script>
(function () {
  // Two periods side by side with the same classes; panning or zooming one map moves the other.
  var GEO = __GEO__, OUT = __OUT__, SIDES = __SIDES__, reg = (window.PETAKESOS = window.PETAKESOS || {});
  var maps = SIDES.map(function (s, i) {
    var map = L.map("pk-peta-" + i,
      { zoomControl: false, attributionControl: false, zoomSnap: 0.25, preferCanvas: true });
    var E = PetaKesosMap.create(map, s.opt);
    reg[s.opt.name] = E;
    E.draw(GEO, OUT, s.val, true);
    return map;
  });
  var busy = false;
  maps.forEach(function (m, i) {
    m.on("move", function () {
      if (busy) return;
      busy = true; maps[1 - i].setView(m.getCenter(), m.getZoom(), { animate: false }); busy = false;
    });
  });
  PetaKesosMap.markDrawn();
})();
</script></body></html>
"""


def pair_html(parts: Sequence[MapParts], title: str, static_dir: Path | None = None) -> str:
    """Two maps of the same polygons (two periods) side by side in ONE offline HTML page.

    Each map carries its own title block (its period) and footer (its own 'Data per' date); the
    geometry is sent once. For a meeting: one file that opens anywhere, both periods in view."""
    if len(parts) != 2 or parts[0].geo_key != parts[1].geo_key:
        raise ValueError("Perbandingan butuh dua peta dengan batas wilayah yang sama.")
    sides = [{"opt": dict(p.options, name=f"peta_{i}"), "val": f"__VAL{i}__"} for i, p in enumerate(parts)]
    sides_js = _dumps(sides)
    for i, p in enumerate(parts):
        sides_js = sides_js.replace(f'"__VAL{i}__"', p.values)
    slots = {
        "__TITLE__": escape(title),
        "__CSS__": LEAFLET_CSS[1],
        "__JS__": LEAFLET_JS[1],
        "__PKCSS__": _CSS,
        "__LIB__": _LIB_JS,
        "__GEO__": parts[0].geo,
        "__OUT__": parts[0].outline or "null",
        "__SIDES__": sides_js,
    }
    html = re.sub(r"__(TITLE|CSS|JS|PKCSS|LIB|GEO|OUT|SIDES)__", lambda mo: slots[mo.group(0)], _PAIR_PAGE)
    return _inline_static(html, static_dir)


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


def legend_labels(classes: Classes, values: pd.Series, unit: str, no_data_label: str) -> list[str]:
    """Legend rows of the PNG: '12,5 – 20,0  (1.248 desa)', and the no-data row when there is any."""
    counts, n_nd = classes.count(values)
    rows = [f"{lab}  ({fmt_number(n)} {unit})" for lab, n in zip(classes.labels, counts)]
    if n_nd or not rows:
        rows.append(f"{no_data_label}  ({fmt_number(n_nd)} {unit})")
    return rows


def _draw(ax, geo: gpd.GeoDataFrame, idx: np.ndarray, colors: list[str], outline) -> None:
    """Polygons (no data hatched) and outlines on one axes, framed on the layer's bounds."""
    ax.set_axis_off()
    paths = _paths(np.asarray(geo.geometry.values))
    face = [colors[i] if i >= 0 else NO_DATA_COLOR for i in idx]
    lw = 0.15 if len(geo) > 2000 else 0.5
    ax.add_collection(PathCollection(paths, facecolors=face, edgecolors="#555555", linewidths=lw))
    nd = idx < 0
    if nd.any():
        ax.add_collection(
            PathCollection(
                [p for p, x in zip(paths, nd) if x],
                facecolors="none",
                edgecolors=NO_DATA_HATCH,
                linewidths=0,
                hatch="///",
            )
        )
    if outline is not None:
        ax.add_collection(
            PathCollection(
                _paths(np.asarray(outline.geometry.values)), facecolors="none", edgecolors="#252525", linewidths=1.0
            )
        )
    b = geo.total_bounds
    pad = 0.02 * max(b[2] - b[0], b[3] - b[1])
    ax.set_xlim(b[0] - pad, b[2] + pad)
    ax.set_ylim(b[1] - pad, b[3] + pad)
    ax.set_aspect("equal")


def _furniture(ax, font: float) -> None:
    """Scale bar and north arrow of one map panel."""
    ax.add_artist(
        ScaleBar(
            1, units="m", location="lower left", length_fraction=0.2, box_alpha=0.8, font_properties={"size": font}
        )
    )
    ax.add_artist(
        FancyArrow(
            0.955,
            0.88,
            0,
            0.07,
            width=0.012,
            head_width=0.03,
            head_length=0.035,
            transform=ax.transAxes,
            color="#222222",
        )
    )
    ax.text(
        0.955, 0.85, TEXT["north"], transform=ax.transAxes, ha="center", va="top", fontsize=font + 3, fontweight="bold"
    )


def _legend(ax, colors: list[str], labels: list[str], title: str, font: float):
    handles = [Patch(facecolor=col, edgecolor="#888888", label=lab) for col, lab in zip(colors, labels)]
    handles += [
        Patch(facecolor=NO_DATA_COLOR, edgecolor=NO_DATA_HATCH, hatch="///", label=lab) for lab in labels[len(colors) :]
    ]
    leg = ax.legend(
        handles=handles,
        title=title,
        loc="lower left",
        bbox_to_anchor=(1.02, 0.0),
        fontsize=font,
        title_fontsize=font + 1,
        frameon=True,
        framealpha=0.92,
    )
    leg.get_title().set_fontweight("bold")


def _save(fig: Figure, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100, format="png", facecolor="white")
    return path


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
    crs = _utm_crs(layer)
    unit = UNIT_BY_LEVEL.get(level_of(str(layer["kode"].iloc[0])), "wilayah")
    fig = Figure(figsize=(size_px[0] / 100, size_px[1] / 100), dpi=100)
    ax = fig.add_axes((0.02, 0.08, 0.70, 0.78))  # legend sits to the right, off the map
    colors = palette_colors(spec.palette, classes.k)
    _draw(
        ax,
        layer.to_crs(crs).reset_index(drop=True),
        classes.assign(aligned[value_col]),
        colors,
        outline_layer.to_crs(crs) if outline_layer is not None else None,
    )
    fig.text(0.02, 0.955, spec.title, fontsize=26, fontweight="bold", va="center")
    if spec.subtitle:
        fig.text(0.02, 0.905, spec.subtitle, fontsize=18, color="#444444", va="center")
    _legend(ax, colors, legend_labels(classes, aligned[value_col], unit, spec.no_data_label), spec.value_label, 14)
    _furniture(ax, 13)
    foot = " · ".join(x for x in (spec.classification_text(classes.k), spec.footer_text()) if x)
    fig.text(0.02, 0.03, foot, fontsize=12, color="#333333", va="center", wrap=True)
    return _save(fig, path)


def export_png_pair(
    layer: gpd.GeoDataFrame,
    values: Sequence[pd.DataFrame],
    specs: Sequence[MapSpec],
    path: Path,
    classes: Classes,
    period_labels: Sequence[str],
    outline_layer: gpd.GeoDataFrame | None = None,
    value_col: str = "nilai",
    size_px: tuple[int, int] = (2400, 1200),
) -> Path:
    """Two periods side by side in ONE PNG (one slide): the same classes and one legend whose rows count
    the areas of both periods; each panel names its period and its own 'Data per' date."""
    crs = _utm_crs(layer)
    geo = layer.to_crs(crs).reset_index(drop=True)
    outline = outline_layer.to_crs(crs) if outline_layer is not None else None
    unit = UNIT_BY_LEVEL.get(level_of(str(layer["kode"].iloc[0])), "wilayah")
    colors = palette_colors(specs[0].palette, classes.k)
    fig = Figure(figsize=(size_px[0] / 100, size_px[1] / 100), dpi=100)
    fig.text(0.015, 0.955, specs[0].title, fontsize=26, fontweight="bold", va="center")
    counts = []
    for i, (frame, spec) in enumerate(zip(values, specs)):
        ax = fig.add_axes((0.015 + i * 0.395, 0.1, 0.385, 0.74))
        v = align_values(layer, frame, value_col)[value_col]
        _draw(ax, geo, classes.assign(v), colors, outline)
        _furniture(ax, 12)
        fig.text(0.015 + i * 0.395, 0.885, spec.subtitle, fontsize=17, color="#222222", va="center")
        if spec.asof:
            fig.text(0.015 + i * 0.395, 0.075, f"{TEXT['asof']} {spec.asof}", fontsize=13, color="#333333", va="center")
        counts.append(classes.count(v))
    (ca, nda), (cb, ndb) = counts
    labels = [f"{lab}  ({fmt_number(x)} → {fmt_number(y)} {unit})" for lab, x, y in zip(classes.labels, ca, cb)]
    if nda or ndb or not labels:
        labels.append(f"{specs[0].no_data_label}  ({fmt_number(nda)} → {fmt_number(ndb)} {unit})")
    _legend(ax, colors, labels, f"{specs[0].value_label}\n(jumlah {unit}: {period_labels[0]} → {period_labels[1]})", 13)
    source = specs[0].source_note and f"{TEXT['source']}: {specs[0].source_note}"
    foot = " · ".join(x for x in (specs[0].classification_text(classes.k) + ", sama untuk kedua peta", source) if x)
    fig.text(0.015, 0.025, foot, fontsize=12, color="#333333", va="center", wrap=True)
    return _save(fig, path)
