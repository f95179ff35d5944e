"""The load run drives real Streamlit reruns: two sessions for about 20 s on a small demo-labelled store
click through every page without an error (no timing asserted: the figures are `bench load`'s job; on a
busy machine the sessions go on past the 20 s, page changes only, until each has opened every page)."""

from __future__ import annotations

import os

from needs import FIXTURES

from petakesos.bench import load
from petakesos.ingest.importer import import_files

PAGES = {"Beranda", "Peta PMKS", "Cakupan PSM", "Rencana Kuota PSM", "Pelatihan PSM", "Bandingkan Kabupaten"}


def test_two_sessions_rerun_every_page_without_errors(world, tmp_path):
    store = tmp_path / "demo_kecil"  # labelled demo, so the app opens without an account, as the demo does
    files = [FIXTURES / n for n in ("penduduk.csv", "pmks.csv", "psm.csv", "pelatihan.csv")]
    import_files(files, world, store=store, dataset_label="demo")
    env = {k: v for k, v in os.environ.items() if k.startswith("PETAKESOS_")}  # the fixture's geo store
    env["PETAKESOS_STORE"] = str(store)
    records, tally = load.run(  # one session on each of two app processes reading the same store
        sessions=2, minutes=0.35, settings_env=env, seed=3, think_s=(0.0, 0.2), every_page=True, replicas=2
    )
    assert tally.errors == []
    assert set(tally.times) >= PAGES, sorted(tally.times)
    assert {r["name"] for r in records} >= {"load errors", "load servers RSS peak", "load Beranda p95"}
    assert {r["name"]: r["value"] for r in records}["load app processes"] == 2
