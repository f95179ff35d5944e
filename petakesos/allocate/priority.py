"""The priority order in which desa receive slots, kept apart so the engine and the reasons that
explain its results share it without importing each other."""

from __future__ import annotations

import math

import numpy as np


def caseload(kasus, psm):
    """Beban kasus: cases per PSM, a desa without PSM carrying its own cases (per desa, or element-wise)."""
    if isinstance(psm, (int, np.integer)):
        return kasus / max(psm, 1)
    return np.asarray(kasus, dtype="float64") / np.maximum(np.asarray(psm, dtype="int64"), 1)


def desa_key(rule: str, need: float, total_psm: int) -> tuple[float, float]:
    """Priority of giving the next slot to a desa that has `total_psm` PSM; larger goes first.
    minmax: its current caseload, a desa without PSM first among equal loads."""
    if rule == "cover":
        return (math.inf, need) if total_psm == 0 else (need / (total_psm + 1), 0.0)
    return (caseload(need, total_psm), 1.0 if total_psm == 0 else 0.0)
