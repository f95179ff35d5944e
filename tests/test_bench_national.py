"""The national benchmark runs end to end at district scale on a store of its own and prints, with
--json, one record per figure in the shape the README table is made from. Figures are not checked:
speed is measured by the benchmark, never asserted by a test."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from needs import SHARED_GEO, require

from petakesos.bench.server import default_env
from petakesos.config import REPO_ROOT

# Every figure issue 14 asks for, by the name the README table shows (page queries are checked apart).
EXPECTED = [
    "mesin: inti CPU",
    "mesin: memori",
    "mesin: beban rata-rata (1 menit) saat mulai",
    "kasus dalam penyimpanan sintetis",
    "membangun penyimpanan sintetis",
    "impor 10 baris (proses sendiri, termasuk penyegaran mart)",
    "impor 10 baris: puncak memori",
    "penyegaran mart setelah impor kecil",
    "kepadatan per desa, provinsi Jawa Timur",
    "kepadatan per desa, provinsi Jawa Timur: pandas groupby",
    "kepadatan per desa, provinsi Jawa Timur: pindai kolom kasus saja",
    "kepadatan per desa, provinsi Jawa Timur: agregasi langsung dari kasus",
    "kepadatan per desa, nasional",
    "kepadatan per desa, nasional: pandas groupby",
    "kepadatan per desa, nasional: pindai kolom kasus saja",
    "kepadatan per desa, nasional: agregasi langsung dari kasus",
    "peta desa provinsi: data dikirim",
    "peta desa provinsi: membangun (pertama)",
    "peta desa provinsi: membangun (berikutnya)",
    "aplikasi: memori setelah mulai",
    "aplikasi: memori setelah semua halaman",
    "aplikasi: memori puncak",
]
RATIOS = {  # records compared with a yardstick, and which one
    "kepadatan per desa, provinsi Jawa Timur: pandas groupby": "pandas",
    "kepadatan per desa, nasional: pandas groupby": "pandas",
    "kepadatan per desa, nasional: pindai kolom kasus saja": "scan",
    "kepadatan per desa, nasional: agregasi langsung dari kasus": "scan",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    # The default settings (not the fixture world's): every desa of the code list, the geo store of set-up.
    require(SHARED_GEO / "wilayah_kemendagri_2025.csv", "Daftar kode wilayah (shared/geo)")
    require(REPO_ROOT / "geo", "Penyimpanan batas wilayah (geo/)")
    store = tmp_path_factory.mktemp("bench") / "district"
    args = ["--scale", "district", "--store", str(store), "--repeats", "1", "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "petakesos", "bench", "national", *args],  # as the README runs it
        cwd=REPO_ROOT,
        env=default_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)  # stdout is the JSON alone: headings and progress go elsewhere


def test_a_saved_run_that_is_not_json_is_named_with_its_line(tmp_path):
    from petakesos.bench import national

    saved = tmp_path / "nasional.json"
    saved.write_text("== national\n[{}]\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"nasional\.json, baris 1 kolom 1: bukan keluaran JSON"):
        national.main(["--from", str(saved), "--markdown"])
    saved.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(SystemExit, match="bukan daftar catatan"):
        national.main(["--from", str(saved), "--markdown"])


def test_every_record_has_the_shape_name_value_unit_and_ratio_with_its_yardstick(records):
    for r in records:
        assert set(r) in ({"name", "value", "unit"}, {"name", "value", "unit", "ratio", "against"}), r
        assert isinstance(r["name"], str) and isinstance(r["unit"], str)
        assert isinstance(r["value"], int | float) and r["value"] >= 0, r
        if "ratio" in r:
            assert r["against"] in ("pandas", "scan") and r["ratio"] > 0, r


def test_every_expected_figure_is_there_once_with_its_yardstick(records):
    names = [r["name"] for r in records]
    assert [n for n in EXPECTED if names.count(n) != 1] == []
    by_name = {r["name"]: r for r in records}
    assert {n: by_name[n].get("against") for n in RATIOS} == RATIOS


def test_every_app_query_of_a_province_is_timed(records):
    from petakesos import sql

    names = {r["name"] for r in records}
    timed = {n.removesuffix(" (provinsi, hangat)") for n in names if n.endswith(" (provinsi, hangat)")}
    # Every app query whose parameters the benchmark can fill (the scope, a year, a period, categories).
    fillable = {"wilayah", "tahun", "tahun_awal", "kategori", "tingkat", "file_name", "alasan"}
    expected = {n for n in sql.names("app") if sql.param_names(sql.load(n)) <= fillable}
    assert expected - timed == set()
    assert "app/kasus_by_desa" in timed


def test_the_markdown_table_has_a_row_per_record_and_the_targets():
    from petakesos.bench import national_report

    records = [
        {"name": "kepadatan per desa, nasional", "value": 0.25, "unit": "s"},
        {
            "name": "kepadatan per desa, nasional: pandas groupby",
            "value": 5.0,
            "unit": "s",
            "ratio": 20.0,
            "against": "pandas",
        },
        {"name": "aplikasi: memori puncak", "value": 3000.0, "unit": "MB"},
        {"name": "peta desa provinsi: data dikirim", "value": 1_500_000, "unit": "B"},
    ]
    lines = national_report.markdown(records).splitlines()
    assert lines[:2] == ["| ukuran | nilai | target | rasio |", "|---|---|---|---|"]
    assert lines[2] == "| kepadatan per desa, nasional | 250 ms | ≤ 1 s ✅ |  |"
    assert (
        lines[3]
        == "| kepadatan per desa, nasional: pandas groupby | 5,00 s | ≥ 10× lebih cepat ✅ | 20,00× thd pandas |"
    )
    assert lines[4] == "| aplikasi: memori puncak | 3.000 MB | ≤ 2 GB ❌ |  |"
    assert lines[5] == "| peta desa provinsi: data dikirim | 1,50 MB | ≤ 2 MB ✅ |  |"


def test_the_synthetic_store_holds_exactly_n_cases_spread_evenly_over_every_desa(world, tmp_path):
    """Built province by province (bounded memory, desa order): no row lost or doubled at the seams
    between provinces, every desa of the code list gets its share, and the rows are in desa order."""
    from petakesos import db
    from petakesos.bench import national

    store = tmp_path / "kecil"
    national.build(store, 5_000)
    con = db.open_store(world, store=store)
    try:
        per_desa = con.execute(
            "select w.kode, count(k.kode_desa) from ref_wilayah as w left join pmks_kasus as k"
            " on k.kode_desa = w.kode where w.tingkat = 4 group by w.kode"
        ).fetchall()
        total, keys = con.execute("select count(*), count(distinct row_key) from pmks_kasus").fetchone()
        provinces, with_cases = con.execute(
            "select count(*), count(*) filter (where exists (select 1 from pmks_kasus as k"
            " where starts_with(k.kode_desa, p.kode || '.'))) from ref_wilayah as p where p.tingkat = 1"
        ).fetchone()
    finally:
        con.close()
    counts = [n for _, n in per_desa]
    assert (total, keys) == (5_000, 5_000)
    assert sum(counts) == 5_000 and max(counts) - min(counts) <= 1  # every row in a desa of the list, evenly
    assert provinces == with_cases == 38
