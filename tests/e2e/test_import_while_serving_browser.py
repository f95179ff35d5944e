"""An import while the app serves (issue 11): the command succeeds with the app holding the store open,
and the page already open shows the new figures after a rerun, without a restart."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from needs import FIXTURES

from e2e.conftest import SHOTS, metric_value
from e2e.login import PASSWORD, accounts_file, log_in
from petakesos.bench import server
from petakesos.config import REPO_ROOT
from petakesos.ingest.importer import import_files

pytestmark = pytest.mark.e2e
KASUS = "Kasus PMKS"


def _toggle_masking(page) -> None:
    page.get_by_text("Samarkan angka kecil").first.click()
    page.wait_for_timeout(1_500)


def test_import_while_the_app_serves_shows_on_the_next_rerun(world, tmp_path, page):
    store = tmp_path / "store"
    import_files([FIXTURES / "penduduk.csv", FIXTURES / "psm.csv"], world, store=store)
    users = accounts_file(tmp_path, ("dinsos.tuban", "kabupaten", "35.23"))  # real data: a login is asked
    env = dict(os.environ, PETAKESOS_STORE=str(store), PETAKESOS_USERS=str(users))
    with server.serve(env=env) as url:
        page.set_viewport_size({"width": 1366, "height": 768})
        log_in(page, f"{url}/?wilayah=35.23.01&tahun=2023", "dinsos.tuban", PASSWORD)
        page.get_by_text(KASUS).first.wait_for(timeout=90_000)
        _toggle_masking(page)  # show exact counts
        assert metric_value(page, KASUS) == "0"

        done = subprocess.run(
            [sys.executable, "-m", "petakesos", "import", str(FIXTURES / "pmks.csv")],
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr + done.stdout

        # Open in 2023 (tests/fixtures/pmks.csv): A (2021, still open), C (closed 1 Jan 2023), D (2023) and
        # F (2022, referred, open) — four cases in Kecamatan Kenduruan.
        shown = None
        for _ in range(20):  # the app re-reads the store's snapshot every few seconds
            _toggle_masking(page)
            _toggle_masking(page)
            shown = metric_value(page, KASUS)
            if shown != "0":
                break
        page.screenshot(path=str(SHOTS / "impor_saat_aplikasi_jalan.png"))
        assert shown == "4"
