"""Synthetic PMKS cases (export (a)) with realistic, spatially clustered rates and a varied history.

Rates are not uniform: each category has its own level, a kab/kota effect, a kecamatan effect,
a smooth field of Gaussian bumps over lat/lng, and a kelurahan multiplier; a shared "poverty"
component ties the poverty-driven categories together.

The history is a register opened on 1 January 2018 with the cases open at that time (entered in
its first months, "pendataan awal"); after that it records new cases and closes cases every year.
Both vary by kab/kota, category and year: each category's province-wide trend (fewer fakir miskin,
more lansia), a kab's own drift and handling speed, verification drives that record many cases in
a few weeks, clean-up years that close many. New cases are scaled to the closure rate so open
cases per 1,000 stay near each category's level instead of piling up, and rise in some kabupaten
while they fall in others.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakesos.demo.people import DAY, END, birth_from_age, rng_for

START = np.datetime64("2018-01-01", "D")
YEARS = np.arange(2018, 2026)
_MID_YEAR = 2021.5
_POP_GROWTH = 0.01  # new cases grow with the population (demo.population: about 1% a year)
_STATUS_OPEN = np.array(["aktif", "ditangani", "dirujuk"])
_SUMBER = np.array(["SIKS-NG", "Musdes", "Laporan PSM"])

# kode: open cases in a year per 1,000 residents (average level), kelurahan multiplier, kab/kota sd
# (log), share female, age range in years at tanggal_catat, beta shape of age, closure hazard per
# year, loading on the shared poverty component, province-wide trend of new cases (log per year).
_CATEGORIES: dict[str, tuple] = {
    "01": (0.027, 1.0, 0.5, 0.50, (0, 5), (1.0, 1.0), 0.60, 1.0, -0.03),
    "02": (0.14, 1.0, 0.5, 0.50, (5, 18), (1.0, 1.0), 0.35, 1.0, -0.06),
    "03": (0.017, 1.8, 0.6, 0.15, (12, 18), (2.0, 1.0), 0.80, 0.5, 0.0),
    "04": (0.013, 6.0, 0.7, 0.30, (7, 18), (1.5, 1.0), 0.50, 0.5, -0.08),
    "05": (0.14, 1.0, 0.4, 0.45, (1, 18), (1.0, 1.0), 0.15, 0.5, 0.05),
    "06": (0.023, 1.5, 0.6, 0.60, (3, 18), (1.0, 1.0), 0.70, 0.5, 0.07),
    "07": (0.02, 1.2, 0.6, 0.50, (3, 18), (1.0, 1.0), 0.50, 0.5, 0.03),
    "08": (0.58, 0.8, 0.4, 0.60, (60, 95), (1.0, 2.5), 0.17, 1.0, 0.05),
    "09": (0.72, 1.0, 0.35, 0.45, (18, 85), (2.0, 2.0), 0.10, 0.7, 0.05),
    "10": (0.006, 5.0, 0.8, 0.90, (18, 45), (1.5, 2.0), 0.50, 0.3, -0.06),
    "11": (0.01, 8.0, 0.8, 0.30, (18, 75), (2.0, 2.0), 0.50, 0.5, -0.04),
    "12": (0.017, 6.0, 0.7, 0.50, (18, 80), (2.0, 1.5), 0.50, 0.5, -0.04),
    "13": (0.023, 6.0, 0.7, 0.40, (18, 70), (2.0, 2.0), 0.30, 0.5, 0.0),
    "14": (0.004, 1.0, 1.2, 0.50, (18, 70), (2.0, 2.0), 0.30, 0.0, 0.0),
    "15": (0.02, 1.5, 0.6, 0.10, (20, 60), (2.0, 2.0), 0.50, 0.5, 0.02),
    "16": (0.027, 2.5, 0.7, 0.40, (20, 55), (2.0, 2.0), 0.10, 0.3, 0.04),
    "17": (0.02, 2.5, 0.7, 0.15, (18, 50), (1.5, 2.5), 0.40, 0.3, 0.05),
    "18": (0.002, 1.0, 1.0, 0.80, (18, 40), (1.5, 2.5), 0.60, 0.3, 0.0),
    "19": (0.031, 1.3, 0.5, 0.75, (18, 60), (2.0, 2.0), 0.60, 0.5, 0.06),
    "20": (0.017, 0.6, 1.0, 0.70, (20, 50), (2.0, 2.0), 0.40, 0.5, -0.04),
    "21": (0.081, 0.7, 1.2, 0.50, (0, 85), (1.3, 1.6), 0.90, 0.0, 0.0),
    "22": (0.008, 1.0, 1.2, 0.50, (0, 80), (1.3, 1.6), 0.70, 0.0, 0.0),
    "23": (0.23, 0.9, 0.4, 1.00, (18, 65), (2.0, 1.5), 0.20, 1.0, -0.03),
    "24": (1.44, 0.6, 0.35, 0.45, (25, 85), (2.0, 2.0), 0.14, 1.0, -0.01),
    "25": (0.068, 1.2, 0.5, 0.50, (20, 65), (2.0, 2.0), 0.40, 0.5, 0.0),
    "26": (0.0, 0.0, 1.5, 0.50, (0, 85), (1.3, 1.6), 0.05, 0.0, 0.0),
}
CODES = tuple(sorted(_CATEGORIES))
# Province adjustments of the level: KAT only outside Java, trafficking rarer in Java, Jawa Timur
# a large sender of migrant workers.
_PROV_RATE = {"18": {"26": 0.04, "18": 0.003, "20": 0.014}, "35": {"20": 0.02}}
_EVENT_CATS = ("21", "22")
# Komunitas Adat Terpencil only where such communities are registered: Lampung's western and
# northern hill and forest kabupaten.
_ONLY_IN = {"26": ("18.04", "18.06", "18.08", "18.11", "18.13")}


def _table(prov: str) -> dict[str, np.ndarray]:
    rows = [_CATEGORIES[c] for c in CODES]
    rate = np.array([_PROV_RATE.get(prov, {}).get(c, r[0]) for c, r in zip(CODES, rows)])
    return {
        "rate": rate,
        "kel": np.array([r[1] for r in rows]),
        "kab_sd": np.array([r[2] for r in rows]),
        "female": np.array([r[3] for r in rows]),
        "age_lo": np.array([r[4][0] for r in rows], dtype=float),
        "age_hi": np.array([r[4][1] for r in rows], dtype=float),
        "beta_a": np.array([r[5][0] for r in rows]),
        "beta_b": np.array([r[5][1] for r in rows]),
        "hazard": np.array([r[6] for r in rows]),
        "load": np.array([r[7] for r in rows]),
        "trend": np.array([r[8] for r in rows]),
    }


def _field(rng: np.random.Generator, lat: np.ndarray, lng: np.ndarray, n_bumps: int, amp: float) -> np.ndarray:
    """A smooth log-scale surface: a sum of Gaussian bumps centred on random villages."""
    centres = rng.choice(lat.size, n_bumps, replace=False)
    a = rng.normal(0.0, amp, n_bumps)
    sigma = rng.uniform(0.1, 0.5, n_bumps)
    d2 = (lat[:, None] - lat[centres]) ** 2 + (lng[:, None] - lng[centres]) ** 2
    return (a * np.exp(-d2 / (2 * sigma**2))).sum(axis=1)


def _intensity(v: pd.DataFrame, prov: str, t: dict, seed: int) -> np.ndarray:
    """Expected open cases in a year per village × category for one province, scaled to its levels."""
    lat, lng = v["lat"].to_numpy(), v["lng"].to_numpy()
    prov_rng = rng_for(seed, "pmks-field", int(prov))
    common = _field(prov_rng, lat, lng, 8, 0.4)
    fields = np.column_stack([_field(prov_rng, lat, lng, 6, 0.5) for _ in CODES])
    log_mult = np.empty((len(v), len(CODES)))
    for kode_kab, idx in v.groupby("kode_kab", sort=True).indices.items():
        rng = rng_for(seed, "pmks-effects", int(kode_kab.replace(".", "")))
        kec_codes, kec_idx = np.unique(v["kode_kec"].to_numpy()[idx], return_inverse=True)
        kab_common = rng.normal(0.0, 0.3)
        kec_common = rng.normal(0.0, 0.25, kec_codes.size)[kec_idx]
        kab_cat = rng.normal(0.0, t["kab_sd"])
        kec_cat = rng.normal(0.0, 0.3, (kec_codes.size, len(CODES)))[kec_idx]
        noise = rng.normal(0.0, 0.3, (idx.size, len(CODES)))
        shared = (kab_common + kec_common + common[idx])[:, None] * t["load"]
        for kode, kabs in _ONLY_IN.items():
            if kode_kab not in kabs:
                kab_cat[CODES.index(kode)] = -np.inf
        log_mult[idx] = shared + kab_cat + kec_cat + fields[idx] + noise
    kel = v["is_kel"].to_numpy()[:, None]
    lam = v["pop25"].to_numpy()[:, None] * np.exp(log_mult) * np.where(kel, t["kel"], 1.0)
    level = rng_for(seed, "pmks-level", int(prov)).lognormal(0.0, 0.08, len(CODES))
    target = t["rate"] * level * v["pop25"].sum() / 1000.0
    return lam * np.divide(target, lam.sum(axis=0), out=np.zeros(len(CODES)), where=lam.sum(axis=0) > 0)


def _history(rng: np.random.Generator, t: dict) -> dict[str, np.ndarray]:
    """One kab/kota's history per year × category: multiplier of new cases and closure hazard.

    A verification drive ("verval") records many poverty-related cases in one year; a clean-up
    year closes many. Also returns which years had a drive, for the recording dates.
    """
    k, x = len(CODES), (YEARS - _MID_YEAR)[:, None]
    # Province-wide per category, then per kab, then per kab × category.
    trend = t["trend"] + _POP_GROWTH + rng.normal(0.0, 0.07) + rng.normal(0.0, 0.05, k)
    drive = rng.random(YEARS.size) < 0.15
    boost = np.where(drive, rng.uniform(1.3, 2.0, YEARS.size), 1.0)[:, None] ** (t["load"] >= 0.5)
    noise = rng.normal(0.0, 0.08, (YEARS.size, 1)) + rng.normal(0.0, 0.08, (YEARS.size, k))
    # Handling speed: the kab's own level, a drift over the years and year-to-year noise.
    base = t["hazard"] * rng.lognormal(0.0, 0.3)
    speed = np.exp(rng.normal(0.0, 0.08) * x + rng.normal(0.0, 0.12, (YEARS.size, 1)))
    cleanup = np.where(rng.random(YEARS.size) < 0.12, rng.uniform(1.8, 3.0, YEARS.size), 1.0)
    return {"new": np.exp(trend * x + noise) * boost, "hazard": base * speed * cleanup[:, None], "drive": drive}


def _catat_dates(rng: np.random.Generator, period: np.ndarray, cat: np.ndarray, drive: np.ndarray) -> np.ndarray:
    """Recording dates per case; disaster victims cluster around a few events.

    Period 0 is the opening "pendataan awal" (first half of 2018), period p the year YEARS[p - 1];
    half of a drive year's cases fall in the drive's six weeks.
    """
    n = period.size
    year = YEARS[np.maximum(period - 1, 0)]
    first = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    length = np.where(period == 0, 181, np.where(year % 4 == 0, 366, 365))
    dates = first + (rng.random(n) * length).astype(np.int64) * DAY
    window = first + rng.integers(0, 320, YEARS.size)[np.maximum(period - 1, 0)] * DAY
    in_drive = (period > 0) & drive[np.maximum(period - 1, 0)] & (rng.random(n) < 0.5)
    dates = np.where(in_drive, window + rng.integers(0, 42, n) * DAY, dates)
    n_events = 2 + rng.poisson(2.0)
    events = START + 30 + rng.integers(0, int((END - START) / DAY) - 60, n_events) * DAY
    pick = events[rng.choice(n_events, n, p=rng.dirichlet(np.ones(n_events)))]
    lag = np.floor(rng.exponential(10.0, n)).astype(np.int64) * DAY
    is_event = (period > 0) & np.isin(cat, _EVENT_CATS)
    return np.where(is_event, np.minimum(pick + lag, END), dates)


def _closing(rng: np.random.Generator, cat_idx: np.ndarray, catat: np.ndarray, hazard: np.ndarray) -> np.ndarray:
    """Closing dates (NaT while open) under a hazard that changes each 1 January (piecewise exponential)."""
    need = rng.exponential(1.0, cat_idx.size)
    selesai = np.full(cat_idx.size, np.datetime64("NaT"), dtype="datetime64[D]")
    open_ = np.ones(cat_idx.size, dtype=bool)
    for i, year in enumerate(YEARS):
        y0 = np.datetime64(f"{year}-01-01", "D")
        y1 = END + DAY if year == YEARS[-1] else np.datetime64(f"{year + 1}-01-01", "D")
        begin = np.maximum(catat, y0)
        years = np.maximum((y1 - begin) / DAY, 0.0) / 365.25
        h = hazard[i, cat_idx]
        done = open_ & (need < h * years)
        offset = np.floor(np.divide(need, h, out=np.zeros_like(need), where=h > 0) * 365.25).astype(np.int64)
        selesai[done] = np.minimum(begin[done] + offset[done] * DAY, y1 - DAY)
        need = np.where(open_ & ~done, need - h * years, need)
        open_ &= ~done
    return selesai


def _status(rng: np.random.Generator, cat_idx: np.ndarray, selesai: np.ndarray):
    """Status (an open case is active, being handled or referred) and source."""
    n = cat_idx.size
    referral = np.isin(np.array(CODES)[cat_idx], ("16", "17"))
    p_open = np.where(referral[:, None], [0.30, 0.30, 0.40], [0.55, 0.33, 0.12])
    u = rng.random(n)
    open_status = _STATUS_OPEN[(u[:, None] > np.cumsum(p_open, axis=1)[:, :2]).sum(axis=1)]
    status = np.where(np.isnat(selesai), open_status, "selesai")
    return status, _SUMBER[rng.choice(3, n, p=[0.6, 0.25, 0.15])]


def _ages(rng: np.random.Generator, cat_idx: np.ndarray, t: dict) -> np.ndarray:
    """Age in days at recording, kept 3 days inside the category's bounds (e.g. anak < 18)."""
    lo = np.where(t["age_lo"] > 0, t["age_lo"] * 365.25 + 3, 0)[cat_idx]
    hi = (t["age_hi"] * 365.25 - 3)[cat_idx]
    return np.floor(lo + (hi - lo) * rng.beta(t["beta_a"][cat_idx], t["beta_b"][cat_idx])).astype(np.int64)


