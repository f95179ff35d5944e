"""Tests for maps: classification, no-data styling, compact encoding, privacy, offline export, PNG."""

from __future__ import annotations

import json
import re
import struct

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from petakesos import maps
from petakesos.maps import render as maps_render
from petakesos.maps.breaks import fmt_number, format_value
from petakesos.maps.component import FRONTEND
from petakesos.maps.encode import decode_layer, decode_polyline, encode_layer, polyline_chars
from petakesos.maps.render import _Choropleth


# ---------- fixtures: four 0.01° squares in Tuban, one with a hole, one multipart ----------
def _layer() -> gpd.GeoDataFrame:
    x0, y0 = 111.90, -6.90
    holed = Polygon(
        [(x0, y0), (x0 + 0.01, y0), (x0 + 0.01, y0 + 0.01), (x0, y0 + 0.01)],
        [[(x0 + 0.003, y0 + 0.003), (x0 + 0.006, y0 + 0.003), (x0 + 0.006, y0 + 0.006)]],
    )
    multi = MultiPolygon([box(x0 + 0.03, y0, x0 + 0.04, y0 + 0.01), box(x0 + 0.045, y0, x0 + 0.05, y0 + 0.005)])
    return gpd.GeoDataFrame(
        {
            "kode": ["35.23.01.2001", "35.23.01.2002", "35.23.01.2003", "35.23.02.1004"],
            "nama": ["Sidomukti", "Tengger {{Kulon}}", "Bate 100%", "Jatirogo"],
            "kode_kec": ["35.23.01", "35.23.01", "35.23.01", "35.23.02"],
            "nama_kec": ["Kenduruan", "Kenduruan", "Kenduruan", "Jatirogo"],
            "nama_kab": ["Kabupaten Tuban"] * 4,
        },
        geometry=[holed, box(x0 + 0.01, y0, x0 + 0.02, y0 + 0.01), box(x0 + 0.02, y0, x0 + 0.03, y0 + 0.01), multi],
        crs="EPSG:4326",
    )


@pytest.fixture
def layer() -> gpd.GeoDataFrame:
    return _layer()


@pytest.fixture
def static_dir(tmp_path):
    """A stand-in static/ so export tests need neither npm nor the network."""
    d = tmp_path / "static" / "leaflet"
    (d / "images").mkdir(parents=True)
    (d / "leaflet.js").write_text("/* LEAFLET-STUB */ window.L = {};\n//# sourceMappingURL=leaflet.js.map")
    (d / "leaflet.css").write_text(".leaflet-control-layers-toggle{background-image:url(images/layers.png)}")
    (d / "images" / "layers.png").write_bytes(b"\x89PNG\r\n\x1a\nstub")
    return tmp_path / "static"


SPEC = maps.MapSpec(
    title="Jumlah PMKS per desa",
    subtitle="Kabupaten Tuban · Triwulan I 2025",
    value_label="Jumlah kasus",
    scheme="equal_interval",
    k=3,
    palette="Blues",
    source_note="SIKS-NG Dinsos",
    asof="31-03-2025",
    suppress_small=True,
)


def _parts(m) -> _Choropleth:
    return next(c for c in m._children.values() if isinstance(c, _Choropleth))


# ---------- classification ----------
def test_quantile_three_classes_of_one_to_nine():
    c = maps.classify(pd.Series(range(1, 10), dtype=float), "quantile", 3)
    # 33rd/67th percentiles of 1..9 are 3.67 and 6.33: {1,2,3} {4,5,6} {7,8,9}.
    assert c.labels == ("1 – 3", "4 – 6", "7 – 9")
    assert c.counts == (3, 3, 3)
    assert c.n_no_data == 0


def test_equal_interval_with_zero_and_nan():
    c = maps.classify(pd.Series([0, 10, 20, 30, 40, np.nan]), "equal_interval", 4)
    # width (40-0)/4 = 10: bins 10, 20, 30, 40; zero is a value in the lowest class.
    assert c.bins == (10.0, 20.0, 30.0, 40.0)
    assert c.labels == ("0 – 10", "11 – 20", "21 – 30", "31 – 40")
    assert c.counts == (2, 1, 1, 1)
    assert c.index == (0, 0, 1, 2, 3, -1)
    assert c.n_no_data == 1


