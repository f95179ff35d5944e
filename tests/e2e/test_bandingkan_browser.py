"""Bandingkan Kabupaten in headless Chromium on the demo data: Jawa Timur 2025 against 2022.

The figures on screen and in the Excel download are checked against an independent pandas
computation over the raw tables (tests/test_bandingkan_reference.py).
"""

import pandas as pd
import pytest
from independent_bandingkan import demo_connection, independent_kabupaten

from e2e.conftest import MAP_IFRAME, SHOTS

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def jatim():
    """Independent figures for Jawa Timur (2025, 2022) and all 88 covered kabupaten/kota (2025)."""
    con = demo_connection()
    try:
        now, then = independent_kabupaten(con, "35", 2025), independent_kabupaten(con, "35", 2022)
        names = con.table("ref_wilayah").df().set_index("kode")["nama"]
    finally:
        con.close()
    return now, then, names


def _open(page, url: str) -> None:
    # A fresh server learns of st.navigation on its first run of app.py; before that a deep link is
    # served from the pages/ folder directly. Opening the home page first avoids testing that quirk.
    page.goto(url.split("/bandingkan")[0] + "/")
    page.get_by_text("PSM aktif").first.wait_for(timeout=60_000)
    page.goto(url)
    page.get_by_text("Tiga terburuk").first.wait_for(timeout=90_000)
    for _ in range(120):  # maps and charts settle: the main map has drawn (a busy machine takes longer)
        if any(s.get("name") == "bk_peta_kab" for s in _maps(page)):
            break
        page.wait_for_timeout(500)
    page.wait_for_timeout(1_000)


def _ranked_lines(page) -> list[str]:
    """The numbered 'Tiga terburuk' list as shown (the numbers are list markers)."""
    return [t.strip() for t in page.locator('[data-testid="stMarkdownContainer"] ol li').all_inner_texts()]


def _download(page) -> pd.DataFrame:
    with page.expect_download() as info:
        page.get_by_text("Unduh tabel (Excel)").click()
    return pd.read_excel(info.value.path(), sheet_name="Bandingkan kabupaten", dtype={"Kode": str})


def _holds(cell, exact: float, half: float) -> bool:
    """The exact figure is the number in the cell, or lies in the range the cell shows (rounded by `half`); a
    range whose ends read the same is its low end as a number, with the exact figure less than 2 × `half` above."""
    if not isinstance(cell, str):
        return -0.001 < exact - float(cell) < max(0.001, 2 * half)
    low, _, high = cell.partition("–")

    def num(text: str) -> float:
        return float(text.replace(".", "").replace(",", "."))

    return num(low) - half <= exact <= num(high or low) + half


def test_jawa_timur_table_answers_most_desa_without_psm_since_2022(app_url, page, jatim):
    now, then, names = jatim
    _open(page, f"{app_url}/bandingkan?wilayah=35&tahun=2025")
    assert page.locator("h3").first.inner_text().strip() == "Jawa Timur — 2025"

    # The three kabupaten with the most desa without PSM and their change since 2022, in words.
    worst = now.assign(kode=now.index).sort_values(["desa_tanpa_psm", "kode"], ascending=[False, True]).head(3)
    expected = []
    for code, row in worst.iterrows():
        change = int(row["desa_tanpa_psm"] - then.loc[code, "desa_tanpa_psm"])
        sign = "+" if change > 0 else ("−" if change < 0 else "")
        expected.append(f"{names[code]} — {int(row['desa_tanpa_psm'])} ({sign}{abs(change)} sejak 2022)")
    assert _ranked_lines(page) == expected

    # The downloaded table: every kabupaten/kota of Jawa Timur with figures equal to the independent ones.
    xl = _download(page)
    kab = xl[xl["Jenis baris"] == "kabupaten"].set_index("Kode")
    assert len(kab) == 38 and sorted(kab.index) == sorted(now.index)
    assert (xl["Jenis baris"] != "kabupaten").sum() == 2  # province + median of all covered kabupaten
    assert kab["Desa/kelurahan tanpa PSM"].astype(int).to_dict() == now["desa_tanpa_psm"].astype(int).to_dict()
    delta = (now["desa_tanpa_psm"] - then["desa_tanpa_psm"]).astype(int)
    assert kab["Δ Desa/kelurahan tanpa PSM sejak 2022"].astype(int).to_dict() == delta.to_dict()
    # A kabupaten holding desa shown "<5" reads its case figures as a range ("4,6–4,7"), as shown rounded.
    for col, ref, half in (
        ("Kasus per 1.000 penduduk", "kasus_per_1000", 0.05),
        ("% desa/kelurahan dengan PSM", "persen_desa_psm", 0),
        ("Kasus per PSM", "kasus_per_psm", 0.005),
        ("% PSM terlatih", "persen_terlatih", 0),
    ):
        assert all(_holds(kab.loc[k, col], now.loc[k, ref], half) for k in kab.index), col
    assert kab["Peringkat"].tolist()[:3] == [1, 2, 3]

    # One kabupaten map and (by default) three desa-level maps, all served offline.
    assert page.locator(MAP_IFRAME).count() == 4
    assert not page.blocked_requests, page.blocked_requests
    page.set_viewport_size({"width": 1400, "height": 4800})
    page.wait_for_timeout(3_000)
    page.screenshot(path=str(SHOTS / "bandingkan_jatim_2025.png"), full_page=True)


