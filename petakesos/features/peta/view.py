"""What the Peta PMKS page draws, computed without Streamlit: the start years offered, the map (or the two
maps of a comparison) with their specs and shared classes, the selected table row, the desa panel, the
captions and the three downloads.

Functions that read data take the query runner (`data.query` on the page), as `fetch_rows` does, so the
page only reads its widgets, calls these and renders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from petakesos import excel, fmt, maps
from petakesos.features import peta
from petakesos.features.peta import detail
from petakesos.features.peta.text import COL_KODE, HELP_PERIODE, SHEET, TEXT, UKURAN_SHORT


def years_until(years: pd.DataFrame, tahun: int) -> list[int]:
    """Start years offered (app/tahun_with_data rows): years with data up to the sidebar year, or that
    year alone when there are none."""
    return [y for y in years["tahun"].astype(int) if y <= tahun] or [tahun]


@dataclass(frozen=True)
class Choice:
    """What the person chose: the sidebar scope and year, and the page's own widgets."""

    wilayah: str
    nama: str
    tahun: int
    suppress: bool
    ukuran: str
    kategori: tuple[str, ...]
    kat_names: Mapping[str, str]
    periode: peta.Periode
    scheme: str = "quantile"
    k: int = 5
    palette: str = "YlOrRd"
    presentation: bool = False
    bubbles: bool = False
    banding: peta.Periode | None = None  # the other period of a comparison

    @classmethod
    def of(cls, filters, ukuran: str, kategori, kat_names, periode, *widgets) -> Choice:
        """From the sidebar's Filters (scope, year, small counts) and the page's widgets, in field order."""
        scope = (filters.wilayah, filters.nama, filters.tahun, bool(filters.samarkan_kecil))
        return cls(*scope, ukuran, tuple(kategori), dict(kat_names), periode, *widgets)

    @property
    def level(self) -> str:
        """What the polygons are: 'desa', or 'kab' on the all-provinces map."""
        return peta.map_level(self.wilayah)

    @property
    def kategori_text(self) -> str:
        """The chosen categories in words, for subtitles and the panel."""
        return peta.kategori_label(self.kategori, dict(self.kat_names))


@dataclass(frozen=True)
class MapSet:
    """The map, or the two maps of a comparison (earlier period first), coloured by one set of classes."""

    values: pd.DataFrame  # the chosen period (the table, the Excel sheet)
    spec: maps.MapSpec  # the chosen period (the caption, the Excel parameters)
    periods: tuple[peta.Periode, ...]
    sides: tuple[tuple[pd.DataFrame, maps.MapSpec], ...]  # what each drawn map shows
    classes: maps.Classes
    bubbles_col: str | None

    @property
    def compare(self) -> bool:
        """Whether two periods are drawn side by side."""
        return len(self.sides) == 2


def map_set(run: peta.Runner, c: Choice) -> MapSet | None:
    """Values, specs and classes of the map(s) of a choice; None when no area has data for it."""

    def values_of(p: peta.Periode) -> pd.DataFrame:
        return peta.values_frame(
            peta.aggregate(peta.fetch_rows(run, c.wilayah, p, c.kategori), c.level), c.ukuran, c.suppress
        )

    values = values_of(c.periode)
    if values.empty:
        return None
    demo = peta.is_demo(run("app/dataset_meta"))

    def spec_for(p: peta.Periode, show_title: bool = False) -> maps.MapSpec:
        asof = fmt.date(run("app/last_case_date", wilayah=c.wilayah, tahun=p.akhir)["data_per"].iloc[0])
        return peta.map_spec(
            ukuran=c.ukuran,
            kategori_text=c.kategori_text,
            wilayah_nama=c.nama,
            scheme=c.scheme,
            k=c.k,
            palette=c.palette,
            asof=asof,
            demo=demo,
            presentation=c.presentation,
            suppress_small=c.suppress,
            level=c.level,
            periode=p,
            show_title=show_title,
        )

    spec = spec_for(c.periode)
    if c.banding is None:
        periods, sides = (c.periode,), ((values, spec),)
        classes = maps.classify(values["nilai"], c.scheme, c.k)
    else:
        periods = peta.chronological(c.banding, c.periode)
        sides = tuple((values if p == c.periode else values_of(p), spec_for(p, show_title=True)) for p in periods)
        classes = peta.shared_classes(sides[0][0]["nilai"], sides[1][0]["nilai"], c.scheme, c.k)
    bubbles_col = "kasus" if c.bubbles and c.ukuran == "rate" else None
    return MapSet(values, spec, tuple(periods), sides, classes, bubbles_col)


