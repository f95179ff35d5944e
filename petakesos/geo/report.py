"""Compare converted village boundaries with the Kemendagri code list, per kabupaten, for the person running a build.

Expected villages come from the code list; found ones from the converted boundary rows. A village is `ada`
(listed and found), `hilang` (listed, no polygon: maps fall back to its kecamatan) or `ekstra` (a polygon whose
code is not listed). Spelling differences compare the list's name with the boundary file's, ignoring letter
case (Jawa Timur then has the six differences SOURCES.md §3 lists).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from petakesos import fmt

STATUS_COLUMNS = ["kode_kab", "kode_desa", "nama_desa", "nama_desa_boundary", "status", "beda_ejaan"]
REPORT_COLUMNS = ["kode_kab", "nama_kab", "diharapkan", "ditemukan", "hilang", "ekstra", "beda_ejaan", "baris_gagal"]
_KAB_IN_FILE = re.compile(r"kel_(\d{2}\.\d{2})\.sql")


def village_status(found: pd.DataFrame, codes: pd.DataFrame, kab_codes: Iterable[str]) -> pd.DataFrame:
    """One row per village expected or found in the given kabupaten (plus any kabupaten found), by kode_desa."""
    kabs = set(kab_codes) | set(found["kode_kab"])
    listed = codes[(codes["tingkat"] == "4") & codes["kode"].str[:5].isin(kabs)]
    expected = pd.DataFrame({"kode_desa": listed["kode"].to_numpy(), "nama_desa": listed["nama"].to_numpy()})
    got = pd.DataFrame(
        {"kode_desa": found["kode_desa"].to_numpy(), "nama_desa_boundary": found["nama_desa_boundary"].to_numpy()}
    )
    out = expected.merge(got, on="kode_desa", how="outer", indicator=True)
    out["status"] = out["_merge"].map({"both": "ada", "left_only": "hilang", "right_only": "ekstra"}).astype(str)
    out["nama_desa"] = out["nama_desa"].fillna(out["nama_desa_boundary"])
    out["beda_ejaan"] = (out["status"] == "ada") & (_spelling(out["nama_desa"]) != _spelling(out["nama_desa_boundary"]))
    out["kode_kab"] = out["kode_desa"].str[:5]
    return out[STATUS_COLUMNS].sort_values("kode_desa", ignore_index=True)


def _spelling(names: pd.Series) -> pd.Series:
    """Names compared ignoring letter case and repeated spaces ('jatisari' = 'Jatisari'; 'Gedog' ≠ 'Gedok')."""
    return names.fillna("").str.casefold().str.split().str.join(" ")


def problem_kab(problem) -> str:
    """The kabupaten a problem belongs to: from its file name (…kel_35.23.sql), else from its village code."""
    m = _KAB_IN_FILE.search(problem.file)
    return m.group(1) if m else problem.kode[:5]


def kabupaten_report(status: pd.DataFrame, problems: list, codes: pd.DataFrame) -> pd.DataFrame:
    """One row per kabupaten: diharapkan = ditemukan + hilang (from the list), ekstra, beda_ejaan, baris_gagal."""
    failed = pd.Series([problem_kab(p) for p in problems], dtype=str).value_counts()
    kabs = sorted(set(status["kode_kab"]) | set(failed.index))
    counts = (
        status.groupby(["kode_kab", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=kabs, columns=["ada", "hilang", "ekstra"], fill_value=0)
    )
    table = pd.DataFrame(
        {
            "kode_kab": counts.index.astype(str),
            "diharapkan": (counts["ada"] + counts["hilang"]).to_numpy(),
            "ditemukan": counts["ada"].to_numpy(),
            "hilang": counts["hilang"].to_numpy(),
            "ekstra": counts["ekstra"].to_numpy(),
        }
    )
    table["beda_ejaan"] = table["kode_kab"].map(status.groupby("kode_kab")["beda_ejaan"].sum()).fillna(0).astype(int)
    table["baris_gagal"] = table["kode_kab"].map(failed).fillna(0).astype(int)
    table["nama_kab"] = table["kode_kab"].map(codes["nama"]).fillna("(tidak ada di daftar kode)")
    return table[REPORT_COLUMNS].sort_values("kode_kab", ignore_index=True)


def _listing(items: list[str], limit: int) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" … dan {fmt.number(len(items) - limit)} lainnya" if len(items) > limit else "")


def summary_text(table: pd.DataFrame, status: pd.DataFrame, problems: list, limit: int = 10) -> str:
    """The report in Indonesian: a total line, then one line per kabupaten with its missing/extra/spelling/failures."""
    total = table[["diharapkan", "ditemukan", "hilang", "ekstra", "beda_ejaan", "baris_gagal"]].sum()
    lines = [
        f"Jumlah: {fmt.number(total['ditemukan'])} dari {fmt.number(total['diharapkan'])} desa/kelurahan ditemukan "
        f"di {fmt.number(len(table))} kabupaten/kota; {fmt.number(total['hilang'])} hilang, "
        f"{fmt.number(total['ekstra'])} tidak ada di daftar kode, {fmt.number(total['beda_ejaan'])} beda ejaan, "
        f"{fmt.number(total['baris_gagal'])} baris gagal dibaca."
    ]
    by_kab = {k: g for k, g in status.groupby("kode_kab")}
    by_problem: dict[str, list] = {}
    for p in problems:
        by_problem.setdefault(problem_kab(p), []).append(p)
    for row in table.itertuples(index=False):
        lines.append(
            f"{row.nama_kab} ({row.kode_kab}): {fmt.number(row.ditemukan)} dari {fmt.number(row.diharapkan)} "
            f"desa/kelurahan ditemukan, {fmt.number(row.hilang)} hilang, {fmt.number(row.ekstra)} tidak ada di "
            f"daftar kode, {fmt.number(row.beda_ejaan)} beda ejaan, {fmt.number(row.baris_gagal)} baris gagal dibaca."
        )
        g = by_kab.get(row.kode_kab, status.iloc[0:0])
        for label, rows in (
            ("hilang", g[g["status"] == "hilang"]),
            ("tidak ada di daftar kode", g[g["status"] == "ekstra"]),
        ):
            if len(rows):
                lines.append(
                    f"  {label}: " + _listing([f"{k} {n}" for k, n in zip(rows["kode_desa"], rows["nama_desa"])], limit)
                )
        spelling = g[g["beda_ejaan"]]
        if len(spelling):
            items = [
                f"{k} {n} (berkas batas: {b})"
                for k, n, b in zip(spelling["kode_desa"], spelling["nama_desa"], spelling["nama_desa_boundary"])
            ]
            lines.append("  beda ejaan: " + _listing(items, limit))
        for p in by_problem.get(row.kode_kab, [])[:limit]:
            kode = f" {p.kode}" if p.kode else ""
            lines.append(f"  baris gagal: {p.file}:{p.line}{kode} — {p.reason}")
    return "\n".join(lines)


def print_summary(table: pd.DataFrame, status: pd.DataFrame, problems: list) -> None:
    """Print summary_text (for the command line)."""
    print(summary_text(table, status, problems))
