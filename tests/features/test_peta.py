"""Peta PMKS logic on the fixture: periods, values per desa, ranks, table, desa panel, CLI.

Expected values are worked out by hand from tests/fixtures (Kenduruan, 35.23.01):
cases A (desa 2001, cat 24, 2021-03-01, open), B (2001, cat 09, 2022-06-01, closed 2022-12-31),
C (2002, cat 24, 2022-01-15, closed 2023-01-01), D (2002, cat 08, 2023-05-05, open),
E (2003, cat 24, 2020-01-01, closed 2021-06-30), F (2001, cat 24, 2022-02-02, open);
population 2022: 2001 = 1,000, 2002 = 2,000, 2003 = 500; no figure for the other six desa.
"""

import functools
import math
from types import SimpleNamespace

import pandas as pd
import pytest

from petakesos import excel, maps, sql
from petakesos.features import peta
from petakesos.features.peta import detail, text, view

KENDURUAN = "35.23.01"
JLODRO, SOKOGUNUNG, JAMPRONG = "35.23.01.2001", "35.23.01.2002", "35.23.01.2003"


def _rows(con, scope=KENDURUAN, periode="2022", kategori=()):
    return peta.fetch_rows(functools.partial(sql.run, con), scope, peta.Periode.parse(periode), kategori)


def _by_kode(frame, col):
    return dict(zip(frame["kode"], frame[col]))


# --- Period ----------------------------------------------------------------------------------------


def test_period_parses_a_year_and_a_range():
    assert peta.Periode.parse("2025") == peta.Periode(2025, 2025)
    assert peta.Periode.parse("2023-2025") == peta.Periode(2023, 2025)
    assert peta.Periode.parse(" 2023 – 2025 ").label == "2023–2025"
    assert peta.Periode.parse("2025").label == "2025"


@pytest.mark.parametrize("text", ["20x5", "2025-2023", "25", "2023-", ""])
def test_bad_periods_are_refused_in_indonesian(text):
    with pytest.raises(peta.PeriodeInvalid, match="Periode tidak sah"):
        peta.Periode.parse(text)


def test_period_outside_the_data_years_is_refused():
    peta.Periode(2021, 2022).check([2020, 2021, 2022, 2023])
    with pytest.raises(peta.PeriodeInvalid, match="di luar tahun data"):
        peta.Periode(2019, 2022).check([2020, 2021, 2022, 2023])


# --- Values per desa -------------------------------------------------------------------------------


def test_one_year_counts_cases_open_in_that_year(con):
    rows = _rows(con)
    assert len(rows) == 9  # every desa of Kenduruan, zeros not gaps
    kasus = _by_kode(rows, "kasus")
    assert kasus[JLODRO] == 3  # A, B (closed 31 Dec 2022), F
    assert kasus[SOKOGUNUNG] == 1  # C
    assert kasus[JAMPRONG] == 0  # E closed in 2021
    assert sum(kasus.values()) == 4
    assert rows["kode"].map(type).eq(str).all()


def test_a_range_counts_each_case_once(con):
    # 2022-2023: A, B, F (2001), C, D (2002). A, F and C are open in both years but count once.
    kasus = _by_kode(_rows(con, periode="2022-2023"), "kasus")
    assert (kasus[JLODRO], kasus[SOKOGUNUNG], kasus[JAMPRONG]) == (3, 2, 0)
    # 2020-2021: E (open 2020 to June 2021) and A (recorded March 2021).
    kasus = _by_kode(_rows(con, periode="2020-2021"), "kasus")
    assert (kasus[JLODRO], kasus[SOKOGUNUNG], kasus[JAMPRONG]) == (1, 0, 1)


def test_categories_filter_the_cases(con):
    fakir = _by_kode(_rows(con, kategori=("24",)), "kasus")
    assert (fakir[JLODRO], fakir[SOKOGUNUNG]) == (2, 1)  # A, F; C
    both = _by_kode(_rows(con, kategori=("24", "09")), "kasus")
    assert both[JLODRO] == 3


