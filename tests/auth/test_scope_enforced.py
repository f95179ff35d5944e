"""The wilayah scope is enforced where every query runs (`sql.run`): a Tuban user reads no Lamongan figure
through any app query with any wilayah, a kecamatan user only that kecamatan, and every page opened by a
link to the whole province shows only the user's kecamatan (the pickers clamp to the scope)."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest import open_page

from petakesos import sql, wilayah
from petakesos.auth.scope_sql import SCOPE_FREE, OutsideScope

TUBAN, LAMONGAN, KENDURUAN, JATIROGO = "35.23", "35.24", "35.23.01", "35.23.02"
HOSTILE = "35.24' OR '1'='1"
REQUESTS = ["", "35", LAMONGAN, "35.24.01", "3524", TUBAN, KENDURUAN, JATIROGO, "35.23.01.2001", HOSTILE]
PARAMS = {"tahun": 2022, "tahun_awal": 2021, "kategori": (), "tingkat": 3}
SCOPED = [n for n in sql.names("app") if n not in SCOPE_FREE]
# Written by hand from the code list: Kecamatan Jatirogo (35.23.02) and some of its 18 desa.
JATIROGO_NAMES = ("Jatirogo", "Kebonharjo", "Karangtengah", "Wotsogo", "Kedungmakam", "Jatiklabang")


@pytest.fixture(scope="module")
def con(world):
    """One read-only connection for the module (opening the store per test would dominate the run)."""
    from petakesos import db

    connection = db.open_store(world)
    yield connection
    connection.close()


def _run(con, name: str, wilayah_code: str, **kw) -> pd.DataFrame:
    needed = sql.param_names(sql.load(name))
    params = {k: {**PARAMS, "wilayah": wilayah_code}.get(k, "") for k in needed}  # '' for a text filter
    return sql.run(con, name, **kw, **params)


# Queries whose `kode` column is a PMKS category code ('24'), not a wilayah.
CATEGORY_ROWS = {"app/kasus_by_kategori", "app/kategori_with_kasus"}


def _codes(frame: pd.DataFrame, name: str = "") -> set[str]:
    """Every wilayah code in the frame's code columns (a PSM's KTP desa is where they live, not a figure)."""
    skip = {"kode"} if name in CATEGORY_ROWS else set()
    cols = [c for c in frame.columns if c.startswith("kode") and not c.endswith("_ktp") and c not in skip]
    return {str(v) for c in cols for v in frame[c].dropna()}


def test_the_fixture_has_lamongan_rows_to_leak(con):
    """Without a scope, Lamongan's kecamatan and unmapped desa are there: the checks below can fail."""
    kec = _run(con, "app/wilayah_children", LAMONGAN)
    assert "35.24.01" in set(kec["kode"])  # Kecamatan Sukorame
    assert len(_run(con, "app/desa_without_polygon", LAMONGAN)) > 400


@pytest.mark.parametrize("name", SCOPED)
@pytest.mark.parametrize("asked", REQUESTS)
def test_a_tuban_user_reads_nothing_of_lamongan(con, name, asked):
    frame = _run(con, name, asked, scope=TUBAN)
    leaked = {c for c in _codes(frame, name) if c == LAMONGAN or c.startswith(LAMONGAN + ".")}
    assert not leaked, f"{name} wilayah={asked!r}: {sorted(leaked)[:5]}"
    assert all(wilayah.contains(TUBAN, c) or wilayah.contains(c, TUBAN) for c in _codes(frame, name))


@pytest.mark.parametrize("name", SCOPED)
@pytest.mark.parametrize(
    "asked, user",
    [
        (LAMONGAN, TUBAN),
        ("35.24.01", TUBAN),
        (HOSTILE, TUBAN),
        ("33", TUBAN),
        (JATIROGO, KENDURUAN),
        (LAMONGAN, KENDURUAN),
    ],
)
def test_a_request_outside_the_scope_returns_no_rows(con, name, asked, user):
    assert _run(con, name, asked, scope=user).empty


@pytest.mark.parametrize("name", SCOPED)
@pytest.mark.parametrize("asked", ["", "35", TUBAN])
def test_a_wider_request_becomes_the_kecamatan_scope(con, name, asked):
    scoped = _run(con, name, asked, scope=KENDURUAN)
    assert all(wilayah.contains(KENDURUAN, c) or wilayah.contains(c, KENDURUAN) for c in _codes(scoped, name))
    pd.testing.assert_frame_equal(scoped, _run(con, name, KENDURUAN))


@pytest.mark.parametrize("name", SCOPED)
def test_a_request_inside_the_scope_stays(con, name):
    pd.testing.assert_frame_equal(_run(con, name, "35.23.01.2001", scope=TUBAN), _run(con, name, "35.23.01.2001"))


