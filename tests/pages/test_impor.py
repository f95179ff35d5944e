"""Impor Data through Streamlit's AppTest on a store of its own (the fixture's exports imported): the
preview as read, a refused file's message as plain text, an import in its own process with the report
adding up, the history and the quarantine list with names and never a NIK."""

from __future__ import annotations

import time

import pytest
import streamlit as st
from apptest import open_page
from features.test_impor import messy_workbook
from needs import FIXTURES


@pytest.fixture()
def own_store(world, tmp_path):
    """The app pointed at a store of this test (the page writes to it), caches cleared before and after."""
    from petakesos.ingest.importer import import_files

    store = tmp_path / "store"
    import_files([FIXTURES / n for n in ("penduduk.csv", "pmks.csv", "psm.csv")], world, store=store)
    mp = pytest.MonkeyPatch()
    mp.setenv("PETAKESOS_STORE", str(store))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield store
    mp.undo()
    st.cache_resource.clear()
    st.cache_data.clear()


def _texts(at) -> str:
    parts = [
        str(e.value) for name in ("markdown", "caption", "error", "success", "warning", "text") for e in at.get(name)
    ]
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


def test_history_and_quarantine_list_with_names_and_no_nik(own_store):
    at = open_page("impor", wilayah="35.23.01", tahun="2023")
    assert not at.exception
    assert at.text_input(key="impor_kab").value == "35.23"
    tables = {tuple(d.value.columns)[:2]: d.value for d in at.dataframe}
    history = tables[("Waktu", "Berkas")]
    assert sorted(history["Berkas"]) == ["penduduk.csv", "pmks.csv", "psm.csv"]
    pmks = history[history["Berkas"] == "pmks.csv"].iloc[0]
    assert (pmks["Dibaca"], pmks["Diimpor"], pmks["Karantina"], pmks["Duplikat"]) == (12, 6, 5, 1)
    quarantine = tables[("Berkas", "Baris asal")]
    assert len(quarantine) > 0 and "Nama" in quarantine.columns
    shown = _texts(at)
    assert "hash:" not in shown and not __import__("re").search(r"\d{16}", shown)


def test_a_refused_file_is_its_message_as_plain_text(own_store):
    at = open_page("impor", wilayah="35.23.01", tahun="2023")
    at.file_uploader(key="impor_berkas").upload("[daftar](http://x).csv", b"judul\nsatu,dua\n", "text/csv").run()
    (error,) = at.error
    assert "tidak" in error.value and "\\[daftar\\]\\(http" in error.value  # Markdown made inert
    assert at.button(key="impor_mulai").disabled


def test_upload_preview_import_and_report(own_store, tmp_path):
    at = open_page("impor", wilayah="35.23.01", tahun="2023")
    content = messy_workbook(tmp_path / "k.xlsx").read_bytes()
    at.file_uploader(key="impor_berkas").upload("Kasus Kenduruan.xlsx", content).run()
    assert "Register kasus PMKS · judul di baris 4 · 5 baris data · 1 baris jumlah/total dilewati" in _texts(at)
    assert list(at.dataframe[0].value["kode_desa"])[:2] == ["Jlodro", "Ds. Sokogunung"]
    at.button(key="impor_mulai").click().run()
    for _ in range(120):  # the import runs in its own process; each run polls it once
        if "impor_hasil" in at.session_state:
            break
        time.sleep(1)
        at.run()
    at.run()
    shown = _texts(at).replace("\\", "")  # as read: without the escapes that keep Markdown inert
    assert "Kasus Kenduruan.xlsx: dibaca 5 = diimpor 3 + karantina 2 + duplikat 0" in shown
    assert at.success[0].value.startswith("Kasus Kenduruan\\.xlsx")  # file names are escaped, never Markdown
    assert not at.exception
    (report,) = [d.value for d in at.dataframe if "Diimpor" in d.value.columns and "Waktu" not in d.value.columns]
    assert list(report.iloc[0])[2:] == [5, 3, 2, 0, 1, 0]
    (choice,) = [d.value for d in at.dataframe if "Kode desa" in d.value.columns]  # st.data_editor
    assert set(choice["Desa (tertulis)"]) == {"Sidorejo"} and {"35.23.01.2008", "35.23.16.1010"} <= set(
        choice["Kode desa"]
    )
    # The imported copy and the job's files are deleted; the uploader still holds the file, saved once again.
    assert len(list((own_store / "impor_unggah").glob("*/*.xlsx"))) == 1
    assert not list((own_store / "impor_unggah").glob("*/kemajuan.jsonl"))
    at.file_uploader(key="impor_berkas").clear().run()
    assert not list((own_store / "impor_unggah").glob("*/*"))
