"""Allocate N new PSM slots over the desa of a wilayah by need; one row per desa out.

Pure functions (pandas/numpy only) so the CLI, the page and the tests share one rule.
Every method is a *sequential priority rule*: slot k+1 goes to the best candidate
given slots 1..k. That makes all of them house-monotone (adding a slot never takes
one away from a desa or a kecamatan) as long as no kecamatan quota is fixed.

Need ("kebutuhan") of a desa:
- ``kasus``: its PMKS caseload.
- ``per_1000``: cases per 1,000 residents; a desa with no population figure gets need 0
  (it is still covered first by the "one PSM per desa" rules, but last).

Beban kasus ("caseload") of a desa is its need divided by its PSM, and a desa without PSM
carries its own need (divided by 1): unserved cases count, so "minimise the largest caseload"
has a meaning when slots are fewer than unserved desa, and covering a desa never looks like a
deterioration. One definition (`allocate.priority.caseload`) for the rules, the reasons, the
summary, the page, the CLI and the Excel sheets.

Webster across kecamatan weighs each kecamatan by the *unserved* need of its eligible desa (the
needs of desa without PSM), so a kecamatan whose desa are already served does not take slots
for cases that have a PSM; only when no kecamatan has unserved need are all needs used. For
``per_1000`` that is a sum of desa rates. The kecamatan step apportions the NEW slots only.

Ties (equal priority) go to the lower kode_desa; the reasons say so where a tie meets the cut.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from petakesos.allocate import explain
from petakesos.allocate.explain import (  # noqa: F401
    BEBAN_DEFINITION,
    SUMMARY_LABELS,
    caseload,
    summarize,
)
from petakesos.allocate.priority import desa_key

METHODS = ("satu_per_desa", "webster_kecamatan", "minmax_beban")
METHOD_LABELS = {
    "satu_per_desa": "Satu PSM per desa dulu, lalu menurut beban kasus",
    "webster_kecamatan": "Bagi per kecamatan menurut kasus di desa tanpa PSM (Webster), lalu per desa",
    "minmax_beban": "Tekan beban kasus tertinggi (min-maks)",
}
NEEDS = ("kasus", "per_1000")
NEED_LABELS = {"kasus": "Jumlah kasus PMKS", "per_1000": "Kasus per 1.000 penduduk"}
INPUT_COLUMNS = ("kode_desa", "nama_desa", "kode_kec", "nama_kec", "penduduk", "kasus", "psm")
MAX_SLOTS = 100_000
SLOTS_PER_DESA_BOUND = 10

# Desa rules: "cover" = uncovered desa first by need, then highest load after adding one
# PSM (D'Hondt-like); "minmax" = highest current beban kasus (a desa without PSM carries its need).
_DESA_RULE = {"satu_per_desa": "cover", "webster_kecamatan": "cover", "minmax_beban": "minmax"}


class AllocationError(ValueError):
    """A request that cannot be allocated; the message is Bahasa Indonesia, shown as-is."""


@dataclass(frozen=True)
class AllocationParams:
    """What the planner asked for; validated by `allocate`, so bad input gives an AllocationError.

    `max_per_desa` bounds NEW slots per desa. `kecamatan_quota` (sums to `slots`) replaces the
    kecamatan step and `floor_one` is then ignored; a kecamatan missing from it gets 0.
    """

    slots: int
    method: str
    need: str = "kasus"
    max_per_desa: int | None = None
    exclude: frozenset[str] = frozenset()
    kecamatan_quota: Mapping[str, int] | None = None
    floor_one: bool = False


class _DesaQueue:
    """Heap of the desa of one pool, handing out slots one at a time by `desa_key`."""

    def __init__(self, positions: Iterable[int], rule: str, ctx: _Ctx) -> None:
        self.rule, self.ctx, self.given, self.last_key = rule, ctx, 0, None
        self.heap = [self._entry(p) for p in positions if ctx.has_room(p)]
        heapq.heapify(self.heap)

    def _entry(self, p: int) -> tuple:
        c = self.ctx
        key = desa_key(self.rule, c.need[p], c.psm[p] + c.slots[p])
        return (-key[0], -key[1], c.kode[p], p)

    def give(self) -> None:
        neg0, neg1, _, p = heapq.heappop(self.heap)
        self.ctx.slots[p] += 1
        self.given += 1
        self.last_key = (-neg0, -neg1)
        if self.ctx.has_room(p):
            heapq.heappush(self.heap, self._entry(p))


class _Ctx:
    """Plain lists over the desa, sorted by kode_desa, that the heaps read and update."""

    def __init__(self, frame: pd.DataFrame, cap: list[int | None]) -> None:
        self.kode = frame["kode_desa"].tolist()
        self.kec = frame["kode_kec"].tolist()
        self.need = frame["_need"].tolist()
        self.psm = frame["_psm"].tolist()
        self.cap = cap
        self.slots = [0] * len(self.kode)

    def has_room(self, p: int) -> bool:
        return self.cap[p] is None or self.slots[p] < self.cap[p]


def allocate(units: pd.DataFrame, params: AllocationParams) -> pd.DataFrame:
    """One row per input desa (input order kept) with slot_baru, psm_sesudah, beban_* and alasan."""
    method, need_mode, slots = _validate_scalars(units, params)
    frame = _prepare(units, need_mode)
    exclude = _as_codes(params.exclude)
    cap = _capacities(frame, exclude, params.max_per_desa)
    ctx = _Ctx(frame, cap)
    rule = _DESA_RULE[method]
    kec_positions: dict[str, list[int]] = {}
    for p, k in enumerate(ctx.kec):
        kec_positions.setdefault(k, []).append(p)
    quota = _validate_quota(params.kecamatan_quota, slots, kec_positions, ctx, frame)
    _check_capacity(slots, cap)

    pools: dict[str, _DesaQueue] = {}
    kec_info: dict = {"mode": "global"}
    if quota is not None:
        kec_info = {"mode": "quota", "slots": quota}
        for k in sorted(kec_positions):
            pools[k] = _DesaQueue(kec_positions[k], rule, ctx)
            for _ in range(quota.get(k, 0)):
                pools[k].give()
    elif method == "webster_kecamatan":
        pools, kec_info = _webster(slots, kec_positions, rule, ctx, params.floor_one)
    else:
        pool = _DesaQueue(range(len(ctx.kode)), rule, ctx)
        for _ in range(slots):
            pool.give()
        pools = {k: pool for k in kec_positions}

    frame["slot_baru"] = np.asarray(ctx.slots, dtype="int64")
    frame["alasan"] = explain.reasons(frame, ctx, pools, kec_info, exclude, rule, need_mode, slots)
    return _finish(units, frame)


def _webster(slots, kec_positions, rule, ctx, floor_one):
    """Sainte-Laguë as a highest-averages sequence over kecamatan, then the desa rule inside."""
    pools = {k: _DesaQueue(ps, rule, ctx) for k, ps in kec_positions.items()}
    need = {
        k: math.fsum(ctx.need[p] for p in ps if ctx.cap[p] != 0 and ctx.psm[p] == 0) for k, ps in kec_positions.items()
    }
    basis = "unserved"
    if not any(need.values()):  # every eligible desa already has a PSM: share by all their needs
        need = {k: math.fsum(ctx.need[p] for p in ps if ctx.cap[p] != 0) for k, ps in kec_positions.items()}
        basis = "all"
    given = dict.fromkeys(kec_positions, 0)

    def entry(k: str) -> tuple:
        tier = 1 if floor_one and given[k] == 0 else 0
        return (-tier, -need[k] / (2 * given[k] + 1), k)

    heap = [entry(k) for k in sorted(kec_positions) if pools[k].heap]
    heapq.heapify(heap)
    last = None
    for _ in range(slots):
        neg_tier, neg_q, k = heapq.heappop(heap)
        pools[k].give()
        given[k] += 1
        last = (-neg_tier, -neg_q)
        if pools[k].heap:
            heapq.heappush(heap, entry(k))
    return pools, {
        "mode": "webster",
        "slots": given,
        "need": need,
        "last": last,
        "floor_one": floor_one,
        "basis": basis,
    }


def _validate_scalars(units, params: AllocationParams) -> tuple[str, str, int]:
    if params.method not in METHODS:
        raise AllocationError(
            f"Metode pembagian tidak dikenal: {params.method!r}. Pilih salah satu: {', '.join(METHODS)}."
        )
    if params.need not in NEEDS:
        raise AllocationError(f"Ukuran kebutuhan tidak dikenal: {params.need!r}. Pilih salah satu: {', '.join(NEEDS)}.")
    if units is None or len(units) == 0:
        raise AllocationError("Wilayah ini tidak memiliki desa/kelurahan, jadi tidak ada yang dapat dibagi slot.")
    missing = [c for c in INPUT_COLUMNS if c not in units.columns]
    if missing:
        raise AllocationError(f"Data desa tidak lengkap: kolom {', '.join(missing)} tidak ada.")
    bound = min(SLOTS_PER_DESA_BOUND * len(units), MAX_SLOTS)
    slots = _as_int(params.slots)
    if slots is None or not 0 <= slots <= bound:
        raise AllocationError(
            f"Jumlah slot harus bilangan bulat 0 sampai {explain.fmt_int(bound)} "
            f"(paling banyak {SLOTS_PER_DESA_BOUND} × jumlah desa dan {explain.fmt_int(MAX_SLOTS)}); "
            f"diterima: {params.slots!r}."
        )
    mx = params.max_per_desa
    if mx is not None and (_as_int(mx) is None or _as_int(mx) < 0):
        raise AllocationError(f"Batas slot per desa harus bilangan bulat 0 atau lebih; diterima: {mx!r}.")
    return params.method, params.need, slots


def _as_int(value) -> int | None:
    """An int from an int, a numpy integer or a digit string; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def _as_codes(exclude) -> frozenset[str]:
    if exclude is None:
        return frozenset()
    if isinstance(exclude, str):
        return frozenset({exclude})
    return frozenset(str(c) for c in exclude)


