"""What the Pelatihan page draws, built from the training frames: metric cards, each figure with the
table its Excel download holds, table headers, notes and the map's settings. Pure (no Streamlit), so
the page only composes and every label, chart argument and piece of frame arithmetic is tested here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd
import plotly.graph_objects as go

from petakesos import clock, fmt, maps
from petakesos.features import pelatihan
from petakesos.features.pelatihan import charts, text

# Unit one level below the scope, as the trend tables and charts name it ('kec': the kecamatan itself).
UNIT = {"nasional": text.LEVELS[1], "prov": text.LEVELS[2], "kab": text.LEVELS[3], "kec": text.LEVELS[3]}
MAP_LEVEL = {2: "kab", 3: "kec", 4: "desa"}  # pelatihan_peta $tingkat → map layer level
EVENT_DIGITS = {text.EVENT_LABELS["persen_lulus"]: 1}
MAP_DIGITS = {text.MAP_LABELS["nilai"]: 1}
MAP_TABLE_HEIGHT = 400


class Scope(Protocol):
    """What the views read from the page's filters (ui.Filters has these and more)."""

    nama: str
    wilayah: str
    tahun: int
    tingkat: str


@dataclass(frozen=True)
class Chart:
    """One figure with its data as the Excel download holds it (headers in Bahasa Indonesia)."""

    fig: go.Figure
    table: pd.DataFrame
    name: str  # file name of the PNG and the workbook
    key: str  # widget key and sheet name
    config: dict = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "config", charts.config(self.name))


def params(scope: Scope, today: dt.date | None = None) -> dict[str, object]:
    """The 'Parameter' sheet of every workbook the page offers."""
    return {
        "Wilayah": scope.nama,
        "Kode wilayah": scope.wilayah or "semua",
        "Tahun": scope.tahun,
        "Dibuat": (today or clock.today()).isoformat(),
    }


def file_name(stem: str, scope: Scope) -> str:
    """'psm_belum_memenuhi_syarat_35.23_2023.xlsx'; 'semua' for all provinces."""
    return f"{stem}_{scope.wilayah or 'semua'}_{scope.tahun}.xlsx"


def metric_cards(now: pd.Series, before: pd.Series, median: float, n_failing: int) -> list[dict]:
    """Keyword arguments of the six st.metric cards (two rows of three), from `year_row` of this and the
    previous year, the median wait and the number of PSM failing a check."""
    names = text.NAMES
    return [
        {"label": names["psm_aktif"], "value": fmt.number(now["psm_aktif"]), "help": text.DEFINITIONS["psm_aktif"]},
        {
            "label": names["persen_terlatih"],
            "value": fmt.percent(now["persen_terlatih"]),
            "delta": pelatihan.delta_text(now, before),
            "delta_color": "normal",
            "help": text.DEFINITIONS["persen_terlatih"],
        },
        {
            "label": text.TRAINED_SPLIT,
            "value": f"{fmt.number(now['psm_terlatih'])} / {fmt.number(now['psm_aktif'] - now['psm_terlatih'])}",
            "help": text.DEFINITIONS["psm_terlatih"],
        },
        {"label": text.NEW_TRAINED_YEAR, "value": fmt.number(now["terlatih_baru"]), "help": text.HELP["baru"]},
        {"label": text.MEDIAN_WAIT, "value": pelatihan.months_text(median), "help": text.HELP["tunggu"]},
        {"label": text.FAILING, "value": fmt.number(n_failing), "help": text.HELP["syarat"]},
    ]


def trend_chart(monthly: pd.DataFrame, yearly: pd.DataFrame, period: str, scope: Scope) -> Chart:
    """PSM aktif and trained (lines) with the newly trained (bars), per month or per year."""
    series, x = (monthly, "bulan") if period == "bulan" else (yearly, "tahun")
    fig = charts.bars_and_lines(
        series,
        x,
        {"terlatih_baru": text.NEW_TRAINED},
        {c: text.NAMES[c] for c in ("psm_aktif", "psm_terlatih")},
        title=text.TREND_TITLE.format(period=text.PERIODS[period].lower()),
        subtitle=scope.nama,
        source=text.SOURCE,
        y_title=text.COUNT_AXIS,
        monthly=period == "bulan",
    )
    labels = text.SERIES_LABELS | {x: "Bulan" if x == "bulan" else text.NAMES["tahun"]}
    return Chart(fig, pelatihan.labelled(series, labels), f"pelatihan_tren_{period}", f"tren_{period}")