def test_kenduruan_figures_under_the_scope_are_the_hand_counts(con):
    """2022 in Kenduruan: cases A, B, F (Jlodro 2001) and C (2002), asked for as 'all provinces'."""
    rows = _run(con, "app/psm_kasus_by_desa", "", scope=KENDURUAN)
    assert len(rows) == 9 and set(rows["kode_kec"]) == {KENDURUAN}
    assert int(rows["kasus"].sum()) == 4
    assert int(rows.loc[rows["kode_desa"] == "35.23.01.2001", "kasus"].iloc[0]) == 3


def test_no_scope_and_the_empty_scope_change_nothing(con):
    unscoped = _run(con, "app/wilayah_children", LAMONGAN)
    assert len(unscoped) == 27  # Lamongan's kecamatan in the code list
    pd.testing.assert_frame_equal(_run(con, "app/wilayah_children", LAMONGAN, scope=""), unscoped)


def test_a_missing_or_tampered_scope_is_nothing_not_everything(con):
    for bad in (None, "35.2", "35.23' OR '1'='1"):
        assert _run(con, "app/psm_kasus_by_desa", "", scope=bad).empty


def test_a_query_without_wilayah_is_refused_under_a_scope(con):
    with pytest.raises(OutsideScope):
        sql.run(con, "ingest/desa_kabupaten_names", scope=TUBAN)


def test_scope_free_queries_are_reference_only(con):
    """The code list's names are public; a wider code keeps its own name (not relabelled as the scope)."""
    # Besides the reference ones: the last import's date/file (file names shown only to roles that may open
    # Impor Data, see ui/footer.py) and the remembered header mappings (the admin's Impor page).
    assert {"app/wilayah_names", "app/dataset_meta", "app/impor_terakhir", "app/impor_pemetaan"} == SCOPE_FREE
    names = sql.run(con, "app/wilayah_names", scope=KENDURUAN, wilayah="35")
    assert names["nama"].tolist() == ["Jawa Timur"]
    for name in SCOPE_FREE:
        text = sql.load(name)
        assert "kasus" not in text and "psm" not in text, name


PAGES = ("beranda", "peta", "cakupan", "kuota", "pelatihan", "bandingkan")
ELEMENTS = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error", "success", "metric")


def _page_text(at) -> str:
    """Everything the page shows as text: elements, table cells, picker options and values."""
    parts = []
    for kind in ELEMENTS:
        for e in getattr(at, kind):
            parts.append(str(getattr(e, "value", "")) + " " + str(getattr(e, "label", "")))
    for table in (*at.dataframe, *at.table):
        parts.append(table.value.to_csv())
    for box in (*at.selectbox, *at.multiselect):
        parts.append(" ".join(map(str, box.options)) + " " + str(box.value))
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opened_for_the_province_shows_only_the_users_kecamatan(world, page):
    at = open_page(page, as_user=("viewer", KENDURUAN), wilayah="35", tahun="2023")
    assert not at.exception, at.exception
    boxes = {s.key: s for s in at.selectbox}
    assert [boxes[k].value for k in ("pilih_prov", "pilih_kab", "pilih_kec")] == ["35", TUBAN, KENDURUAN]
    assert all(boxes[k].disabled for k in ("pilih_prov", "pilih_kab", "pilih_kec"))
    assert at.query_params["wilayah"] == KENDURUAN
    text = _page_text(at)
    assert "Kenduruan" in text  # the page did draw its area
    assert JATIROGO not in text and "35.24" not in text
    found = [n for n in JATIROGO_NAMES if n in text]
    assert not found, found


@pytest.mark.parametrize("page", ("peta", "cakupan"))
def test_the_crawl_finds_jatirogo_when_the_scope_allows_it(world, page):
    """Control for the test above: with Tuban in scope the same crawl does find Jatirogo's desa."""
    at = open_page(page, as_user=("kabupaten", TUBAN), wilayah="35", tahun="2023")
    assert not at.exception
    assert at.query_params["wilayah"] == TUBAN
    assert [n for n in JATIROGO_NAMES if n in _page_text(at)]


def test_a_tuban_user_following_a_lamongan_link_sees_tuban(world):
    at = open_page("cakupan", as_user=("kabupaten", TUBAN), wilayah=LAMONGAN, tahun="2023")
    assert not at.exception
    assert at.query_params["wilayah"] == TUBAN
    assert any("hanya dapat melihat" in w.value for w in at.warning)
    boxes = {s.key: s for s in at.selectbox}
    kec = boxes["pilih_kec"].options  # 'Semua kecamatan' and Tuban's 20 kecamatan (code list), no other
    assert len(kec) == 21 and {"Semua kecamatan", "Kenduruan", "Jatirogo"} <= set(kec)
    assert not {"Sukorame", "Bluluk", "Modo"} & set(kec)  # Lamongan's 35.24.01–03
    assert [boxes[k].disabled for k in ("pilih_prov", "pilih_kab", "pilih_kec")] == [True, True, False]
    assert "Lamongan" not in _page_text(at)