def test_rate_per_1000_and_no_population_is_no_data_not_zero(con):
    v = peta.values_frame(_rows(con), "rate")
    nilai = _by_kode(v, "nilai")
    assert nilai[JLODRO] == pytest.approx(3.0)  # 3 / 1,000 × 1,000
    assert nilai[SOKOGUNUNG] == pytest.approx(0.5)  # 1 / 2,000 × 1,000
    assert nilai[JAMPRONG] == 0.0
    assert v["nilai"].isna().sum() == 6
    assert _by_kode(v, "peringkat") == pytest.approx(
        {**{k: math.nan for k in nilai}, JLODRO: 1, SOKOGUNUNG: 2, JAMPRONG: 3}, nan_ok=True
    )
    row = v.set_index("kode").loc[JLODRO]
    assert (row["peringkat_kec"], row["n_kec"], row["peringkat_kab"], row["n_kab"]) == (1, 3, 1, 3)


def test_counts_rank_ties_together(con):
    v = peta.values_frame(_rows(con), "count")
    ranks = _by_kode(v, "peringkat")
    assert ranks[JLODRO] == 1 and ranks[SOKOGUNUNG] == 2
    assert {ranks[k] for k in ranks if k not in (JLODRO, SOKOGUNUNG)} == {3}  # seven desa with 0


def test_kabupaten_rows_sum_the_desa():
    rows = pd.DataFrame(
        {
            "kode": ["35.23.01.2001", "35.23.01.2002", "35.24.01.2001"],
            "nama": ["a", "b", "c"],
            "kode_kec": ["35.23.01"] * 2 + ["35.24.01"],
            "nama_kec": ["k"] * 3,
            "kode_kab": ["35.23", "35.23", "35.24"],
            "nama_kab": ["Kabupaten Tuban"] * 2 + ["Kabupaten Lamongan"],
            "kode_prov": ["35"] * 3,
            "nama_prov": ["Jawa Timur"] * 3,
            "penduduk": [1000, None, None],
            "kasus": [3, 2, 1],
        }
    )
    kab = peta.values_frame(peta.aggregate(rows, "kab"), "rate")
    assert kab["kode"].tolist() == ["35.23", "35.24"]
    assert kab["kasus"].tolist() == [5, 1]
    assert kab["nilai"].iloc[0] == pytest.approx(5.0) and math.isnan(kab["nilai"].iloc[1])


# --- Navigation -------------------------------------------------------------------------------------


def test_drill_down_targets():
    assert peta.drill_target("35", JLODRO) == {"pilih_prov": "35", "pilih_kab": "35.23", "pilih_kec": ""}
    assert peta.drill_target("", "35.23") == {"pilih_prov": "35", "pilih_kab": "35.23", "pilih_kec": ""}
    assert peta.drill_target("35.23", JLODRO)["pilih_kec"] == KENDURUAN
    assert peta.drill_target(KENDURUAN, JLODRO) is None
    assert peta.drill_target("35.24", JLODRO) is None  # outside the scope
    assert peta.parent_target(KENDURUAN) == {"pilih_prov": "35", "pilih_kab": "35.23", "pilih_kec": ""}
    assert peta.parent_target("35.23") == {"pilih_prov": "35", "pilih_kab": "", "pilih_kec": ""}
    assert peta.parent_target("35") is None


def test_the_newest_of_click_and_table_row_is_shown():
    p = peta.choose(peta.Pilihan(), JLODRO, None, "35.23")
    assert p.kode == JLODRO
    p = peta.choose(p, JLODRO, SOKOGUNUNG, "35.23")  # same click again, new row
    assert p.kode == SOKOGUNUNG
    p = peta.choose(p, JLODRO, SOKOGUNUNG, "35.23")  # nothing new: keep
    assert p.kode == SOKOGUNUNG
    p = peta.choose(p, JAMPRONG, SOKOGUNUNG, "35.23")
    assert p.kode == JAMPRONG
    assert peta.choose(p, JAMPRONG, SOKOGUNUNG, "35.24").kode is None  # left the scope