def _unit_labels(scope: Scope) -> dict[str, str]:
    return {"nama_unit": UNIT[scope.tingkat], "tahun": text.NAMES["tahun"]} | text.SERIES_LABELS


def percent_chart(per_unit: pd.DataFrame, yearly: pd.DataFrame, scope: Scope) -> Chart:
    """Percent trained per year: a thin line per unit (when there are several) and a thick total line."""
    fig = charts.percent_lines(
        pelatihan.several_units(per_unit),
        "tahun",
        "persen_terlatih",
        group="label",
        total=yearly,
        total_label=scope.nama,
        title=text.PERCENT_TITLE,
        subtitle=text.PERCENT_SUBTITLE.format(nama=scope.nama, unit=UNIT[scope.tingkat].lower()),
        source=text.SOURCE,
        y_title=text.NAMES["persen_terlatih"],
    )
    return Chart(fig, pelatihan.labelled(per_unit, _unit_labels(scope)), "pelatihan_persen_per_wilayah", "persen")


def heatmap_chart(per_unit: pd.DataFrame, ranked: pd.DataFrame, scope: Scope) -> Chart:
    """Percent trained per unit × year, the units lagging most in the chosen year on top."""
    fig = charts.heatmap(
        per_unit,
        "tahun",
        "label",
        "persen_terlatih",
        order=ranked["label"].tolist(),
        title=text.HEATMAP_TITLE.format(unit=UNIT[scope.tingkat].lower()),
        subtitle=text.HEATMAP_SUBTITLE.format(tahun=scope.tahun),
        source=text.SOURCE,
    )
    return Chart(fig, pelatihan.labelled(per_unit, _unit_labels(scope)), "pelatihan_persen_per_tahun", "heatmap")


def ranking_chart(ranked: pd.DataFrame, now: pd.Series, scope: Scope) -> Chart:
    """Units of the year, lowest percent trained first, against the whole scope's percent (dashed)."""
    unit = UNIT[scope.tingkat]
    fig = charts.ranked_bars(
        ranked,
        "persen_terlatih",
        "label",
        title=text.RANK_TITLE.format(unit=unit, tahun=scope.tahun),
        subtitle=text.RANK_SUBTITLE,
        source=text.SOURCE,
        value_title=text.NAMES["persen_terlatih"],
        reference=now["persen_terlatih"],
        reference_label=fmt.percent(now["persen_terlatih"]),
        hover={c: text.NAMES[c] for c in ("psm_aktif", "belum_terlatih")},
    )
    table = pelatihan.labelled(ranked, {"nama_unit": unit} | text.RANK_LABELS)
    return Chart(fig, table, f"pelatihan_peringkat_{scope.tahun}", "peringkat")


def events_chart(kegiatan: pd.DataFrame, scope: Scope) -> Chart:
    """Training events on a time line, with the number of the scope's PSM who passed."""
    fig = charts.event_timeline(
        kegiatan,
        "tanggal_mulai",
        "lulus",
        "jenis_pelatihan",
        title=text.EVENTS_TITLE,
        subtitle=scope.nama,
        source=text.SOURCE,
        value_title=text.EVENTS_VALUE,
        hover={c: text.EVENT_LABELS[c] for c in ("penyelenggara", "peserta")},
    )
    return Chart(fig, pelatihan.labelled(kegiatan, text.EVENT_LABELS), "pelatihan_kegiatan", "kegiatan")


def events_table(kegiatan: pd.DataFrame) -> pd.DataFrame:
    """The events, newest first, with their headers and dates written out."""
    return pelatihan.event_table(kegiatan, text.EVENT_LABELS)


