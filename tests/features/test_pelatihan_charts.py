"""The shared Plotly builders (petakesos/features/pelatihan/charts.py) as the Pelatihan page uses them: Indonesian text,
Indonesian separators, a PNG camera that works offline, and data that match the frame passed in."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from petakesos.features.pelatihan import charts


def _monthly() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "bulan": pd.to_datetime(["2022-10-01", "2022-11-01", "2022-12-01"]),
            "psm_aktif": [328, 328, 328],
            "psm_terlatih": [0, 295, 295],
            "terlatih_baru": [0, 295, 0],
        }
    )


def test_config_gives_a_png_camera_without_the_plotly_logo():
    cfg = charts.config("pelatihan_tren")
    assert cfg["displaylogo"] is False
    assert cfg["toImageButtonOptions"] == {"format": "png", "filename": "pelatihan_tren", "scale": 2}


def test_bars_and_lines_use_indonesian_months_and_separators():
    fig = charts.bars_and_lines(
        _monthly(),
        "bulan",
        {"terlatih_baru": "Lulus Bimtek Dasar (baru)"},
        {"psm_terlatih": "PSM aktif dengan Bimtek Dasar"},
        title="Judul",
        subtitle="Kabupaten Tuban",
        source="Sumber: uji",
        monthly=True,
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.separators == ",."
    assert "Judul" in fig.layout.title.text and "Kabupaten Tuban" in fig.layout.title.text
    assert [t.name for t in fig.data] == ["Lulus Bimtek Dasar (baru)", "PSM aktif dengan Bimtek Dasar"]
    assert list(fig.data[0].y) == [0, 295, 0]
    assert list(fig.data[0].customdata) == ["Okt 2022", "Nov 2022", "Des 2022"]
    assert fig.layout.xaxis.tickformat == "%Y"  # year ticks: Plotly's English month names never show
    assert any("Sumber: uji" in a.text for a in fig.layout.annotations)


def test_percent_lines_heatmap_and_ranked_bars():
    per_unit = pd.DataFrame(
        {
            "tahun": [2024, 2025, 2024, 2025],
            "nama_unit": ["A", "A", "B", "B"],
            "persen_terlatih": [50.0, 60.0, 10.0, None],
        }
    )
    total = pd.DataFrame({"tahun": [2024, 2025], "persen_terlatih": [30.0, 60.0]})
    fig = charts.percent_lines(
        per_unit, "tahun", "persen_terlatih", group="nama_unit", total=total, total_label="Jawa Timur", title="Persen"
    )
    assert [t.name for t in fig.data] == ["A", "B", "Jawa Timur"]
    assert fig.data[-1].line.width > fig.data[0].line.width
    heat = charts.heatmap(per_unit, "tahun", "nama_unit", "persen_terlatih", order=["B", "A"], title="Peta panas")
    assert list(heat.data[0].y) == ["B", "A"]
    assert heat.data[0].text[0] == ["10", "–"]  # missing is a dash, not 0
    bars = charts.ranked_bars(
        pd.DataFrame({"nama": ["B", "A"], "persen": [12.5, 60.0], "n": [1234, 5]}),
        "persen",
        "nama",
        title="Peringkat",
        reference=30.0,
        reference_label="30,0%",
        hover={"n": "PSM aktif"},
    )
    assert list(bars.data[0].text) == ["12,5%", "60,0%"]


def test_event_timeline_hover_has_indonesian_dates_and_organiser():
    ev = pd.DataFrame(
        {
            "tanggal_mulai": pd.to_datetime(["2024-09-18", "2022-06-07"]),
            "jenis_pelatihan": ["Bimtek Dasar", "Bimtek Dasar"],
            "lulus": [50, 1200],
            "penyelenggara": ["Dinas Sosial Kabupaten Lamongan", "Dinas Sosial Kabupaten Wonogiri"],
            "peserta": [50, 1300],
        }
    )
    fig = charts.event_timeline(
        ev,
        "tanggal_mulai",
        "lulus",
        "jenis_pelatihan",
        title="Kegiatan",
        value_title="PSM lulus",
        hover={"penyelenggara": "Penyelenggara", "peserta": "Peserta"},
    )
    points = [t for t in fig.data if t.mode.startswith("markers")][0]
    assert [tuple(c) for c in points.customdata] == [
        ("18 September 2024", "Dinas Sosial Kabupaten Lamongan", "50"),
        ("7 Juni 2022", "Dinas Sosial Kabupaten Wonogiri", "1.300"),
    ]
    assert list(points.text) == ["50", "1.200"]


def test_funnel_and_grouped_bars():
    f = charts.funnel(
        pd.DataFrame({"tahap": ["Ber-SK", "Lulus", "Sertifikat"], "jumlah": [10, 6, 5]}),
        "tahap",
        "jumlah",
        title="Tahapan",
    )
    assert list(f.data[0].x) == [10, 6, 5]
    g = charts.grouped_bars(
        pd.DataFrame({"rentang": ["0–5 bln", "6–11 bln"], "a": [1, 2], "b": [3, 0]}),
        "rentang",
        {"a": "Sudah", "b": "Belum"},
        title="Tunggu",
        stacked=True,
    )
    assert g.layout.barmode == "stack" and [t.name for t in g.data] == ["Sudah", "Belum"]


def test_no_english_month_names_in_any_figure_text():
    fig = charts.bars_and_lines(
        _monthly(), "bulan", {"terlatih_baru": "Baru"}, {"psm_aktif": "Aktif"}, title="Judul", monthly=True
    )
    text = fig.to_json()
    assert not any(m in text for m in ('"Oct ', '"Dec ', '"May ', '"Aug '))


def _every_figure() -> list[go.Figure]:
    per_unit = pd.DataFrame({"tahun": [2024, 2025], "nama_unit": ["A", "A"], "persen_terlatih": [50.0, 60.0]})
    ev = pd.DataFrame(
        {"tanggal_mulai": pd.to_datetime(["2024-09-18"]), "jenis": ["Bimtek Dasar"], "lulus": [1200], "peserta": [1300]}
    )
    return [
        charts.bars_and_lines(
            _monthly(), "bulan", {"terlatih_baru": "Baru"}, {"psm_aktif": "Aktif"}, title="T", monthly=True
        ),
        charts.bars_and_lines(
            _monthly().assign(tahun=[2022, 2023, 2024]),
            "tahun",
            {"terlatih_baru": "Baru"},
            {"psm_aktif": "Aktif"},
            title="T",
        ),
        charts.percent_lines(per_unit, "tahun", "persen_terlatih", group="nama_unit", total=per_unit, title="T"),
        charts.heatmap(per_unit, "tahun", "nama_unit", "persen_terlatih", title="T"),
        charts.ranked_bars(
            pd.DataFrame({"nama": ["A"], "persen": [12.5], "n": [1234]}),
            "persen",
            "nama",
            title="T",
            hover={"n": "PSM aktif"},
        ),
        charts.ranked_bars(pd.DataFrame({"nama": ["A"], "jumlah": [1234]}), "jumlah", "nama", title="T", percent=False),
        charts.event_timeline(ev, "tanggal_mulai", "lulus", "jenis", title="T", hover={"peserta": "Peserta"}),
        charts.funnel(pd.DataFrame({"tahap": ["a", "b"], "jumlah": [1234, 5]}), "tahap", "jumlah", title="T"),
        charts.grouped_bars(pd.DataFrame({"r": ["0–5"], "a": [1234]}), "r", {"a": "A"}, title="T"),
    ]


def test_every_figure_shows_numbers_in_indonesian_format():
    # Plotly writes 1.234,5 only with layout separators ",." and a number format on each placeholder; a bare
    # %{y} would show the raw value (and 1234.5 in English once it has decimals).
    import re

    for fig in _every_figure():
        assert fig.layout.separators == ",."
        for trace in fig.data:
            # The value axis: x for horizontal bars and funnels; none on a heatmap (x and y are categories).
            horizontal = trace.type == "funnel" or getattr(trace, "orientation", None) == "h"
            numeric_axis = "" if trace.type == "heatmap" else "x" if horizontal else "y"
            for template in (getattr(trace, "hovertemplate", None), getattr(trace, "texttemplate", None)):
                for name, spec in re.findall(r"%\{(\w+)(:[^}]*)?\}", template or ""):
                    if name in (numeric_axis, "z", "value"):
                        assert spec, f"{trace.type}: %{{{name}}} without a number format in {template!r}"
        for axis in (fig.layout.yaxis, fig.layout.xaxis):
            assert axis.tickformat in (None, ",d", "%Y"), axis.tickformat
