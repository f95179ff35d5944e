"""The `alasan` of each desa as it may be shown with small numbers hidden.

On top of `allocate.explain.masked_reasons` (no count of 1–4 and no figure computed from it), the rank
"peringkat 2–4 dari 9 desa tanpa PSM" is taken among the desa that are not masked only, and a masked
desa gets none: its place between two shown neighbours would bracket its count (or, by need per 1.000
residents, its rate, which times the public population is the count).
"""

from __future__ import annotations

import re

import pandas as pd

from petakesos.allocate.explain import masked_reasons

_ORDER = r"menurut (?:jumlah kasus|kasus per 1\.000 penduduk)"
_TAIL = re.compile(r", tetapi slot hanya cukup sampai peringkat \d+")
_TIE_NOTE = re.compile(
    r"; slot habis di tengah kelompok seri ini, yang diurutkan menurut kode desa \(kode lebih kecil lebih dulu\)"
)
NOT_REACHED = ", tetapi slot habis sebelum sampai ke desa ini"


def _rank_pattern(scope: str) -> re.Pattern:
    """The engine's rank parenthetical for a pool (`scope` '' or ' di Kec. X')."""
    return re.compile(
        rf" \(peringkat \d+(?:–\d+)? dari \d+ desa tanpa PSM{re.escape(scope)} ({_ORDER})(?:, seri \d+ desa)?\)"
    )


def _need(result: pd.DataFrame, per_1000: bool) -> pd.Series:
    kasus = pd.to_numeric(result["kasus"], errors="coerce").fillna(0).astype(float)
    if not per_1000:
        return kasus
    pop = pd.to_numeric(result["penduduk"], errors="coerce").astype(float)
    return (1000.0 * kasus / pop.where(pop > 0)).fillna(0.0)


def shown_reasons(result: pd.DataFrame) -> pd.Series:
    """The `alasan` column of an `allocate` result with small numbers hidden and ranks among shown desa only."""
    out = masked_reasons(result).copy()
    small = pd.to_numeric(result["kasus"], errors="coerce").fillna(0).between(1, 4)
    scopes = pd.Series(
        [f" di Kec. {k}" if f"tanpa PSM di Kec. {k} menurut" in t else "" for t, k in zip(out, result["nama_kec"])],
        index=result.index,
    )
    for scope in scopes.unique():
        pattern = _rank_pattern(scope)
        in_pool = (scopes == scope) & out.map(lambda t, p=pattern: bool(p.search(t)))
        if in_pool.any():
            _rerank(out, result, in_pool & ~small, in_pool & small, pattern, scope)
    return out


def _rerank(out: pd.Series, result: pd.DataFrame, shown: pd.Series, hidden: pd.Series, pattern, scope: str) -> None:
    """Rewrite, in place, the ranks of one pool: among its `shown` desa only; none for the `hidden` ones."""
    for i in out.index[hidden]:
        text = pattern.sub("", out[i])
        out[i] = _TIE_NOTE.sub("", _TAIL.sub(NOT_REACHED, text))
    if not shown.any():
        return
    order = pattern.search(out[out.index[shown][0]]).group(1)
    need = _need(result, "1.000" in order)[shown]
    got = result.loc[shown, "slot_baru"] > 0
    reached = int(got.sum())
    for i in need.index:
        first, last = int((need > need[i]).sum()) + 1, int((need >= need[i]).sum())
        pos, tie = (str(first), "") if first == last else (f"{first}–{last}", f", seri {last - first + 1} desa")
        text = pattern.sub(f" (peringkat {pos} dari {len(need)} desa tanpa PSM{scope} {order}{tie})", out[i])
        text = _TAIL.sub(f", tetapi slot hanya cukup sampai peringkat {reached}" if reached else NOT_REACHED, text)
        if got[need == need[i]].nunique() < 2:  # the cut does not split its tie among shown desa
            text = _TIE_NOTE.sub("", text)
        out[i] = text


def reason_of(result: pd.DataFrame, kode: str | None, suppress: bool = True) -> tuple[str, str] | None:
    """(desa name, alasan) of one desa of an allocation, for a map click; None if not in it. The ranks
    are taken over the whole allocation, so the line says what the table says."""
    hit = result.loc[result["kode_desa"] == kode]
    if hit.empty:
        return None
    reason = shown_reasons(result).loc[hit.index] if suppress else hit["alasan"]
    return str(hit["nama_desa"].iloc[0]), str(reason.iloc[0])


def reason_line(result: pd.DataFrame, kode: str | None, suppress: bool = True) -> str | None:
    """'Sokogunung — Mendapat 1 slot: …' for a clicked desa, None if it is not in the allocation. Plain
    text from the database: the page shows it without Markdown."""
    picked = reason_of(result, kode, suppress)
    return None if picked is None else f"{picked[0]} — {picked[1]}"
