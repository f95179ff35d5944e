"""All of Indonesia, province by province: find the upstream village files (db/kel/<prov>/), convert each
province with `upstream.convert_file`, write one GeoParquet per province in the shared files' layout, and
report per kabupaten. One province in memory at a time, so the whole country fits in a few hundred MB."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from petakesos.geo import report
from petakesos.geo.upstream import _KEL_FILE, COLUMNS, CRS, Problem, convert_file, load_codes


@dataclass(frozen=True)
class ProvinceResult:
    """One converted province: the GeoParquet written and its reports (per kabupaten, per village, problems)."""

    kode_prov: str
    nama_prov: str
    path: Path | None
    villages: int
    report: pd.DataFrame
    status: pd.DataFrame
    problems: list[Problem]
    seconds: float


def kel_root(source: Path) -> Path:
    """The `db/kel` folder of an upstream layout given its repository root, `db`, `kel` or the folder above."""
    source = Path(source)
    for candidate in (source / "db" / "kel", source / "kel", source / "wilayah_boundaries" / "db" / "kel", source):
        if candidate.is_dir() and any(p.is_dir() and re.fullmatch(r"\d{2}", p.name) for p in candidate.iterdir()):
            return candidate
    raise FileNotFoundError(f"Tidak ada folder db/kel/<provinsi> berkas wilayah_boundaries di {source}.")


def kel_files(source: Path, kode_prov: str) -> list[Path]:
    """The village file of each kabupaten of one province, sorted; a plain `.sql` wins over its `.sql.gz` copy."""
    folder = kel_root(source) / kode_prov
    chosen: dict[str, Path] = {}
    for p in sorted(folder.glob("wilayah_boundaries_kel_*")) if folder.is_dir() else []:
        m = _KEL_FILE.match(p.name)
        if m and m.group(1) == kode_prov and (m.group(3) is None or m.group(2) not in chosen):
            chosen[m.group(2)] = p
    return [chosen[k] for k in sorted(chosen)]


def provinces_in(source: Path) -> list[str]:
    """Province codes that have a folder in the upstream layout."""
    return sorted(p.name for p in kel_root(source).iterdir() if p.is_dir() and re.fullmatch(r"\d{2}", p.name))


def slug(name: str) -> str:
    """'Jawa Timur' -> 'jawa_timur', for desa_<prov>_<slug>.parquet."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def convert_province(source: Path, kode_prov: str, codes: pd.DataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Every village of one province from its kabupaten files, sorted by kode_desa; a code seen twice kept once."""
    frames, problems = [], []
    for path in kel_files(source, kode_prov):
        gdf, found = convert_file(path, codes)
        frames.append(gdf)
        problems.extend(found)
    if not frames:
        return gpd.GeoDataFrame(columns=COLUMNS, geometry="geometry", crs=CRS), problems
    gdf = pd.concat(frames, ignore_index=True)
    dup = gdf["kode_desa"].duplicated()
    for kode in gdf.loc[dup, "kode_desa"]:
        problems.append(Problem(f"db/kel/{kode_prov}", 0, kode, "kode ganda di dua berkas (yang pertama dipakai)"))
    return gdf[~dup].sort_values("kode_desa", ignore_index=True), problems


def convert_provinces(
    source: Path, out_dir: Path, provinces: Iterable[str] | None = None, codes: pd.DataFrame | None = None, log=None
) -> list[ProvinceResult]:
    """Write desa_<prov>_<slug>.parquet per province into out_dir (None = every province in source).

    One province at a time, so memory stays bounded; a province with no village file gets a report but no file.
    `log`, if given, receives each province's Indonesian summary.
    """
    codes = load_codes() if codes is None else codes
    provinces = provinces_in(source) if provinces is None else [str(p).strip() for p in provinces]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for kode_prov in provinces:
        started = time.perf_counter()
        nama_prov = codes["nama"].get(kode_prov, kode_prov)
        gdf, problems = convert_province(source, kode_prov, codes)
        path = None
        if len(gdf):
            path = out_dir / f"desa_{kode_prov}_{slug(nama_prov)}.parquet"
            tmp = path.with_suffix(".parquet.tmp")
            gdf.to_parquet(tmp, index=False)
            os.replace(tmp, path)
        kab = codes.loc[(codes["tingkat"] == "2") & (codes["kode_prov"] == kode_prov), "kode"].tolist()
        status = report.village_status(gdf, codes, kab)
        table = report.kabupaten_report(status, problems, codes)
        result = ProvinceResult(
            kode_prov, nama_prov, path, len(gdf), table, status, problems, round(time.perf_counter() - started, 1)
        )
        del gdf
        if log is not None:
            log(report.summary_text(table, status, problems))
        results.append(result)
    return results