def _prepare(units: pd.DataFrame, need_mode: str) -> pd.DataFrame:
    """Sorted by kode_desa (so results do not depend on row order), with clean numbers and _need."""
    frame = units.loc[:, list(INPUT_COLUMNS)].copy()
    frame["_row"] = np.arange(len(frame))
    frame["kode_desa"] = frame["kode_desa"].astype(str)
    frame["kode_kec"] = frame["kode_kec"].astype(str)
    dup = frame["kode_desa"][frame["kode_desa"].duplicated()]
    if len(dup):
        raise AllocationError(f"Kode desa ganda di data: {', '.join(sorted(set(dup))[:5])}.")
    for col in ("kasus", "psm", "penduduk"):
        values = pd.to_numeric(frame[col], errors="coerce")
        if (values < 0).any():
            raise AllocationError(f"Data tidak valid: kolom {col} berisi angka negatif.")
        frame["_" + col] = values.fillna(0)
    frame["_kasus"] = frame["_kasus"].astype("int64")
    frame["_psm"] = frame["_psm"].astype("int64")
    if need_mode == "per_1000":
        pop = frame["_penduduk"].astype("float64")
        if not (pop > 0).any():
            raise AllocationError(
                "Data jumlah penduduk tidak tersedia untuk wilayah ini, sehingga kebutuhan per 1.000 "
                "penduduk tidak dapat dihitung. Pilih ukuran 'Jumlah kasus PMKS' atau lengkapi data penduduk."
            )
        rate = frame["_kasus"] * 1000.0 / pop.where(pop > 0)
        frame["_need"] = rate.fillna(0.0).astype("float64")
        frame["_no_pop"] = ~(pop > 0)
    else:
        frame["_need"] = frame["_kasus"].astype("float64")
        frame["_no_pop"] = False
    return frame.sort_values("kode_desa", kind="mergesort").reset_index(drop=True)