def test_all_equal_values_give_one_class():
    c = maps.classify(pd.Series([5.0, 5.0, 5.0]), "fisher_jenks", 5)
    assert c.labels == ("5",) and c.counts == (3,)


def test_fewer_unique_values_than_k():
    c = maps.classify(pd.Series([1, 1, 2, 2, 3]), "quantile", 5)
    assert c.labels == ("1", "2", "3") and c.counts == (2, 2, 1)


def test_all_nan_gives_no_classes():
    c = maps.classify(pd.Series([np.nan, np.nan]), "quantile", 5)
    assert c.k == 0 and c.n_no_data == 2 and c.index == (-1, -1)


def test_decimal_labels_use_indonesian_format():
    c = maps.classify(pd.Series([0.5, 1.25, 2.0, 2.5, 10.0, 20.0]), "equal_interval", 3)
    # span 19,5 → 1 decimal; width 6,5: bins 7, 13,5, 20.
    assert c.labels == ("0,5 – 7,0", "7,0 – 13,5", "13,5 – 20,0")
    assert c.counts == (4, 1, 1)
    assert fmt_number(1234567.891, 1) == "1.234.567,9"


def test_shared_classes_place_other_values_and_recount():
    c = maps.classify(pd.Series(range(1, 10), dtype=float), "quantile", 3)
    other = pd.Series([0.0, 5.0, 100.0, np.nan])
    assert list(c.assign(other)) == [0, 1, 2, -1]
    assert c.count(other) == ([1, 1, 1], 1)


def test_invalid_spec_rejected():
    with pytest.raises(ValueError):
        maps.MapSpec(title="x", k=9)
    with pytest.raises(ValueError):
        maps.MapSpec(title="x", palette="Jet")


def test_small_counts_suppressed_in_tooltip_text():
    assert [format_value(x, True, True) for x in (0, 1, 4, 5)] == ["0", "<5", "<5", "5"]
    assert format_value(3, True, False) == "3"
    assert format_value(float("nan"), True, True) == "Tidak ada data"


# ---------- encoding ----------
def test_polyline_roundtrip_signed_and_large():
    ints = np.array([0, 1, -1, 15, -16, 16, 511, -512, 123456, -98765])
    chars, _ = polyline_chars(ints)
    assert decode_polyline(chars.tobytes().decode()) == ints.tolist()


def test_encoded_layer_decodes_to_features_codes_and_coordinates(layer):
    enc = encode_layer(layer)
    dec = decode_layer(enc.json)
    assert dec["kode"] == list(layer["kode"]) and len(dec["geoms"]) == 4
    assert [len(g) for g in dec["geoms"]] == [1, 1, 1, 2]  # parts
    assert len(dec["geoms"][0][0]) == 2  # outer ring + hole
    outer = np.array(layer.geometry.iloc[0].exterior.coords)[:-1]
    assert np.abs(np.array(dec["geoms"][0][0][0]) - outer).max() <= dec["q"] / 2 + 1e-12
    # Geometry payload is independent of values and cached.
    assert encode_layer(layer).json is enc.json


def test_map_payload_decodes_and_matches_layer_order(layer):
    values = pd.DataFrame({"kode": ["35.23.02.1004", "35.23.01.2001"], "nilai": [7, 2]})
    m = maps.choropleth(layer, values, SPEC)
    parts = _parts(m)
    assert decode_layer(parts.geo)["kode"] == list(layer["kode"])
    assert maps.payload_bytes(m) < 20_000