def clip_layers(layers: tuple, level: str, values: pd.DataFrame) -> tuple:
    """The (layer, outline) pair to draw: on the all-provinces map only provinces that have data."""
    return tuple(peta.within_provinces(x, values) for x in layers) if level == "kab" else tuple(layers)


def parent_code(up: Mapping[str, str]) -> str:
    """The code the 'back' button returns to (peta.parent_target's pickers): the lowest one set."""
    return up["pilih_kec"] or up["pilih_kab"] or up["pilih_prov"]


def selected_code(shown: pd.DataFrame, state: Mapping | None) -> str | None:
    """The code of the table row the person selected (st.dataframe's state), if that row is still shown."""
    rows = (state or {}).get("selection", {}).get("rows", [])
    return str(shown[COL_KODE].iloc[rows[0]]) if rows and rows[0] < len(shown) else None


def side_caption(spec: maps.MapSpec) -> str:
    """The line under each map of a comparison: its subtitle and its own 'data per' date."""
    return TEXT["sisi"].format(subtitle=spec.subtitle, asof=spec.asof)


def about(m: MapSet) -> str:
    """The line under the map(s): title, classification and the period definition."""
    klasifikasi = m.spec.classification_text(m.classes.k)
    if m.compare:
        what = TEXT["tentang_2"].format(klasifikasi=klasifikasi)
    else:
        what = TEXT["tentang_1"].format(subtitle=m.spec.subtitle, klasifikasi=klasifikasi)
    return TEXT["tentang"].format(title=m.spec.title, about=what, definisi=HELP_PERIODE)


@dataclass(frozen=True)
class Panel:
    """The desa side panel: heading, caption, figures, cases per category, yearly trend, zoom button."""

    title: str
    caption: str
    figures: pd.DataFrame
    categories: object  # a pandas Styler (detail.table_styler)
    trend: go.Figure
    zoom: dict[str, str] | None
    zoom_label: str


def desa_panel(run: peta.Runner, c: Choice, kode: str | None, tingkat: str) -> Panel | None:
    """The panel of desa `kode` for the chosen period and categories; None when there is no such desa.

    The desa's ranks are taken within its whole kabupaten, whatever the map's scope; a kabupaten view
    (`tingkat` 'kab') offers to zoom to the desa's kecamatan."""
    if not kode:
        return None
    context = peta.values_frame(
        peta.fetch_rows(run, peta.kabupaten_of(kode), c.periode, c.kategori), c.ukuran, c.suppress
    )
    d = detail.desa_detail(context, kode, c.ukuran, c.suppress)
    if d is None:
        return None
    psm = detail.psm_text(run("app/psm_summary", wilayah=d["kode"], tahun=c.tahun).iloc[0])
    period = {"tahun_awal": c.periode.awal, "tahun": c.periode.akhir}
    cats = run("app/kasus_by_kategori", wilayah=d["kode"], kategori=tuple(c.kategori), **period)
    trend = run("app/kasus_by_tahun", wilayah=d["kode"], kategori=tuple(c.kategori))
    caption = TEXT["panel_caption"].format(
        kecamatan=d["kecamatan"], kabupaten=d["kabupaten"], periode=c.periode.label, kategori=c.kategori_text
    )
    return Panel(
        title=d["nama"],
        caption=caption,
        figures=detail.figures_table(d, psm, c.ukuran, c.tahun),
        categories=detail.table_styler(detail.category_table(cats, c.suppress)),
        trend=detail.trend_figure(trend, c.ukuran, c.suppress, TEXT["tren"].format(ukuran=UKURAN_SHORT[c.ukuran])),
        zoom=peta.drill_target(c.wilayah, d["kode"]) if tingkat == "kab" else None,
        zoom_label=TEXT["perbesar"].format(nama=d["kecamatan"]),
    )


