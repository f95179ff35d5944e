"""Fetch the browser assets the map needs (Leaflet) into static/, because the app runs offline.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``); folium's CDN
links are replaced by those paths, and the HTML export inlines the same files.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

LEAFLET_VERSION = "1.9.4"
# Files the map loads in the browser; their presence means the set-up already ran.
REQUIRED = ("leaflet/leaflet.js", "leaflet/leaflet.css")


class StaticAssetsError(RuntimeError):
    """The browser assets could not be fetched (npm missing, registry unreachable…)."""


def _npm_pack(spec: str, workdir: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise StaticAssetsError(
            "npm tidak ditemukan: install Node.js/npm (Debian: apt-get install npm) "
            f"untuk mengambil {spec} dari registry npm."
        )
    try:
        out = subprocess.run(
            [npm, "pack", spec, "--silent"],
            cwd=workdir,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except subprocess.CalledProcessError as exc:
        raise StaticAssetsError(f"npm pack {spec} gagal: {exc.stderr.strip()}") from exc
    name = out.stdout.strip().splitlines()[-1]
    return workdir / name


def _extract_dist(tarball: Path, dest: Path) -> None:
    """Copy package/dist/* of an npm tarball into dest (no path traversal)."""
    with tarfile.open(tarball, "r:gz") as tar:
        members = [
            m for m in tar.getmembers() if m.isfile() and m.name.startswith("package/dist/") and ".." not in m.name
        ]
        if not members:
            raise StaticAssetsError(f"{tarball.name} tidak berisi package/dist/")
        for m in members:
            target = dest / m.name[len("package/dist/") :]
            target.parent.mkdir(parents=True, exist_ok=True)
            src = tar.extractfile(m)
            assert src is not None
            target.write_bytes(src.read())


def ensure_static(static_dir: Path) -> Path:
    """Return static_dir after making sure Leaflet's dist files are under static_dir/leaflet/.

    Idempotent: does nothing when the files already exist.
    """
    static_dir = Path(static_dir)
    if all((static_dir / rel).is_file() for rel in REQUIRED):
        return static_dir
    leaflet_dir = static_dir / "leaflet"
    with tempfile.TemporaryDirectory(prefix="petakesos-npm-") as tmp:
        tmp_path = Path(tmp)
        tarball = _npm_pack(f"leaflet@{LEAFLET_VERSION}", tmp_path)
        staging = tmp_path / "leaflet"
        _extract_dist(tarball, staging)
        if leaflet_dir.exists():
            shutil.rmtree(leaflet_dir)
        leaflet_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, leaflet_dir)
    missing = [rel for rel in REQUIRED if not (static_dir / rel).is_file()]
    if missing:
        raise StaticAssetsError(f"Berkas statis tidak lengkap: {missing}")
    return static_dir


if __name__ == "__main__":
    from petakesos.config import settings

    print(ensure_static(settings().static_dir))