# ---------- no data vs zero ----------
def test_zero_is_a_class_nan_and_missing_are_no_data(layer):
    values = pd.DataFrame({"kode": ["35.23.01.2001", "35.23.01.2002", "35.23.02.1004"], "nilai": [0, np.nan, 9]})
    m = maps.choropleth(layer, values, SPEC)
    val = json.loads(_parts(m).values)
    assert val["c"] == "0..1"  # 2001 → lowest class; 2002 NaN and 2003 absent → no data
    assert val["nd"] == 2 and val["nd_label"] == "Tidak ada data"
    assert val["t"] == ["0", "Tidak ada data", "Tidak ada data", "9"]
    assert val["legend"] == [["0", "1"], ["9", "1"]]  # counts arrive in Indonesian format
    assert len(set(val["colors"])) == 2 and "#bdbdbd" not in val["colors"]


def test_codes_join_as_strings_not_names(layer):
    values = pd.DataFrame({"kode": ["35.23.01.2003"], "nama": ["Nama Lain"], "nilai": [4]})
    val = json.loads(_parts(maps.choropleth(layer, values, SPEC)).values)
    assert val["c"][2] == "0" and val["t"][2] == "<5"  # suppress_small


def test_duplicate_codes_rejected(layer):
    values = pd.DataFrame({"kode": ["35.23.01.2001"] * 2, "nilai": [1, 2]})
    with pytest.raises(ValueError):
        maps.choropleth(layer, values, SPEC)


# ---------- privacy and offline export ----------
def test_no_personal_columns_reach_the_html(layer, static_dir):
    values = pd.DataFrame(
        {
            "kode": list(layer["kode"]),
            "nilai": [1, 6, 12, 30],
            "nik": ["3523010101900001", "3523010101900002", "3523010101900003", "3523010101900004"],
            "nama_orang": ["Siti Aminah", "Budi Santoso", "Sri Wahyuni", "Agus Salim"],
        }
    )
    html = maps.map_html(maps.choropleth(layer, values, SPEC), static_dir)
    for leak in ("nik", "nama_orang", "3523010101900001", "Siti Aminah", "Agus Salim"):
        assert leak not in html


def test_export_html_is_offline_and_carries_the_map_text(layer, static_dir, tmp_path):
    values = pd.DataFrame({"kode": list(layer["kode"]), "nilai": [0, 7, 15, 31]})
    kec = layer.dissolve("kode_kec", as_index=False)[["kode_kec", "geometry"]].rename(columns={"kode_kec": "kode"})
    m = maps.choropleth(layer, values, SPEC, outline_layer=kec, bubbles_col="nilai")
    path = maps.export_html(m, tmp_path / "peta.html", static_dir)
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html, re.I)
    assert "LEAFLET-STUB" in html and "sourceMappingURL" not in html
    assert "data:image/png;base64," in html
    for text in (
        "Jumlah PMKS per desa",
        "Kabupaten Tuban · Triwulan I 2025",
        "Jumlah kasus",
        "Tidak ada data",
        "Sumber: SIKS-NG Dinsos",
        "Data per 31-03-2025",
        "interval sama, 3 kelas",
        "0 – 10",
        "11 – 20",
        "21 – 31",
        "L.control.scale",
        "Arah utara",
    ):
        assert text in html, text
    assert "Tengger {\\u007bKulon}}" in html  # Jinja markers in names are escaped, not rendered


