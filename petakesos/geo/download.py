"""Fetch the upstream village files (db/kel/<prov>/wilayah_boundaries_kel_<kab>.sql) a build needs into a cache.

For a user without shared/geo: exactly the files of the chosen provinces (one per kabupaten/kota of the code
list) are downloaded from the upstream repository, or a mirror, into data/unduhan/wilayah_boundaries/ laid out
as upstream, so `national.convert_provinces` reads the cache like any `--from` folder.

- Resumable: bytes arrive in `<file>.part`, continued with an HTTP Range request after a dropped connection
  (retried here) or in a later run; only a complete file of the announced length is renamed to its real name.
- Checksummed: upstream publishes no checksums and serves the moving branch `main`, so a pinned list would
  reject every legitimate update. The SHA-256 and size of each file are recorded in the cache's sha256.json when its
  download completes (trust on first download) and verified on every reuse; a file that no longer matches
  is fetched again. A kabupaten the server has no file for (404) is recorded too, so a second run asks nothing.
- `.sql` is tried first (what upstream serves), then `.sql.gz` (a compressed mirror such as shared/geo).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from petakesos import fmt

DEFAULT_URL = "https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/main"
ENV_URL = "PETAKESOS_GEO_URL"
MANIFEST = "sha256.json"
EXTENSIONS = (".sql", ".sql.gz")
ATTEMPTS = 4  # a dropped connection is resumed this many times before giving up (the .part stays)
TIMEOUT_S = 30
CHUNK = 1 << 16
OFFLINE_HINT = "periksa sambungan internet atau berikan --from FOLDER"


class DownloadError(Exception):
    """The server cannot be reached or keeps failing; the message is the Indonesian text for the user."""


@dataclass
class FetchResult:
    """What one fetch did, as paths relative to the cache: downloaded, reused after verification, absent (404)."""

    cache: Path
    downloaded: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    bytes: int = 0


def base_url(explicit: str | None = None) -> str:
    """The mirror to download from: `--url`, else $PETAKESOS_GEO_URL, else upstream's raw files on GitHub."""
    return (explicit or os.environ.get(ENV_URL) or DEFAULT_URL).rstrip("/")


def cache_dir(data_dir: Path) -> Path:
    """data/unduhan/wilayah_boundaries: the cache, laid out as the upstream repository (ignored by git)."""
    return Path(data_dir) / "unduhan" / "wilayah_boundaries"


def needed(provinces: Iterable[str], codes: pd.DataFrame) -> list[str]:
    """The upstream path (without extension) of each kabupaten/kota's village file in the chosen provinces."""
    wanted = set(provinces)
    kab = codes.loc[(codes["tingkat"] == "2") & codes["kode_prov"].isin(wanted), "kode"]
    return [f"db/kel/{k[:2]}/wilayah_boundaries_kel_{k}" for k in sorted(kab)]


def fetch(provinces: Iterable[str], codes: pd.DataFrame, url: str, cache: Path, progress: bool = True) -> FetchResult:
    """Make the cache hold a verified copy of every village file of `provinces` the server has; returns what it did.

    Raises DownloadError (message in Indonesian) when the server cannot be reached or keeps failing.
    """
    cache, url = Path(cache), url.rstrip("/")
    manifest = _load_manifest(cache)
    result = FetchResult(cache)
    stems = needed(provinces, codes)
    bar = _Progress(len(stems), progress)
    try:
        for stem in stems:
            rel = _fetch_one(stem, url, cache, manifest, result)
            bar.step(rel or stem, result)
    finally:
        bar.close()
        _save_manifest(cache, manifest)
    return result


