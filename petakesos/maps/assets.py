"""Fetch the browser assets the maps need into static/, because the app runs offline: Leaflet for the
province and kabupaten maps, MapLibre GL and the pmtiles reader for the national desa map.

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
MAPLIBRE_VERSION = "5.24.1"  # the last major with a UMD build (6.x ships ES modules only)
PMTILES_VERSION = "4.5.0"
# npm package -> (version, folder under static/, the dist files the browser loads). Their presence means
# the set-up already ran for that package.
PACKAGES = {
    "leaflet": (LEAFLET_VERSION, "leaflet", ("leaflet.js", "leaflet.css")),
    "maplibre-gl": (MAPLIBRE_VERSION, "maplibre", ("maplibre-gl.js", "maplibre-gl.css", "LICENSE.txt")),
    "pmtiles": (PMTILES_VERSION, "pmtiles", ("pmtiles.js",)),
}
REQUIRED = tuple(f"{folder}/{f}" for _, folder, files in PACKAGES.values() for f in files)


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


def _fetch(package: str, version: str, dest: Path) -> None:
    """Replace dest with package/dist/* of package@version from the npm registry."""
    with tempfile.TemporaryDirectory(prefix="petakesos-npm-") as tmp:
        tmp_path = Path(tmp)
        tarball = _npm_pack(f"{package}@{version}", tmp_path)
        staging = tmp_path / "dist"
        _extract_dist(tarball, staging)
        if dest.exists():
            shutil.rmtree(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, dest)


def ensure_static(static_dir: Path) -> Path:
    """Return static_dir after making sure every package's dist files are under static_dir/<folder>/.

    Idempotent: fetches only the packages whose files are missing.
    """
    static_dir = Path(static_dir)
    for package, (version, folder, files) in PACKAGES.items():
        if not all((static_dir / folder / f).is_file() for f in files):
            _fetch(package, version, static_dir / folder)
    missing = [rel for rel in REQUIRED if not (static_dir / rel).is_file()]
    if missing:
        raise StaticAssetsError(f"Berkas statis tidak lengkap: {missing}")
    return static_dir


if __name__ == "__main__":
    from petakesos.config import settings

    print(ensure_static(settings().static_dir))