def cases(villages: pd.DataFrame, prov: str, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(persons, cases) for one province; persons carry a local `pid` that cases refer to.

    villages: one province's rows with kode_desa, kode_kab, kode_kec, kec6, is_kel, lat, lng,
    pop25 (sorted by kode_desa).
    """
    t = _table(prov)
    lam = _intensity(villages, prov, t, seed)
    codes = np.array(CODES)
    person_frames, case_frames, next_pid = [], [], 0
    for kode_kab, idx in villages.groupby("kode_kab", sort=True).indices.items():
        rng = rng_for(seed, "pmks-cases", int(kode_kab.replace(".", "")))
        hist = _history(rng, t)
        lam_k, h0 = lam[idx], hist["hazard"].mean(axis=0)
        # Open when the register opened: the steady state of the first years' intake and closure.
        stock = rng.poisson(lam_k / (1.0 + h0) * hist["new"][:3].mean(axis=0))
        new = rng.poisson((lam_k * h0 / (1.0 + h0))[None] * hist["new"][:, None, :])
        flat = np.concatenate([stock[None], new]).ravel()
        cell = np.repeat(np.arange(flat.size), flat)
        period, rest = np.divmod(cell, idx.size * len(CODES))
        desa_pos, cat_idx = idx[rest // len(CODES)], rest % len(CODES)
        n = cat_idx.size
        catat = _catat_dates(rng, period, codes[cat_idx], hist["drive"])
        age = _ages(rng, cat_idx, t)
        female = rng.random(n) < t["female"][cat_idx]
        pid = next_pid + np.arange(n)
        next_pid += n

        # A small share of elderly/disabled people are also registered as fakir miskin.
        again = np.flatnonzero(np.isin(codes[cat_idx], ("08", "09")) & (rng.random(n) < 0.015))
        shift = rng.integers(-400, 401, again.size) * DAY
        catat2 = np.clip(catat[again] + shift, START, END)
        all_cat = np.concatenate([cat_idx, np.full(again.size, CODES.index("24"))])
        all_catat = np.concatenate([catat, catat2])
        selesai = _closing(rng, all_cat, all_catat, hist["hazard"])
        status, sumber = _status(rng, all_cat, selesai)

        person_frames.append(
            pd.DataFrame(
                {
                    "pid": pid,
                    "female": female,
                    "birth": birth_from_age(catat, age),
                    "kec6": villages["kec6"].to_numpy()[desa_pos],
                }
            )
        )
        case_frames.append(
            pd.DataFrame(
                {
                    "pid": np.concatenate([pid, pid[again]]),
                    "kode_desa": villages["kode_desa"].to_numpy()[np.concatenate([desa_pos, desa_pos[again]])],
                    "kode_pmks": codes[all_cat],
                    "tanggal_catat": all_catat,
                    "status": status,
                    "tanggal_selesai": selesai,
                    "sumber": sumber,
                }
            )
        )
    return pd.concat(person_frames, ignore_index=True), pd.concat(case_frames, ignore_index=True)
