"""Names from the database are shown as text, never as Markdown: a kabupaten, kecamatan and desa whose
names carry a link and emphasis are crawled on every page, and no element renders them as a link."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
import streamlit as st
from apptest import open_page
from needs import FIXTURES, subset_shared

from petakesos.config import Settings

LINK = "(http://evil.example)"
HOSTILE = {
    "35.23": "Kabupaten [Tuban]" + LINK,
    "35.23.01": "[Kenduruan]" + LINK,
    "35.23.01.2001": "**[Jlodro]" + LINK + "**",
}
ELEMENTS = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error", "success")
PAGES = ("beranda", "peta", "cakupan", "kuota", "pelatihan", "bandingkan")
# The case file is imported under a name that is a Markdown link too (no "/" fits in a file name), so the
# Impor Data page's Riwayat and quarantine list carry a hostile file name beside the hostile desa name.
HOSTILE_FILE = "**[pmks](evil.example)**.csv"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A world like the fixture's, built from a code list whose names are Markdown links."""
    from petakesos.geo.build import build_store
    from petakesos.ingest.importer import import_files

    root = tmp_path_factory.mktemp("hostile")
    shared = subset_shared(root / "shared_geo")
    code_list = shared / "wilayah_kemendagri_2025.csv"
    rows = list(csv.DictReader(code_list.open(encoding="utf-8")))
    for row in rows:
        if row["kode"] in HOSTILE:
            row["nama"] = HOSTILE[row["kode"]]
        if row["kode_kab"] == "35.23":
            row["nama_kab"] = HOSTILE["35.23"]
        if row["kode_kec"] == "35.23.01":
            row["nama_kec"] = HOSTILE["35.23.01"]
    with code_list.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    mp = pytest.MonkeyPatch()
    mp.setenv("PETAKESOS_SHARED_GEO", str(shared))
    mp.setenv("PETAKESOS_GEO_DIR", str(root / "geo"))
    mp.setenv("PETAKESOS_STORE", str(root / "hostile_store"))
    settings = Settings.from_env()
    build_store(settings.shared_geo_dir, settings.geo_dir)
    shutil.copy(FIXTURES / "pmks.csv", root / HOSTILE_FILE)
    import_files(
        [FIXTURES / "penduduk.csv", root / HOSTILE_FILE, FIXTURES / "psm.csv", FIXTURES / "pelatihan.csv"], settings
    )
    st.cache_resource.clear()
    st.cache_data.clear()
    yield settings
    mp.undo()
    st.cache_resource.clear()
    st.cache_data.clear()
    shutil.rmtree(root, ignore_errors=True)


def _rendered_as_markdown(at) -> list[str]:
    """Source of every element Streamlit renders as Markdown."""
    texts = []
    for name in ELEMENTS:
        texts += [str(e.value) for e in getattr(at, name)]
    return texts


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("wilayah", ["35.23", "35.23.01"])
def test_names_never_become_links(hostile, page, wilayah):
    at = open_page(page, wilayah=wilayah, tahun="2023")
    assert not at.exception, at.exception
    texts = _rendered_as_markdown(at)
    if page != "peta":  # Peta names places only in the map and in tables, which parse no Markdown
        assert any("evil" in t for t in texts), "the hostile names should appear on the page"
    leaks = [t for t in texts if "]" + LINK in t]
    assert not leaks, leaks


@pytest.mark.parametrize("wilayah", ["", "35.23"])
def test_impor_page_shows_file_and_desa_names_as_text(hostile, wilayah):
    at = open_page("impor", wilayah=wilayah, tahun="2023")
    assert not at.exception, at.exception
    shown = _rendered_as_markdown(at) + [str(e.value) for e in at.text]
    shown += [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    assert any("[pmks](evil.example)" in t for t in shown), "the hostile file name should appear on the page"
    leaks = [t for t in _rendered_as_markdown(at) if "](evil.example)" in t or "]" + LINK in t]
    assert not leaks, leaks


def test_clicked_desa_note_escapes_the_name():
    from petakesos.features.pelatihan import view

    peta = pd.DataFrame(
        {"kode": ["35.23.01.2001"], "nama": [HOSTILE["35.23.01.2001"]], "psm_terlatih": [1], "psm_aktif": [2]}
    ).assign(nilai=50.0)
    note = view.clicked_text(peta, "35.23.01.2001")
    assert "]" + LINK not in note and "\\[Jlodro\\]" in note


def test_worst_kabupaten_lines_escape_the_name():
    from petakesos.features.bandingkan import table

    frame = pd.DataFrame(
        {
            "jenis_baris": [table.ROW_KAB],
            "kode_kab": ["35.23"],
            "nama": [HOSTILE["35.23"]],
            "peringkat": [1],
            "desa_tanpa_psm": [5.0],
        }
    )
    lines = table.worst_lines(frame, "desa_tanpa_psm", None)
    assert lines and all("]" + LINK not in line for line in lines)


def test_chart_labels_from_data_are_inert():
    import plotly.graph_objects as go

    from petakesos import fmt

    name = '<a href="http://evil.example">Tuban</a>'
    fig = go.Figure(go.Scatter(x=[name, "Lamongan"], y=[1, 2], name=name, customdata=[[name, 1], ["b", 2]]))
    fig.update_traces(hovertemplate="<b>%{customdata[0]}</b>")
    trace = fmt.inert_figure(fig).data[0]
    assert trace.name == '&lt;a href="http://evil.example"&gt;Tuban&lt;/a&gt;'
    assert list(trace.x) == ['&lt;a href="http://evil.example"&gt;Tuban&lt;/a&gt;', "Lamongan"]
    assert trace.customdata[0][0].startswith("&lt;a") and trace.customdata[0][1] == 1
    assert trace.hovertemplate == "<b>%{customdata[0]}</b>"  # the developer's own markup stays