def _fetch_one(stem: str, url: str, cache: Path, manifest: dict, result: FetchResult) -> str | None:
    for ext in EXTENSIONS:
        rel = stem + ext
        entry = manifest["files"].get(rel)
        if entry and _verified(cache / rel, entry):
            result.reused.append(rel)
            return rel
    if manifest["absent"].get(stem) == url:
        result.absent.append(stem)
        return None
    known_first = sorted(EXTENSIONS, key=lambda ext: stem + ext not in manifest["files"])  # as fetched before
    for ext in known_first:
        rel = stem + ext
        manifest["files"].pop(rel, None)
        (cache / rel).unlink(missing_ok=True)  # missing, unverified or mismatching: fetched again
        size = _download(f"{url}/{rel}", cache / rel)
        if size is not None:
            manifest["files"][rel] = {"sha256": _sha256(cache / rel), "bytes": size, "url": f"{url}/{rel}"}
            manifest["absent"].pop(stem, None)
            _save_manifest(cache, manifest)  # an interrupted run keeps what it finished
            result.downloaded.append(rel)
            result.bytes += size
            return rel
    manifest["absent"][stem] = url
    result.absent.append(stem)
    return None


def _verified(path: Path, entry: dict) -> bool:
    try:
        return path.stat().st_size == entry["bytes"] and _sha256(path) == entry["sha256"]
    except OSError:
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _download(url: str, dest: Path) -> int | None:
    """Download url to dest through dest.part, resuming it; the size, or None when the server has no such file."""
    part = dest.with_name(dest.name + ".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    reason = ""
    for _ in range(ATTEMPTS):
        try:
            total = _transfer(url, part)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                part.unlink(missing_ok=True)
                return None
            if exc.code == 416:  # the .part is not a prefix of this file (it changed upstream): start again
                part.unlink(missing_ok=True)
                reason = "HTTP 416"
                continue
            raise _offline(url, f"HTTP {exc.code}") from exc
        except urllib.error.URLError as exc:
            raise _offline(url, str(exc.reason)) from exc
        except (OSError, http.client.HTTPException) as exc:  # dropped connection, timeout: resume
            reason = str(exc) or type(exc).__name__
            continue
        size = part.stat().st_size
        if total is None or size == total:
            os.replace(part, dest)
            return size
        if size > total:
            part.unlink()
        reason = f"terputus setelah {fmt.number(size)} dari {fmt.number(total)} bita"
    raise _offline(url, reason)


def _transfer(url: str, part: Path) -> int | None:
    """Append the rest of url to part (Range from its size); the file's full length if the server says it."""
    offset = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "petakesos"})
    if offset:
        request.add_header("Range", f"bytes={offset}-")
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        total = None
        if response.status == 206:
            content_range = response.headers.get("Content-Range", "")  # bytes START-END/TOTAL
            start = int(content_range.split()[1].split("-")[0]) if content_range.startswith("bytes ") else -1
            if start != offset:
                raise http.client.HTTPException(f"Content-Range tak terduga: {content_range}")
            tail = content_range.rsplit("/", 1)[-1]
            total = int(tail) if tail.isdigit() else None
            mode = "ab"
        else:  # a server without Range support sends the whole file again
            offset, mode = 0, "wb"
        length = response.headers.get("Content-Length")
        if total is None and length and length.isdigit():
            total = offset + int(length)
        with open(part, mode) as fh:
            while block := response.read(CHUNK):
                fh.write(block)
    return total


def _offline(url: str, reason: str) -> DownloadError:
    return DownloadError(f"Tidak dapat mengunduh {url}: {OFFLINE_HINT}. ({reason})")


def _load_manifest(cache: Path) -> dict:
    try:
        data = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
        return {"files": dict(data.get("files", {})), "absent": dict(data.get("absent", {}))}
    except (OSError, ValueError, AttributeError):
        return {"files": {}, "absent": {}}


def _save_manifest(cache: Path, manifest: dict) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, cache / MANIFEST)


class _Progress:
    """A tqdm bar over the files when tqdm is installed, else one plain line per file (on stderr)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.bar = total, 0, None
        self.enabled = enabled
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self.bar = tqdm(total=total, unit="berkas", desc="Unduh batas desa", file=sys.stderr)

    def step(self, rel: str, result: FetchResult) -> None:
        self.done += 1
        if not self.enabled:
            return
        mb = fmt.decimal(result.bytes / 1e6, 1) + " MB"
        if self.bar is not None:
            self.bar.set_postfix_str(f"{Path(rel).name} · {mb} diunduh", refresh=False)
            self.bar.update(1)
        else:
            print(f"[{self.done}/{self.total}] {Path(rel).name} ({mb} diunduh)", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
