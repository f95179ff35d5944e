"""All 38 provinces' upstream village files converted as `geo --semua` converts them: every kabupaten/kota of the
code list gets a report row, and no village row of any file is lost (each is written or reported)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from petakesos.config import settings
from petakesos.geo import national, upstream

SHARED = settings().shared_geo_dir
SOURCE = SHARED / "upstream" / "wilayah_boundaries"

pytestmark = pytest.mark.skipif(not (SOURCE / "db" / "kel").is_dir(), reason="shared/geo upstream files absent")


def _village_lines(path: Path) -> int:
    """The village rows of one upstream file, counted without the converter: the lines that open a tuple."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        return sum(1 for line in f if line.lstrip().startswith("("))


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    codes = upstream.load_codes(SHARED / "wilayah_kemendagri_2025.csv")
    out = tmp_path_factory.mktemp("desa_nasional")
    return codes, national.convert_provinces(SOURCE, out, codes=codes)


def test_every_province_and_kabupaten_of_the_code_list_is_reported(converted):
    codes, results = converted
    listed_prov = set(codes.loc[codes["tingkat"] == "1", "kode"])
    listed_kab = codes.loc[codes["tingkat"] == "2", "kode"]
    assert {r.kode_prov for r in results} == listed_prov and len(listed_prov) == 38
    report = {row.kode_kab: row for r in results for row in r.report.itertuples()}
    assert set(listed_kab) <= set(report) and len(listed_kab) == 514
    desa_per_kab = codes.loc[codes["tingkat"] == "4", "kode"].str[:5].value_counts()
    for kab in listed_kab:  # expected = the code list; found + missing = expected
        row = report[kab]
        assert row.diharapkan == desa_per_kab.get(kab, 0), kab
        assert row.ditemukan + row.hilang == row.diharapkan, kab
    assert sum(r.ditemukan for r in report.values()) > 0.99 * len(codes[codes["tingkat"] == "4"])


def test_no_village_row_is_lost(converted):
    _, results = converted
    files = [p for r in results for p in national.kel_files(SOURCE, r.kode_prov)]
    assert len(files) == 514
    lines = sum(_village_lines(p) for p in files)
    written = sum(pq.ParquetFile(r.path).metadata.num_rows for r in results if r.path)
    assert written == sum(r.villages for r in results)
    # Each row is written or reported with its file and line; a file-level problem has no row of its own.
    row_problems = [p for r in results for p in r.problems if not p.reason.startswith("berkas terpotong")]
    assert written + len(row_problems) == lines, (written, len(row_problems), lines)
    assert all(p.file and p.line > 0 for p in row_problems if not p.file.startswith("db/kel/"))