def pipeline_note(stages: pd.DataFrame, median: float, tahun: int) -> str:
    """The sentence above the pipeline: median wait, how many passed and how many still wait."""
    n_sk, n_trained = stages["jumlah"].iloc[0], stages["jumlah"].iloc[1]
    return text.PIPELINE_NOTE.format(
        tahun=tahun,
        median=pelatihan.months_text(median),
        n=fmt.number(n_trained),
        waiting=fmt.number(n_sk - n_trained),
    )


def funnel_chart(stages: pd.DataFrame, scope: Scope) -> Chart:
    """Stages with SK → passed Bimtek Dasar → certified."""
    fig = charts.funnel(stages, "tahap", "jumlah", title=text.FUNNEL_TITLE, subtitle=scope.nama, source=text.SOURCE)
    table = pelatihan.labelled(stages, text.STAGE_LABELS)
    return Chart(fig, table, f"pelatihan_tahapan_{scope.tahun}", "tahapan")


def wait_chart(waits: pd.DataFrame, scope: Scope) -> Chart:
    """Months from SK to Bimtek Dasar (passed) or to 31 December (still waiting), stacked per 6 months."""
    fig = charts.grouped_bars(
        waits,
        "rentang",
        text.WAIT_BARS,
        title=text.WAIT_TITLE,
        subtitle=f"{scope.nama} · {scope.tahun}",
        source=text.SOURCE,
        x_title=text.WAIT_AXIS.format(tahun=scope.tahun),
        y_title=text.COUNT_AXIS,
        stacked=True,
    )
    table = pelatihan.labelled(waits, text.WAIT_LABELS)
    return Chart(fig, table, f"pelatihan_waktu_tunggu_{scope.tahun}", "tunggu")


def check_table(psm: pd.DataFrame) -> pd.DataFrame:
    """How many of the year's PSM fail each check, with its headers."""
    return pelatihan.labelled(pelatihan.check_summary(psm), text.CHECK_LABELS)


def map_tingkat(tingkat: str) -> int | None:
    """Level the map shows below the scope: kabupaten for all provinces, desa below a kabupaten or
    kecamatan; None at province scope, where the user picks (text.MAP_LEVEL_CHOICES)."""
    return {"nasional": 2, "prov": None}.get(tingkat, 4)


def map_spec(scope: Scope) -> maps.MapSpec:
    """The trained-share choropleth: five equal classes of 0–100 %, green, 'Tanpa PSM' without PSM."""
    return maps.MapSpec(
        title=text.NAMES["psm_terlatih"],
        subtitle=f"{scope.nama} · {scope.tahun}",
        value_label=text.NAMES["persen_terlatih"],
        scheme="equal_interval",
        k=5,
        palette="Greens",
        source_note=text.SOURCE_NOTE,
        no_data_label=pelatihan.NO_PSM_LABEL,
    )


def map_payload(peta: pd.DataFrame) -> pd.DataFrame:
    """What the map widget needs of `map_values`: code, value and tooltip text."""
    return peta[["kode", "nilai", "teks"]]


def clicked_text(peta: pd.DataFrame, clicked: str | None) -> str | None:
    """'**Jlodro**: 1 dari 2 PSM aktif sudah Bimtek Dasar (50,0%).' for the clicked place; None if none."""
    if not clicked or clicked not in set(peta["kode"]):
        return None
    row = peta.set_index("kode").loc[clicked]
    return text.CLICKED.format(
        nama=fmt.plain(row["nama"]),
        terlatih=fmt.number(row["psm_terlatih"]),
        aktif=fmt.number(row["psm_aktif"]),
        persen=fmt.percent(row["nilai"]),
    )


def map_table(peta: pd.DataFrame, tingkat: int) -> pd.DataFrame:
    """The map's places with their PSM counts and headers, lowest percent trained first; the place and
    its parent are named after their level (Kecamatan, Kabupaten/Kota …)."""
    names = text.MAP_LABELS | {"nama": text.LEVELS[tingkat], "nama_induk": text.LEVELS[tingkat - 1]}
    return pelatihan.labelled(pelatihan.map_table(peta), pelatihan.map_labels(names, MAP_LEVEL[tingkat]))