# --- Table, panel, exports --------------------------------------------------------------------------


def test_table_masks_small_counts_and_filters_by_name(con):
    v = peta.values_frame(_rows(con), "rate")
    classes = maps.classify(v["nilai"], "quantile", 3)
    t = detail.table_frame(v, classes, "rate", suppress=True)
    assert t["Desa/Kelurahan"].iloc[0] == "Jlodro"
    assert t["Kasus PMKS"].tolist()[:3] == ["<5", "<5", 0]  # numbers, "<5" only where masked
    assert t["Peringkat"].tolist()[:3] == [1, 2, 3]
    assert t["Kelas"].iloc[-1] == "Tidak ada data"
    assert t["Kasus per 1.000 penduduk"].iloc[0] == pytest.approx(3.0)
    assert detail.table_frame(v, classes, "rate", suppress=False)["Kasus PMKS"].tolist()[:3] == [3, 1, 0]
    counts = detail.table_frame(peta.values_frame(_rows(con), "count"), classes, "count", suppress=True)
    assert counts["Kasus PMKS"].iloc[0] == "<5"
    assert detail.filter_table(t, "sokogu")["Desa/Kelurahan"].tolist() == ["Sokogunung"]
    assert len(detail.filter_table(t, "kenduruan")) == 9 and len(detail.filter_table(t, "")) == 9
    assert detail.filter_table(t, "35.23.01.2003")["Desa/Kelurahan"].tolist() == ["Jamprong"]


def test_excel_has_parameters_and_no_personal_columns(con, tmp_path):
    v = peta.values_frame(_rows(con), "rate")
    spec = peta.map_spec(
        ukuran="rate",
        kategori_text="Semua kategori PMKS",
        wilayah_nama="Kenduruan",
        periode=peta.Periode(2022, 2022),
        scheme="quantile",
        k=3,
        palette="Blues",
    )
    t = detail.table_frame(v, maps.classify(v["nilai"], "quantile", 3), "rate", True)
    params = detail.parameters(
        wilayah_nama="Kenduruan",
        wilayah_kode=KENDURUAN,
        periode_label="2022",
        kategori_text="Semua kategori PMKS",
        ukuran="rate",
        spec=spec,
        suppress=True,
        definisi=text.HELP_PERIODE,
    )
    book = pd.read_excel(pd.io.common.BytesIO(excel.workbook({"Peta PMKS": t}, params)), sheet_name=None)
    assert list(book) == ["Parameter", "Peta PMKS"]
    assert "31 Desember" in book["Parameter"].set_index("parameter").loc["Definisi periode", "nilai"]
    assert book["Parameter"].set_index("parameter").loc["Palet warna", "nilai"] == "Biru"  # not "Blues"
    assert len(book["Peta PMKS"]) == 9
    assert not any("nik" in c.lower() or c.lower() == "nama" for c in book["Peta PMKS"].columns)