@dataclass(frozen=True)
class Download:
    """One download button: label, file name, MIME type and the bytes, built only when clicked."""

    label: str
    file_name: str
    mime: str
    data: Callable[[], bytes]


def file_stem(c: Choice, m: MapSet) -> str:
    """'peta_pmks_3523_2021-2023', or with both periods of a comparison: 'peta_pmks_3523_2022_2023'."""
    span = "_".join(p.label for p in m.periods) if m.compare else f"{c.periode.awal}-{c.periode.akhir}"
    return f"peta_pmks_{(c.wilayah or 'semua').replace('.', '')}_{span}".replace("–", "-")


def parameters(c: Choice, m: MapSet) -> dict[str, str]:
    """The Parameter sheet of the Excel download (both periods named in a comparison)."""
    return detail.parameters(
        wilayah_nama=c.nama,
        wilayah_kode=c.wilayah,
        periode_label=" dan ".join(p.label for p in m.periods),
        kategori_text=peta.kategori_label(c.kategori, dict(c.kat_names), limit=None),
        ukuran=c.ukuran,
        spec=m.spec,
        suppress=c.suppress,
        definisi=HELP_PERIODE,
    )


def downloads(layer, outline, c: Choice, m: MapSet, shown: pd.DataFrame) -> list[Download]:
    """The map as offline HTML and PNG (both maps of a comparison in one file) and the table as Excel:
    the rows shown under the map, or each period's full table in a comparison."""
    stem, params = file_stem(c, m), parameters(c, m)
    values, specs = [v for v, _ in m.sides], [s for _, s in m.sides]
    if m.compare:
        html = partial(detail.pair_html_bytes, layer, values, specs, m.classes, outline, m.bubbles_col)
        png = partial(detail.pair_png_bytes, layer, values, specs, m.classes, outline, [p.label for p in m.periods])
        sheets = {
            f"{SHEET} {p.label}": detail.table_frame(v, m.classes, c.ukuran, c.suppress, c.level)
            for p, v in zip(m.periods, values)
        }
    else:
        html = partial(detail.html_bytes, layer, m.values, m.spec, m.classes, outline, m.bubbles_col)
        png = partial(detail.png_bytes, layer, m.values, m.spec, m.classes, outline)
        sheets = {SHEET: shown}
    two = "_2" if m.compare else ""
    return [
        Download(TEXT["unduh_html" + two], f"{stem}.html", "text/html", html),
        Download(TEXT["unduh_png" + two], f"{stem}.png", "image/png", png),
        Download(TEXT["unduh_xlsx"], f"{stem}.xlsx", excel.MIME, lambda: excel.workbook(sheets, params)),
    ]


# Rows of the list under the map: a province's ~8,500 desa formatted cell by cell were two thirds of a
# Peta rerun (py-spy, docs/scaling.md), and nobody reads past the top of a ranking on screen; the search
# box finds any other wilayah and the Excel download holds them all.
LIST_MAX_ROWS = 1_000


def rows_caption(n_listed: int, n_found: int, n_total: int) -> str:
    """How many rows the list shows, and how to reach the others when it is cut."""
    if n_listed < n_found:
        found, total = fmt.number(n_found), fmt.number(n_total)
        return TEXT["n_baris_batas"].format(n=fmt.number(n_listed), found=found, total=total)
    return TEXT["n_baris"].format(n=fmt.number(n_found), total=fmt.number(n_total))
