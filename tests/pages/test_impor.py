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


def _wait(at) -> None:
    """Rerun until the import running in its own process has finished (each run polls it once)."""
    for _ in range(180):
        if "impor_hasil" in at.session_state:
            break
        time.sleep(1)
        at.run()
    at.run()


def _boxes(at) -> dict[str, str]:
    """Header as written -> the column its select box reads it as (the mapping step)."""
    return {b.label.replace("\\", ""): b.value for b in at.selectbox if b.key and b.key.startswith("kolom_")}


def test_columns_mapped_by_hand_are_remembered_for_the_same_layout(own_store, tmp_path):
    from ingest.test_import_options import ODD, ODD_MAPPING, odd_headers

    at = open_page("impor", wilayah="35.23.01", tahun="2023")
    at.file_uploader(key="impor_berkas").upload("Data Desa.csv", odd_headers(tmp_path / "a.csv").read_bytes()).run()
    assert _boxes(at) == dict.fromkeys(ODD, "(abaikan)")  # the synonym table knows none of these headers
    assert at.button(key="impor_mulai").disabled
    assert "register kasus PMKS, memerlukan kolom yang tidak ada: nik" in at.error[0].value.replace("\\", "")
    for box in at.selectbox:
        if box.key and box.key.startswith("kolom_"):
            box.set_value(ODD_MAPPING[box.label.replace("\\", "")])
    at.run()
    assert not at.error and not at.button(key="impor_mulai").disabled
    shown = _texts(at)
    assert "3523010101500001" not in shown and "(NIK disembunyikan)" not in shown  # the NIK column is not shown
    at.button(key="impor_mulai").click().run()
    _wait(at)
    assert "Data Desa.csv: dibaca 3 = diimpor 3 + karantina 0 + duplikat 0" in _texts(at).replace("\\", "")
    history = next(d.value for d in at.dataframe if "Oleh" in d.value.columns)
    assert history.iloc[0][["Berkas", "Oleh"]].tolist() == ["Data Desa.csv", "uji.admin.semua"]  # the login

    # The next file with the same header layout: the mapping is pre-selected.
    at = open_page("impor", wilayah="35.23.01", tahun="2023")
    at.file_uploader(key="impor_berkas").upload("Data Desa 2.csv", odd_headers(tmp_path / "b.csv", 4).read_bytes())
    at.run()
    assert _boxes(at) == ODD_MAPPING and not at.button(key="impor_mulai").disabled
    assert "diambil dari impor sebelumnya" in _texts(at)
    at.button(key="impor_mulai").click().run()
    _wait(at)
    assert "Data Desa 2.csv: dibaca 4 = diimpor 1 + karantina 0 + duplikat 3" in _texts(at).replace("\\", "")
    history = next(d.value for d in at.dataframe if "Oleh" in d.value.columns)
    assert history.iloc[0][["Berkas", "Oleh"]].tolist() == ["Data Desa 2.csv", "uji.admin.semua"]


def test_the_kind_is_chosen_by_hand(own_store):
    at = open_page("impor", wilayah="35.23.01", tahun="2023")
    at.file_uploader(key="impor_berkas").upload("x.csv", (FIXTURES / "pmks.csv").read_bytes()).run()
    kind = next(b for b in at.selectbox if b.key.startswith("jenis_"))
    assert (kind.label, kind.value) == ("Jenis data", "pmks")
    kind.set_value("psm").run()
    assert "jenis yang dipilih, register PSM" in at.error[0].value and at.button(key="impor_mulai").disabled


def test_hostile_upload_names_are_stored_safely_and_logged_as_plain_text(own_store):
    at = open_page("impor", wilayah="", tahun="2023")  # every import (these add only rows already stored)
    content = (FIXTURES / "pmks.csv").read_bytes()
    hostile = ["../../etc/passwd.csv", "a'; drop table x;--.csv"]
    for name in hostile:
        at.file_uploader(key="impor_berkas").upload(name, content)
    at.run()
    saved = sorted(p.name for p in (own_store / "impor_unggah").glob("*/*.csv"))
    assert saved == ["a_ drop table x_--.csv", "passwd.csv"]
    at.button(key="impor_mulai").click().run()
    _wait(at)
    history = next(d.value for d in at.dataframe if "Oleh" in d.value.columns)
    assert sorted(history["Berkas"])[:2] == sorted(hostile)
    assert not at.exception and not list(own_store.parent.rglob("etc"))  # never a path outside its folder


def test_a_markdown_link_in_a_file_or_desa_name_stays_plain_text(own_store, world, tmp_path):
    from petakesos.ingest.importer import import_files

    evil = "[x](http://evil.example)"
    bad = tmp_path / "k.csv"
    lines = (FIXTURES / "pmks.csv").read_text().splitlines()
    bad.write_text(lines[0] + "\n" + lines[1].replace("35.23.01.2001", evil) + "\n")
    import_files([bad], world, store=own_store, names=[f"{evil}.csv"], kabupaten="35.23")
    at = open_page("impor", wilayah="", tahun="2023")
    assert not at.exception
    history = next(d.value for d in at.dataframe if "Oleh" in d.value.columns)
    quarantine = next(d.value for d in at.dataframe if "Baris asal" in d.value.columns)
    assert f"{evil}.csv" in set(history["Berkas"]) and f"{evil}.csv" in set(quarantine["Berkas"])
    assert evil in set(quarantine["Desa (tertulis)"])  # a dataframe cell: text, never a link
    markdown = [str(e.value) for name in ("markdown", "caption", "error", "success", "warning") for e in at.get(name)]
    assert not [m for m in markdown if "](http://evil.example)" in m]  # no Markdown element renders it as a link
    options = next(b for b in at.selectbox if b.key == "impor_k_berkas").options
    assert f"{evil}.csv" in options  # select box options are plain text


def test_the_footer_names_the_last_import_and_links_to_impor_data(own_store, world, tmp_path):
    from streamlit.testing.v1 import AppTest

    from petakesos.ingest.importer import import_files

    def app():
        import streamlit as st

        from petakesos.config import REPO_ROOT
        from petakesos.ui import footer

        impor = st.Page(REPO_ROOT / "pages" / "impor.py", title="Impor Data")
        st.navigation([st.Page(lambda: footer.show(impor), title="Beranda", default=True), impor]).run()

    import_files([FIXTURES / "psm.csv"], world, store=own_store, names=["[psm](http://evil.example).csv"])
    at = AppTest.from_function(app, default_timeout=60).run()
    assert not at.exception
    (caption,) = [c.value for c in at.caption if "Data terakhir diimpor" in c.value]
    today = __import__("petakesos.fmt", fromlist=["date"]).date(__import__("datetime").date.today())
    assert caption == f"Data terakhir diimpor: {today} — \\[psm\\]\\(http\\://evil\\.example\\)\\.csv (Register PSM)"
    (link,) = at.get("page_link")
    assert link.proto.label == "Riwayat impor"