def test_switching_indicator_reranks(app_url, page, jatim):
    now, _, names = jatim
    _open(page, f"{app_url}/bandingkan?wilayah=35.23&tahun=2025")
    page.get_by_text("Kabupaten Tuban: peringkat").first.wait_for()
    page.locator('[data-testid="stSelectbox"]', has_text="Indikator").click()
    page.get_by_role("option", name="% desa/kelurahan dengan PSM").click()
    page.get_by_text("Tiga terburuk — % desa/kelurahan dengan PSM (2025)").wait_for(timeout=30_000)
    lowest = now["persen_desa_psm"].idxmin()
    assert _ranked_lines(page)[0].startswith(f"{names[lowest]} — ")
    assert not page.blocked_requests, page.blocked_requests


def test_all_provinces_lists_88_kabupaten_with_province_column(app_url, page):
    _open(page, f"{app_url}/bandingkan?tahun=2025")
    assert page.locator("h3").first.inner_text().startswith("Semua provinsi (")
    xl = _download(page)
    assert (xl["Jenis baris"] == "kabupaten").sum() == 88
    assert sorted(xl.loc[xl["Jenis baris"] == "provinsi", "Kabupaten/Kota"]) == [
        "Provinsi Jawa Tengah",
        "Provinsi Jawa Timur",
        "Provinsi Lampung",
    ]
    assert set(xl.loc[xl["Jenis baris"] == "kabupaten", "Provinsi"]) == {"Jawa Tengah", "Jawa Timur", "Lampung"}
    # The map of all provinces draws kabupaten/kota and says so; nothing calls it a desa map (issue 9, item 10).
    map_part = (
        page.locator('[data-testid="stMain"]').inner_text().split("Peta kabupaten/kota", 1)[1].split("Berdampingan")[0]
    )
    assert "per desa/kelurahan" not in map_part and "Satu warna per kabupaten/kota" in map_part
    assert not page.blocked_requests, page.blocked_requests


# Issue 9 (items 4, 9, 10, 11): what a user reads at 1366×768 on Jawa Timur 2025.
_MAP_STATE = """() => {
  const E = Object.values(window.PETAKESOS || {})[0];
  if (!E) return null;
  const m = E.map, c = m.getContainer().getBoundingClientRect(), l = E.legend.getContainer().getBoundingClientRect();
  const polys = E.feats.map(f => { const b = f.getBounds(), nw = m.latLngToContainerPoint(b.getNorthWest()),
                                          se = m.latLngToContainerPoint(b.getSouthEast());
                                    return [nw.x, nw.y, se.x, se.y]; });
  return {name: E.opt.name, w: c.width, h: c.height, polys: polys,
          legend: [l.left - c.left, l.top - c.top, l.right - c.left, l.bottom - c.top],
          title: E.legend.getContainer().querySelector('.pk-legend-title').textContent};
}"""
# English decimals ("18.07", "195.0") or English thousands ("1,248"); Indonesian "1.234" and "0,45" pass.
_ENGLISH_NUMBER = r"(?<![\d.,])(\d+\.\d{1,2}|\d+\.\d{4,}|\d{1,3}(,\d{3})+)(?![\d.,])"


def _maps(page) -> list[dict]:
    states = [f.evaluate(_MAP_STATE) for f in page.frames if f != page.main_frame]
    return [s for s in states if s]


def _open_1366(page, url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    _open(page, url)


def test_colours_medians_and_numbers_read_the_same_way_everywhere(app_url, page):
    import re

    _open_1366(page, f"{app_url}/bandingkan?wilayah=35&tahun=2025")
    page.screenshot(path=str(SHOTS / "bandingkan_tabel.png"))
    titles = {s["name"]: s["title"] for s in _maps(page)}
    assert titles["bk_peta_kab"] == "Desa/kelurahan tanpa PSM (gelap = lebih buruk)"
    # The desa maps show PSM per desa: dark is good there, and the legend says so.
    small = [t for n, t in titles.items() if n.startswith("bk_kecil_")]
    assert small and set(small) == {"PSM aktif di desa (gelap = lebih baik)"}
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Kasus per 1.000 penduduk, 38 kab/kota yang tampil" in main  # the scatter's dashed lines, named
    assert "YlOrRd" not in main and "Oranges" not in main
    assert re.findall(_ENGLISH_NUMBER, main) == []
    separators = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p._fullLayout.separators)"
    )
    assert separators == [",.", ",."]


def test_small_multiple_legends_cover_no_polygon_and_are_not_clipped(app_url, page):
    _open_1366(page, f"{app_url}/bandingkan?wilayah=35&tahun=2025")
    page.get_by_text("Berdampingan").first.scroll_into_view_if_needed()
    page.wait_for_timeout(3_000)
    small = [s for s in _maps(page) if s["name"].startswith("bk_kecil_")]
    assert len(small) == 3  # Malang, Gresik, Lamongan: the most desa without PSM
    for s in small:
        lx0, ly0, lx1, ly1 = s["legend"]
        assert lx0 >= 0 and ly0 >= 0 and lx1 <= s["w"] and ly1 <= s["h"], (s["name"], "legend clipped")
        for x0, y0, x1, y1 in s["polys"]:
            assert x0 >= -1 and y0 >= -1 and x1 <= s["w"] + 1 and y1 <= s["h"] + 1, (s["name"], "map clipped")
            assert x1 <= lx0 or x0 >= lx1 or y1 <= ly0 or y0 >= ly1, (s["name"], "legend covers a desa")


def test_screenshots_of_map_small_multiples_and_charts(app_url, page):
    _open_1366(page, f"{app_url}/bandingkan?wilayah=35&tahun=2025")
    # Each part scrolled so that it is whole on a 768 px screen.
    for text, name in (
        ("Peta kabupaten/kota", "bandingkan_peta"),
        ("Kabupaten/kota yang dibandingkan", "bandingkan_kecil"),
        ("Kebutuhan dan kapasitas", "bandingkan_grafik"),
    ):
        page.get_by_text(text).first.evaluate("h => h.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(2_500)
        page.screenshot(path=str(SHOTS / f"{name}.png"))