def _capacities(frame, exclude, max_per_desa) -> list[int | None]:
    mx = None if max_per_desa is None else _as_int(max_per_desa)
    return [0 if k in exclude else mx for k in frame["kode_desa"]]


def _check_capacity(slots: int, cap: list[int | None]) -> None:
    if slots == 0 or any(c is None for c in cap):
        return  # nothing to place, or at least one desa without an upper bound
    total = sum(cap)
    if total == 0:
        raise AllocationError(
            "Tidak ada desa yang dapat menerima slot: semua desa dikecualikan atau batas slot per desa 0."
        )
    if slots > total:
        open_desa = sum(1 for c in cap if c)
        raise AllocationError(
            f"{explain.fmt_int(slots)} slot tidak dapat dibagi habis: kapasitas hanya "
            f"{explain.fmt_int(total)} slot ({explain.fmt_int(open_desa)} desa yang dapat menerima × "
            f"batas {max(cap)} slot per desa). Kurangi jumlah slot, naikkan batas per desa, atau kurangi pengecualian."
        )


def _validate_quota(quota, slots, kec_positions, ctx, frame) -> dict[str, int] | None:
    if quota is None:
        return None
    names = dict(zip(frame["kode_kec"], frame["nama_kec"]))
    clean: dict[str, int] = {}
    for k, v in quota.items():
        k = str(k)
        if k not in kec_positions:
            raise AllocationError(
                f"Kuota untuk kecamatan {k} tidak dapat dipakai: kecamatan itu tidak ada di wilayah ini."
            )
        n = _as_int(v)
        if n is None or n < 0:
            raise AllocationError(f"Kuota Kec. {names[k]} harus bilangan bulat 0 atau lebih; diterima: {v!r}.")
        caps = [ctx.cap[p] for p in kec_positions[k]]
        room = None if any(c is None for c in caps) else sum(caps)
        if room is not None and n > room:
            raise AllocationError(
                f"Kuota Kec. {names[k]} ({explain.fmt_int(n)} slot) melebihi kapasitas desanya "
                f"({explain.fmt_int(room)} slot)."
            )
        clean[k] = n
    if sum(clean.values()) != slots:
        raise AllocationError(
            f"Jumlah kuota kecamatan ({explain.fmt_int(sum(clean.values()))}) harus sama dengan jumlah slot "
            f"({explain.fmt_int(slots)})."
        )
    return clean


def _finish(units: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Back to input order and index; beban kasus before/after (`caseload`: cases per PSM, a desa
    without PSM carrying its own cases)."""
    frame = frame.sort_values("_row", kind="mergesort")
    out = units.copy()
    out["slot_baru"] = frame["slot_baru"].to_numpy()
    psm = frame["_psm"].to_numpy()
    after = psm + out["slot_baru"].to_numpy()
    kasus = frame["_kasus"].to_numpy(dtype="float64")
    out["psm_sesudah"] = after
    out["beban_sebelum"] = caseload(kasus, psm)
    out["beban_sesudah"] = caseload(kasus, after)
    out["alasan"] = frame["alasan"].to_numpy()
    return out