def test_png_is_real_and_sized(layer, tmp_path):
    values = pd.DataFrame({"kode": list(layer["kode"])[:3], "nilai": [0, 6, 12]})
    path = maps.export_png(layer, values, SPEC, tmp_path / "peta.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1600, 1200)


def test_layers_of_plain_polygons_and_missing_names_encode():
    """A layer of only Polygons (no MultiPolygon) and with an empty name column still maps."""
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    from petakesos import maps

    layer = gpd.GeoDataFrame(
        {"kode": ["35.01", "35.02"], "nama": ["A", "B"], "nama_kec": [None, None]},
        geometry=[box(111.0, -8.0, 111.1, -7.9), box(111.1, -8.0, 111.2, -7.9)],
        crs=4326,
    )
    values = pd.DataFrame({"kode": ["35.01", "35.02"], "nilai": [1.0, 2.0]})
    m = maps.choropleth(layer, values, maps.MapSpec(title="uji", k=3))
    html = maps.map_html(m)
    assert "35.02" in html


# ---------- the Streamlit map component: payload arguments and the shared drawing library ----------
def test_component_args_carry_the_same_payloads_as_the_export(layer):
    values = pd.DataFrame({"kode": list(layer["kode"]), "nilai": [0, 7, 15, 31]})
    parts = maps_render.map_parts(layer, values, SPEC)
    args = maps_render.component_args(parts, name="peta_35.23", height=700)
    assert set(args) == {"geo", "geo_key", "values", "outline", "options", "height"}
    assert args["height"] == 700 and args["options"]["name"] == "peta_35.23"
    assert args["outline"] is None
    assert decode_layer(args["geo"])["kode"] == list(layer["kode"])
    # Same texts as the folium map of the HTML export.
    folium_parts = _parts(maps.choropleth(layer, values, SPEC))
    assert (folium_parts.geo, folium_parts.values) == (args["geo"], args["values"])
    val = json.loads(args["values"])
    assert val["t"] == ["0", "7", "15", "31"] and val["c"] == "0012"
    # Streamlit serialises the arguments as JSON: plain types only, and small for four desa.
    assert len(json.dumps(args)) < 20_000


def test_geometry_key_follows_the_polygons_not_the_values(layer):
    a = maps_render.map_parts(layer, pd.DataFrame({"kode": ["35.23.01.2001"], "nilai": [3]}), SPEC)
    b = maps_render.map_parts(layer, pd.DataFrame({"kode": ["35.23.02.1004"], "nilai": [40]}), SPEC)
    assert a.geo_key == b.geo_key and a.values != b.values  # the browser only restyles
    kec = layer.dissolve("kode_kec", as_index=False)[["kode_kec", "geometry"]].rename(columns={"kode_kec": "kode"})
    with_outline = maps_render.map_parts(
        layer, pd.DataFrame({"kode": ["35.23.01.2001"], "nilai": [3]}), SPEC, outline_layer=kec
    )
    assert with_outline.geo_key != a.geo_key and decode_layer(with_outline.outline)["kode"] == ["35.23.01", "35.23.02"]
    fewer = maps_render.map_parts(layer.iloc[:3], pd.DataFrame({"kode": ["35.23.01.2001"], "nilai": [3]}), SPEC)
    assert fewer.geo_key != a.geo_key
    assert np.allclose(a.bounds, ((-6.90, 111.90), (-6.89, 111.95)))  # [[south, west], [north, east]]


def test_no_personal_columns_reach_the_component_args(layer):
    values = pd.DataFrame(
        {
            "kode": list(layer["kode"]),
            "nilai": [1, 6, 12, 30],
            "nik": ["3523010101900001"] * 4,
            "nama_orang": ["Siti Aminah"] * 4,
        }
    )
    text = json.dumps(maps_render.component_args(maps_render.map_parts(layer, values, SPEC), name="x", height=600))
    for leak in ("nik", "nama_orang", "3523010101900001", "Siti Aminah"):
        assert leak not in text


def test_presentation_and_texts_travel_as_options(layer):
    spec = maps.MapSpec(title="Judul", subtitle="Sub", presentation=True, k=3)
    parts = maps_render.map_parts(layer, pd.DataFrame({"kode": ["35.23.01.2001"], "nilai": [3]}), spec)
    assert parts.options["presentation"] is True and parts.options["title"] == "Judul"
    assert parts.options["weight"] == 0.6 and "Arah utara" in parts.options["north_svg"]


def test_one_drawing_library_for_export_and_component(layer, static_dir):
    lib = (FRONTEND / "petakesos_map.js").read_text(encoding="utf-8")
    css = (FRONTEND / "petakesos_map.css").read_text(encoding="utf-8")
    for text in (lib, css):
        for marker in ("{{", "{%", "{#"):  # branca re-parses the export's scripts as Jinja templates
            assert marker not in text
    html = maps.map_html(
        maps.choropleth(layer, pd.DataFrame({"kode": ["35.23.01.2001"], "nilai": [3]}), SPEC), static_dir
    )
    assert html.count("window.PetaKesosMap") == 1 and "PetaKesosMap.create(" in html
    assert ".pk-legend-title" in html
    page = (FRONTEND / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and not [s for s in sources if "://" in s or s.startswith("//")]  # offline: no CDN
    assert "../../app/static/leaflet/leaflet.js" in sources and "petakesos_map.js" in sources
    glue = (FRONTEND / "component.js").read_text(encoding="utf-8")
    for message in (
        "streamlit:componentReady",
        "streamlit:render",
        "streamlit:setFrameHeight",
        "streamlit:setComponentValue",
    ):
        assert message in glue


def test_category_text_replaces_the_number_in_tooltips():
    """A coverage-status map shows 'Tanpa PSM', not '2', in its tooltip."""
    import json

    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    from petakesos import maps

    layer = gpd.GeoDataFrame(
        {"kode": ["35.01.01.2001", "35.01.01.2002"], "nama": ["A", "B"]},
        geometry=[box(111.0, -8.0, 111.1, -7.9), box(111.1, -8.0, 111.2, -7.9)],
        crs=4326,
    )
    values = pd.DataFrame({"kode": layer["kode"], "nilai": [0.0, 2.0], "teks": ["Tercakup", "Tanpa PSM"]})
    payload = json.loads(maps.restyle_payload(layer, values, maps.MapSpec(title="uji", k=3)))
    assert payload["t"] == ["Tercakup", "Tanpa PSM"]


# ---------- issue 9: fit the mainland, Indonesian numbers in legends ----------
def test_the_map_fits_the_main_mass_not_far_small_islands():
    # A 1° × 1° "mainland", a touching 0.5° strip, and a 0.05° island 2° to the north.
    main = box(111.0, -8.0, 112.0, -7.0)
    strip = box(112.0, -7.5, 112.5, -7.0)
    island = box(111.5, -5.05, 111.55, -5.0)
    layer = gpd.GeoDataFrame(
        {"kode": ["35.01", "35.02", "35.03"], "nama": ["A", "B", "C"]}, geometry=[main, strip, island], crs=4326
    )
    assert np.allclose(maps_render.fit_bounds(layer), ((-8.0, 111.0), (-7.0, 112.5)))
    # Two masses of similar size (two provinces) are both kept.
    other = box(104.0, -6.0, 105.0, -5.0)
    two = gpd.GeoDataFrame({"kode": ["35", "18"], "nama": ["A", "B"]}, geometry=[main, other], crs=4326)
    assert np.allclose(maps_render.fit_bounds(two), ((-8.0, 104.0), (-5.0, 112.0)))
    parts = maps_render.map_parts(layer, pd.DataFrame({"kode": ["35.01"], "nilai": [1]}), SPEC)
    assert np.allclose(parts.options["fit"], [[-8.0, 111.0], [-7.0, 112.5]])


def _many(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"kode": [f"35.23.01.{2001 + i}" for i in range(n)], "nama": ["x"] * n},
        geometry=[box(111 + i * 0.001, -7, 111.001 + i * 0.001, -6.999) for i in range(n)],
        crs=4326,
    )


def test_legend_counts_use_indonesian_thousands():
    layer = _many(1200)
    values = pd.DataFrame({"kode": layer["kode"], "nilai": [5.0] * 1100 + [float("nan")] * 100})
    payload = json.loads(maps.restyle_payload(layer, values, maps.MapSpec(title="uji", k=3)))
    assert payload["legend"] == [["5", "1.100"]] and payload["nd_n"] == "100"
    from petakesos.maps.export import legend_labels

    classes = maps.classify(values["nilai"], "quantile", 3)
    assert legend_labels(classes, values["nilai"], "desa", "Tidak ada data") == [
        "5  (1.100 desa)",
        "Tidak ada data  (100 desa)",
    ]