def test_desa_panel_ranks_counts_and_psm(con):
    run = functools.partial(sql.run, con)
    ctx = peta.values_frame(_rows(con, scope="35.23"), "rate")
    d = detail.desa_detail(ctx, JLODRO, "rate", suppress=False)
    assert d["nama"] == "Jlodro" and d["kecamatan"] == "Kenduruan"
    assert (d["nilai"], d["kasus"], d["penduduk"]) == ("3,00", "3", "1.000")  # A, B, F per 1,000 residents
    # Ranked with the two other desa that have a population: Sokogunung 0,50 and Jamprong 0,00.
    assert (d["peringkat_kec"], d["peringkat_kab"]) == ("1 dari 3", "1 dari 3")
    # Masked, as the page builds it: 3,00 × the 1.000 residents shown would be the count, and so would its
    # rank among 3 desa, so neither is shown; the population is public and stays.
    masked_ctx = peta.values_frame(_rows(con, scope="35.23"), "rate", suppress=True)
    m = detail.desa_detail(masked_ctx, JLODRO, "rate", suppress=True)
    assert (m["nilai"], m["kasus"], m["penduduk"]) == ("<5 kasus", "<5", "1.000")
    assert (m["peringkat_kec"], m["peringkat_kab"]) == ("–", "–")
    assert detail.desa_detail(ctx, "35.23.99.9999", "rate", True) is None
    cats = run("app/kasus_by_kategori", wilayah=JLODRO, tahun_awal=2022, tahun=2022, kategori=())
    assert dict(zip(cats["kode"], cats["kasus"])) == {"24": 2, "09": 1}
    assert detail.category_table(cats, suppress=True)["Kasus PMKS"].tolist() == ["<5", "<5"]
    # 2022: PSM 1 (SK May 2021, passed Bimtek Dasar with certificate Nov 2022) and PSM 2 (SK 31 Dec 2022).
    psm = run("app/psm_summary", wilayah=JLODRO, tahun=2022).iloc[0]
    assert (psm["psm_aktif"], psm["psm_terlatih"], psm["psm_bersertifikat"]) == (2, 1, 1)
    assert detail.psm_text(psm) == {"psm_aktif": "2", "psm_terlatih": "1", "psm_bersertifikat": "1"}


def test_trend_counts_open_cases_per_year(con):
    trend = sql.run(con, "app/kasus_by_tahun", wilayah=JLODRO, kategori=())
    got = dict(zip(trend["tahun"], trend["kasus"]))
    assert got == {2020: 0, 2021: 1, 2022: 3, 2023: 2}  # B closed 31 Dec 2022
    fig = detail.trend_figure(trend, "count", suppress=True, title="Tren")
    assert all(math.isnan(y) or y == 0 for y in fig.data[0].y)  # 1–4 are not drawn when masked
    rate = detail.trend_figure(trend, "rate", suppress=False, title="Tren")
    assert rate.data[0].y[2] == pytest.approx(3.0)  # 2022: A, B, F per 1,000 residents
    # Masked, a year with 1–4 cases has no rate (times the population it is the count); 2020 (0) is drawn.
    masked = detail.trend_figure(trend, "rate", suppress=True, title="Tren")
    assert [math.isnan(y) for y in masked.data[0].y] == [False, True, True, True]
    assert masked.data[0].y[0] == 0.0 and list(masked.data[0].text)[1:] == ["<5 kasus"] * 3


