"""The download path of `geo`: upstream village files fetched over HTTP from a loopback server into a cache.

The server (http.server in a thread, with Range) serves the upstream layout for three kabupaten/kota of Jawa
Timur copied from shared/geo: Tuban as plain `.sql` (as upstream serves it), Kota Mojokerto and Kota Batu as
`.sql.gz`; the other 35 kabupaten of the province answer 404. Expected sizes and checksums are those of the
copied files, computed here with hashlib, not by the code under test.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import pytest
from needs import require

from petakesos.cli import main
from petakesos.config import settings
from petakesos.geo import ZOOMS, download, level_path, upstream

SHARED = settings().shared_geo_dir
KEL = SHARED / "upstream" / "wilayah_boundaries" / "db" / "kel"
SERVED = [
    "wilayah_boundaries_kel_35.23.sql",
    "wilayah_boundaries_kel_35.76.sql.gz",
    "wilayah_boundaries_kel_35.79.sql.gz",
]
TUBAN = "db/kel/35/wilayah_boundaries_kel_35.23.sql"
OFFLINE = "periksa sambungan internet atau berikan --from FOLDER"


class Server:
    """A loopback upstream mirror: logs each request (path, Range) and can cut a file short or refuse all."""

    def __init__(self, root: Path):
        self.root, self.log, self.drop_after, self.refuse = root, [], {}, False
        owner = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(owner.root), **kwargs)

            def log_message(self, *args):
                pass

            def do_GET(self):
                owner.log.append((self.path, self.headers.get("Range")))
                target = owner.root / self.path.lstrip("/")
                if owner.refuse:
                    return self.send_error(503)
                if not target.is_file():
                    return self.send_error(404)
                data = target.read_bytes()
                start = 0
                if self.headers.get("Range"):
                    start = int(self.headers["Range"].removeprefix("bytes=").rstrip("-"))
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(data) - start))
                self.end_headers()
                body = data[start:]
                cut = owner.drop_after.pop(self.path, None)  # only the first request of that file is cut
                self.wfile.write(body[:cut] if cut is not None else body)
                if cut is not None:
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/wilayah_boundaries"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def files_requested(self) -> list[str]:
        return [path for path, _ in self.log]


@pytest.fixture()
def mirror(tmp_path):
    require(KEL / "35", "Berkas wilayah_boundaries (shared/geo/upstream)")
    kel = tmp_path / "mirror" / "wilayah_boundaries" / "db" / "kel" / "35"
    kel.mkdir(parents=True)
    for name in SERVED:
        shutil.copy(KEL / "35" / name, kel / name)
    server = Server(tmp_path / "mirror")
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture(scope="module")
def codes():
    return upstream.load_codes(SHARED / "wilayah_kemendagri_2025.csv")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_files_arrive_checksummed_and_a_second_run_downloads_nothing(mirror, tmp_path, codes):
    cache = tmp_path / "cache"
    result = download.fetch(["35"], codes, mirror.url, cache, progress=False)
    assert sorted(Path(f).name for f in result.downloaded) == SERVED
    assert len(result.absent) == 38 - 3  # Jawa Timur has 38 kabupaten/kota in the code list
    manifest = json.loads((cache / download.MANIFEST).read_text(encoding="utf-8"))
    for name in SERVED:
        got = cache / "db" / "kel" / "35" / name
        assert got.read_bytes() == (KEL / "35" / name).read_bytes()
        entry = manifest["files"][f"db/kel/35/{name}"]
        assert entry["sha256"] == _sha(KEL / "35" / name) and entry["bytes"] == (KEL / "35" / name).stat().st_size
    assert not list(cache.rglob("*.part"))

    mirror.log.clear()
    again = download.fetch(["35"], codes, mirror.url, cache, progress=False)
    assert mirror.log == [] and again.downloaded == [] and len(again.reused) == 3


def test_a_file_whose_checksum_mismatches_is_fetched_again(mirror, tmp_path, codes):
    cache = tmp_path / "cache"
    download.fetch(["35"], codes, mirror.url, cache, progress=False)
    damaged = cache / "db" / "kel" / "35" / SERVED[1]
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")  # same size, different bytes
    mirror.log.clear()
    result = download.fetch(["35"], codes, mirror.url, cache, progress=False)
    assert [Path(f).name for f in result.downloaded] == [SERVED[1]]
    assert mirror.files_requested() == [f"/wilayah_boundaries/db/kel/35/{SERVED[1]}"]
    assert damaged.read_bytes() == (KEL / "35" / SERVED[1]).read_bytes()


def test_an_interrupted_download_resumes_with_a_range_request(mirror, tmp_path, codes):
    cache = tmp_path / "cache"
    mirror.drop_after[f"/wilayah_boundaries/{TUBAN}"] = 200_000  # the connection drops after 200,000 bytes
    download.fetch(["35"], codes, mirror.url, cache, progress=False)
    tuban_requests = [rng for path, rng in mirror.log if path == f"/wilayah_boundaries/{TUBAN}"]
    assert tuban_requests == [None, "bytes=200000-"]
    assert (cache / TUBAN).read_bytes() == (KEL / "35" / "wilayah_boundaries_kel_35.23.sql").read_bytes()


def test_a_part_file_left_by_an_earlier_run_is_resumed(mirror, tmp_path, codes):
    cache = tmp_path / "cache"
    part = cache / (TUBAN + ".part")
    part.parent.mkdir(parents=True)
    part.write_bytes((KEL / "35" / "wilayah_boundaries_kel_35.23.sql").read_bytes()[:500_000])
    download.fetch(["35"], codes, mirror.url, cache, progress=False)
    assert [rng for path, rng in mirror.log if path == f"/wilayah_boundaries/{TUBAN}"] == ["bytes=500000-"]
    assert _sha(cache / TUBAN) == _sha(KEL / "35" / "wilayah_boundaries_kel_35.23.sql")
    assert not part.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("how", ["connection refused", "HTTP 503"])
def test_a_refusing_server_gives_the_offline_message_and_exit_2(how, mirror, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PETAKESOS_DATA_DIR", str(tmp_path / "data"))
    if how == "HTTP 503":
        mirror.refuse, url = True, mirror.url
    else:
        url = f"http://127.0.0.1:{_free_port()}/wilayah_boundaries"
    assert main(["geo", "--provinsi", "35", "--url", url, "--out", str(tmp_path / "geo")]) == 2
    err = capsys.readouterr().err
    assert "Tidak dapat mengunduh" in err and OFFLINE in err and "Traceback" not in err
    assert not (tmp_path / "geo").exists()


def test_a_download_that_keeps_failing_leaves_only_a_part_file(mirror, tmp_path, codes):
    cache = tmp_path / "cache"
    path = f"/wilayah_boundaries/{TUBAN}"

    class Always(dict):  # cut every request of Tuban after 1,000 bytes
        def pop(self, key, default=None):
            return 1000 if key == path else default

    mirror.drop_after = Always()
    with pytest.raises(download.DownloadError, match=OFFLINE):
        download.fetch(["35"], codes, mirror.url, cache, progress=False)
    assert not (cache / TUBAN).exists()
    assert (cache / (TUBAN + ".part")).stat().st_size > 0


def test_base_url_comes_from_the_option_then_the_environment_then_upstream(monkeypatch):
    monkeypatch.delenv("PETAKESOS_GEO_URL", raising=False)
    assert download.base_url(None) == "https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/main"
    monkeypatch.setenv("PETAKESOS_GEO_URL", "http://cermin.example/wb/")
    assert download.base_url(None) == "http://cermin.example/wb"
    assert download.base_url("http://127.0.0.1:1/x") == "http://127.0.0.1:1/x"


def test_geo_downloads_from_the_url_and_converts_the_villages(mirror, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PETAKESOS_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "geo"
    assert main(["geo", "--provinsi", "35", "--url", mirror.url, "--out", str(out)]) == 0
    cached = tmp_path / "data" / "unduhan" / "wilayah_boundaries" / "db" / "kel" / "35"
    assert sorted(p.name for p in cached.iterdir() if p.is_file()) == SERVED
    desa = gpd.read_parquet(level_path(out, "desa", ZOOMS[-1]))
    assert (desa["kode"].str[:5] == "35.23").sum() == 328  # Tuban (SOURCES.md §5)
    assert len(desa) == 328 + 18 + 24  # with Kota Mojokerto (18) and Kota Batu (24)
    assert "370 dari 8.494 desa/kelurahan ditemukan" in capsys.readouterr().out


def test_without_a_folder_geo_downloads_from_the_environment_url(mirror, tmp_path, monkeypatch, capsys):
    shared = tmp_path / "shared_geo"  # a shared/geo with the code list but no upstream copy
    shared.mkdir()
    shutil.copy(SHARED / "wilayah_kemendagri_2025.csv", shared)
    monkeypatch.setenv("PETAKESOS_SHARED_GEO", str(shared))
    monkeypatch.setenv("PETAKESOS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PETAKESOS_GEO_URL", mirror.url)
    assert main(["geo", "--provinsi", "35", "--out", str(tmp_path / "geo")]) == 0
    assert f"/wilayah_boundaries/{TUBAN}" in mirror.files_requested()
    out = capsys.readouterr().out
    assert "3 berkas diunduh, 0 dipakai ulang (SHA-256 cocok), 35 tidak tersedia di server" in out
    assert "370 dari 8.494 desa/kelurahan ditemukan" in out
