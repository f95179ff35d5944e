"""Synthetic population per desa × year (2021–2025) whose 2025 kab/kota sums equal the real ones.

There is no public population per village, so the demo spreads each kab/kota's real 2025 total
over its villages (area-weighted, kelurahan denser) and back-casts earlier years with growth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakesos.demo.people import rng_for

YEARS = (2021, 2022, 2023, 2024, 2025)


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to weights that sum exactly to total (largest remainder)."""
    share = total * weights / weights.sum()
    base = np.floor(share).astype(np.int64)
    rest = int(total - base.sum())
    order = np.argsort(-(share - base), kind="stable")
    base[order[:rest]] += 1
    return base


def population(villages: pd.DataFrame, kab_pop: pd.DataFrame, seed: int) -> pd.DataFrame:
    """One row per desa × year: kode_desa, tahun, penduduk, laki_laki, perempuan.

    villages: kode_desa, kode_kab, is_kel, luas_km2 (sorted by kode_desa).
    kab_pop: kode, penduduk_laki, penduduk_total for every kab/kota present.
    """
    totals = kab_pop.set_index("kode")
    frames = []
    for kode_kab, v in villages.groupby("kode_kab", sort=True):
        rng = rng_for(seed, "population", int(kode_kab.replace(".", "")))
        n = len(v)
        kel = v["is_kel"].to_numpy()
        # Area to a power below 1: large forest or farmland villages are not proportionally populous.
        noise = np.clip(rng.lognormal(0.0, 0.35, n), 0.5, 2.0)
        density = np.where(kel, rng.uniform(4.0, 8.0), 1.0) * noise
        area = np.clip(v["luas_km2"].to_numpy(), 0.3, np.where(kel, 10.0, np.inf))
        weights = area**0.5 * density
        total = int(totals.at[kode_kab, "penduduk_total"])
        male_total = int(totals.at[kode_kab, "penduduk_laki"])
        pop25 = apportion(total, weights)
        male25 = apportion(male_total, pop25 * rng.normal(1.0, 0.015, n))
        if (male25 > pop25).any():
            raise ValueError(f"male share above total in {kode_kab}")

        growth = np.clip(rng.uniform(0.005, 0.015) + rng.normal(0.0, 0.003, n), -0.004, 0.03)
        male_ratio = np.divide(male25, pop25, out=np.full(n, 0.5), where=pop25 > 0)
        for year in YEARS:
            if year == 2025:
                pop, male = pop25, male25
            else:
                pop = np.rint(pop25 / (1.0 + growth) ** (2025 - year)).astype(np.int64)
                male = np.rint(pop * male_ratio).astype(np.int64)
            frames.append(
                pd.DataFrame(
                    {
                        "kode_desa": v["kode_desa"].to_numpy(),
                        "tahun": year,
                        "penduduk": pop,
                        "laki_laki": male,
                        "perempuan": pop - male,
                    }
                )
            )
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["kode_desa", "tahun"], kind="stable").reset_index(drop=True)