def test_exported_html_carries_no_person_data(world, con):
    from petakesos import geo

    v = peta.values_frame(_rows(con), "rate")
    layer = geo.load_level(world.geo_dir, "desa", "kab", KENDURUAN)
    spec = peta.map_spec(
        ukuran="rate",
        kategori_text="Semua kategori PMKS",
        wilayah_nama="Kecamatan Kenduruan",
        periode=peta.Periode(2022, 2022),
        scheme="quantile",
        k=3,
        palette="YlOrRd",
    )
    html = detail.html_bytes(layer, v, spec).decode()
    assert "Kecamatan Kenduruan" in html and "Jlodro" in html
    for private in ("Kasus A", "PSM Satu", "3523010101500001", "nik_hash", "1950-01-01"):
        assert private not in html
    png = detail.png_bytes(layer, v, spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


# --- CLI ------------------------------------------------------------------------------------------


def test_cli_writes_html_and_png(world, tmp_path, capsys):
    from petakesos.cli import main

    assert main(["map", "--wilayah", "352301", "--period", "2022", "--out", str(tmp_path / "k.html")]) == 0
    html = (tmp_path / "k.html").read_text(encoding="utf-8")
    assert "Kecamatan Kenduruan" in html and "<script src=" not in html  # Leaflet inlined
    # Masked by default: Jlodro's 3 cases in 2022 (per 1.000 of its 1.000 residents) must not come back as
    # a rate in a tooltip; with --tanpa-samarkan the exact rate is shown.
    assert '"3,00"' not in html
    assert (
        main(["map", "--wilayah", "352301", "--period", "2022", "--tanpa-samarkan", "--out", str(tmp_path / "t.html")])
        == 0
    )
    assert '"3,00"' in (tmp_path / "t.html").read_text(encoding="utf-8")
    assert (
        main(
            [
                "map",
                "--wilayah",
                KENDURUAN,
                "--period",
                "2021-2022",
                "--kategori",
                "24,9",
                "--ukuran",
                "count",
                "--skema",
                "equal_interval",
                "--kelas",
                "3",
                "--out",
                str(tmp_path / "k.png"),
            ]
        )
        == 0
    )
    assert (tmp_path / "k.png").read_bytes()[:4] == b"\x89PNG"
    assert "Peta ditulis" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--wilayah", "35.99", "--period", "2022"], "Kode wilayah tidak dikenal"),
        (["--wilayah", "3x", "--period", "2022"], "Kode wilayah tidak dikenal"),
        (["--wilayah", KENDURUAN, "--period", "2030"], "di luar tahun data"),
        (["--wilayah", KENDURUAN, "--period", "dua ribu"], "Periode tidak sah"),
        (["--wilayah", KENDURUAN, "--period", "2022", "--kategori", "99"], "Kategori PMKS tidak dikenal"),
        (["--wilayah", KENDURUAN, "--period", "2022", "--kelas", "9"], "Jumlah kelas"),
    ],
)
def test_cli_user_errors_are_one_indonesian_line_and_exit_2(world, tmp_path, capsys, args, message):
    from petakesos.cli import main

    assert main(["map", *args, "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


# --- Issue 9: desa panel, titles, compare mode, numbers --------------------------------------------

NAMES = {"08": "Lanjut Usia Terlantar", "09": "Penyandang Disabilitas", "24": "Fakir Miskin"}


def test_desa_categories_list_only_the_chosen_categories(con):
    # Sokogunung 2023: C (cat 24, closed 1 Jan 2023) and D (cat 08, recorded May 2023).
    run = functools.partial(sql.run, con)
    every = run("app/kasus_by_kategori", wilayah=SOKOGUNUNG, tahun_awal=2023, tahun=2023, kategori=())
    assert dict(zip(every["kode"], every["kasus"])) == {"24": 1, "08": 1}
    chosen = run("app/kasus_by_kategori", wilayah=SOKOGUNUNG, tahun_awal=2023, tahun=2023, kategori=("09", "24"))
    assert dict(zip(chosen["kode"], chosen["kasus"])) == {"24": 1}


def test_category_text_names_the_categories_not_their_codes():
    assert peta.kategori_label([], NAMES) == "Semua kategori PMKS"
    assert peta.kategori_label(["24"], NAMES) == "24 Fakir Miskin"
    assert peta.kategori_label(["24", "09"], NAMES) == "2 kategori: Penyandang Disabilitas, Fakir Miskin"
    many = peta.kategori_label(["24", "09", "08", "01"], {**NAMES, "01": "Anak Balita Terlantar"})
    assert many == "4 kategori: Anak Balita Terlantar, Lanjut Usia Terlantar, Penyandang Disabilitas dan 1 lainnya"
    full = peta.kategori_label(["24", "09", "08", "01"], {**NAMES, "01": "Anak Balita Terlantar"}, limit=None)
    assert full.endswith("Penyandang Disabilitas, Fakir Miskin")


def test_map_title_names_the_level_it_draws():
    args = {
        "ukuran": "rate",
        "kategori_text": "Semua kategori PMKS",
        "wilayah_nama": "Semua provinsi",
        "periode": peta.Periode(2022, 2022),
        "scheme": "quantile",
        "k": 5,
        "palette": "YlOrRd",
    }
    assert peta.map_spec(**args, level="kab").title == "Kasus per 1.000 penduduk per kabupaten/kota"
    assert peta.map_spec(**args).title == "Kasus per 1.000 penduduk per desa/kelurahan"


def test_compare_puts_the_earlier_period_first():
    later, earlier = peta.Periode(2025, 2025), peta.Periode(2022, 2022)
    assert peta.chronological(later, earlier) == (earlier, later)
    assert peta.chronological(earlier, later) == (earlier, later)
    assert peta.chronological(peta.Periode(2021, 2025), peta.Periode(2023, 2025))[0] == peta.Periode(2021, 2025)


def test_excel_counts_are_numbers_and_only_masked_cells_are_text(con):
    from openpyxl import load_workbook

    v = peta.values_frame(_rows(con), "rate")
    t = detail.table_frame(v, maps.classify(v["nilai"], "quantile", 3), "rate", suppress=True)
    assert t["Kasus PMKS"].tolist()[:3] == ["<5", "<5", 0]
    ws = load_workbook(pd.io.common.BytesIO(excel.workbook({"Peta PMKS": t}))).active
    header = [c.value for c in ws[1]]
    kasus = [ws.cell(row=r, column=header.index("Kasus PMKS") + 1).value for r in range(2, 5)]
    assert kasus == ["<5", "<5", 0]
    penduduk = ws.cell(row=2, column=header.index("Penduduk") + 1).value
    assert penduduk == 1000


def test_table_on_screen_uses_indonesian_numbers(con):
    v = peta.values_frame(_rows(con), "rate")
    t = detail.table_frame(v, maps.classify(v["nilai"], "quantile", 3), "rate", suppress=True)
    html = detail.table_styler(t).to_html()
    assert ">1.000<" in html and ">2.000<" in html  # Penduduk of Jlodro and Sokogunung
    assert ">3,00<" in html and ">0,50<" in html  # cases per 1,000
    assert "><5<" in html and ">1000<" not in html and ">3.0<" not in html


def test_compare_exports_carry_both_periods(world, con):
    from petakesos import geo

    layer = geo.load_level(world.geo_dir, "desa", "kab", KENDURUAN)
    args = {
        "ukuran": "rate",
        "kategori_text": "Semua kategori PMKS",
        "wilayah_nama": "Kecamatan Kenduruan",
        "scheme": "quantile",
        "k": 3,
        "palette": "YlOrRd",
    }
    a = peta.values_frame(_rows(con, periode="2022"), "rate")
    b = peta.values_frame(_rows(con, periode="2023"), "rate")
    specs = [
        peta.map_spec(periode=peta.Periode(2022, 2022), asof="1 Juni 2022", **args),
        peta.map_spec(periode=peta.Periode(2023, 2023), asof="5 Mei 2023", **args),
    ]
    classes = peta.shared_classes(a["nilai"], b["nilai"], "quantile", 3)
    html = detail.pair_html_bytes(layer, [a, b], specs, classes).decode()
    assert "Kecamatan Kenduruan · 2022" in html and "Kecamatan Kenduruan · 2023" in html
    assert "Data per 1 Juni 2022" in html and "Data per 5 Mei 2023" in html
    assert html.index("· 2022 ·") < html.index("· 2023 ·")
    png = detail.pair_png_bytes(layer, [a, b], specs, classes)
    from PIL import Image

    img = Image.open(pd.io.common.BytesIO(png))
    assert img.format == "PNG" and img.size[0] > img.size[1]  # two panels side by side


# --- What the page draws (features/peta/view.py) ---------------------------------------------------
FILTERS_KEC = SimpleNamespace(wilayah=KENDURUAN, nama="Kecamatan Kenduruan", tahun=2022, samarkan_kecil=True)
FILTERS_KEC_OPEN = SimpleNamespace(**{**FILTERS_KEC.__dict__, "samarkan_kecil": False})


def _choice(periode="2022", banding=None, filters=FILTERS_KEC, ukuran="rate", kategori=()):
    p, b = peta.Periode.parse(periode), peta.Periode.parse(banding) if banding else None
    return view.Choice.of(filters, ukuran, kategori, {}, p, "quantile", 3, "YlOrRd", False, False, b)


def test_start_years_stop_at_the_sidebar_year():
    years = pd.DataFrame({"tahun": [2020, 2021, 2022, 2023]})
    assert view.years_until(years, 2022) == [2020, 2021, 2022]
    assert view.years_until(years, 2019) == [2019]  # no data yet: the sidebar year alone


def test_choice_takes_scope_from_the_filters():
    c = _choice()
    assert (c.wilayah, c.tahun, c.suppress, c.level, c.kategori) == (KENDURUAN, 2022, True, "desa", ())
    assert c.kategori_text == "Semua kategori PMKS"
    assert _choice(filters=SimpleNamespace(wilayah="", nama="Semua", tahun=2022, samarkan_kecil=False)).level == "kab"


def test_one_map_with_its_own_date(con):
    m = view.map_set(functools.partial(sql.run, con), _choice())
    assert not m.compare and m.periods == (peta.Periode(2022, 2022),)
    assert m.spec.asof == "1 Juni 2022"  # B, the last case recorded in 2022
    assert m.sides[0][0] is m.values and len(m.values) == 9
    # Masked (FILTERS_KEC): Jlodro (A, B, F) and Sokogunung (C) have no value, only a '<5 kasus' tooltip;
    # Jamprong (0 cases, 500 residents) keeps its rate and is the only one ranked.
    assert math.isnan(_by_kode(m.values, "nilai")[JLODRO]) and math.isnan(_by_kode(m.values, "nilai")[SOKOGUNUNG])
    assert _by_kode(m.values, "teks")[JLODRO] == "<5 kasus" and _by_kode(m.values, "peringkat")[JAMPRONG] == 1
    assert _by_kode(m.values, "nilai")[JAMPRONG] == 0.0 and math.isnan(_by_kode(m.values, "peringkat")[JLODRO])
    shown = view.map_set(functools.partial(sql.run, con), _choice(filters=FILTERS_KEC_OPEN))
    assert _by_kode(shown.values, "nilai")[JLODRO] == pytest.approx(3.0)  # A, B, F per 1,000 residents
    about = view.about(m)
    assert about.startswith(m.spec.title) and m.spec.subtitle in about and "31 Desember" in about


def test_comparison_puts_the_earlier_period_left_with_shared_classes(con):
    m = view.map_set(functools.partial(sql.run, con), _choice("2023", banding="2022"))
    assert m.compare and m.periods == (peta.Periode(2022, 2022), peta.Periode(2023, 2023))
    assert [s.asof for _, s in m.sides] == ["1 Juni 2022", "5 Mei 2023"]
    assert all(s.show_title for _, s in m.sides) and not m.spec.show_title
    assert m.sides[1][0] is m.values  # the chosen period is the one listed under the maps
    assert "sama untuk kedua peta" in view.about(m)
    assert view.side_caption(m.sides[0][1]).endswith("· Data per 1 Juni 2022")


def test_no_map_without_areas(con):
    gone = SimpleNamespace(wilayah="35.99", nama="?", tahun=2022, samarkan_kecil=True)
    assert view.map_set(functools.partial(sql.run, con), _choice(filters=gone)) is None


def test_bubbles_only_on_the_rate_map(con):
    run = functools.partial(sql.run, con)
    base = _choice()
    rate = view.Choice(**{**base.__dict__, "bubbles": True})
    count = view.Choice(**{**base.__dict__, "bubbles": True, "ukuran": "count"})
    assert view.map_set(run, rate).bubbles_col == "kasus" and view.map_set(run, count).bubbles_col is None


def test_selected_row_is_read_from_the_table_state():
    shown = pd.DataFrame({text.COL_KODE: [JLODRO, SOKOGUNUNG]})
    assert view.selected_code(shown, {"selection": {"rows": [1]}}) == SOKOGUNUNG
    assert view.selected_code(shown, {"selection": {"rows": [2]}}) is None  # the list shrank under a search
    assert view.selected_code(shown, None) is None and view.selected_code(shown, {}) is None


def test_back_button_returns_to_the_lowest_picker_set():
    assert view.parent_code(peta.parent_target("35.23.01")) == "35.23"
    assert view.parent_code(peta.parent_target("35.23")) == "35"


def test_desa_panel_in_a_kabupaten_view(con):
    run = functools.partial(sql.run, con)
    tuban = SimpleNamespace(wilayah="35.23", nama="Kabupaten Tuban", tahun=2022, samarkan_kecil=True)
    p = view.desa_panel(run, _choice(filters=tuban), JLODRO, "kab")
    assert p.title == "Jlodro" and p.caption.startswith("Kec. Kenduruan, ") and "2022" in p.caption
    figures = p.figures["Nilai"].to_dict()
    assert figures["PSM aktif (2022)"] == "2" and figures["PSM terlatih (Bimtek Dasar)"] == "1"
    # Masked: 3,00 per 1.000 beside Jlodro's public population would give its 3 cases back.
    assert figures["Kasus PMKS"] == "<5" and figures["Kasus per 1.000 penduduk"] == "<5 kasus"
    assert figures["Peringkat di kecamatan"] == "–" and figures["Peringkat di kabupaten"] == "–"
    tuban_open = SimpleNamespace(**{**tuban.__dict__, "samarkan_kecil": False})
    shown = view.desa_panel(run, _choice(filters=tuban_open), JLODRO, "kab").figures["Nilai"].to_dict()
    assert shown["Kasus PMKS"] == "3" and shown["Kasus per 1.000 penduduk"] == "3,00"
    assert shown["Peringkat di kabupaten"] == "1 dari 3"
    assert p.zoom == {"pilih_prov": "35", "pilih_kab": "35.23", "pilih_kec": KENDURUAN}
    assert p.zoom_label == "Perbesar ke Kecamatan Kenduruan"
    assert view.desa_panel(run, _choice(), JLODRO, "kec").zoom is None  # already in the kecamatan
    assert view.desa_panel(run, _choice(), None, "kec") is None
    assert view.desa_panel(run, _choice(), "35.23.01.2999", "kec") is None


def test_downloads_name_the_scope_and_periods(con):
    run = functools.partial(sql.run, con)
    c = _choice("2023")
    m = view.map_set(run, c)
    shown = detail.table_frame(m.values, m.classes, "rate", True)
    one = view.downloads(None, None, c, m, shown)
    assert [d.file_name for d in one] == [f"peta_pmks_352301_2023-2023.{x}" for x in ("html", "png", "xlsx")]
    assert [d.label for d in one] == ["Peta (HTML offline)", "Peta (PNG)", "Tabel (Excel)"]
    c2 = _choice("2023", banding="2021-2022")
    m2 = view.map_set(run, c2)
    two = view.downloads(None, None, c2, m2, shown)
    assert two[0].file_name == "peta_pmks_352301_2021-2022_2023.html" and two[1].label.startswith("2 peta")
    book = pd.read_excel(pd.io.common.BytesIO(two[2].data()), sheet_name=None)
    assert list(book) == ["Parameter", "Peta PMKS 2021–2022", "Peta PMKS 2023"]
    assert book["Parameter"].set_index("parameter").loc["Periode", "nilai"] == "2021–2022 dan 2023"
