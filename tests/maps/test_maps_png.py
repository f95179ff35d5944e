"""PNG export of a layer made only of plain Polygons (a small kecamatan has no MultiPolygon)."""

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from petakesos import maps


def test_png_of_plain_polygons(tmp_path):
    layer = gpd.GeoDataFrame(
        {"kode": ["35.01.01.2001", "35.01.01.2002"], "nama": ["A", "B"], "nama_kec": ["K", "K"]},
        geometry=[box(111.0, -8.0, 111.1, -7.9), box(111.1, -8.0, 111.2, -7.9)],
        crs=4326,
    )
    values = pd.DataFrame({"kode": layer["kode"], "nilai": [1.0, 5.0]})
    out = maps.export_png(layer, values, maps.MapSpec(title="uji", k=3), tmp_path / "peta.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
