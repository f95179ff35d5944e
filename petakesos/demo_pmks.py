"""Synthetic PMKS cases (export (a)) with realistic, spatially clustered rates per category.

Rates are not uniform: each category has its own base rate, a kab/kota effect, a kecamatan effect,
a smooth field of Gaussian bumps over lat/lng, and a kelurahan multiplier; a shared "poverty"
component ties the poverty-driven categories together. Dates carry a per-kab trend.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakesos.demo_people import DAY, END, birth_from_age, rng_for

START = np.datetime64("2021-01-01", "D")
YEARS = np.arange(2021, 2026)
_STATUS_OPEN = np.array(["aktif", "ditangani", "dirujuk"])
_SUMBER = np.array(["SIKS-NG", "Musdes", "Laporan PSM"])

# kode: rate per 1,000 residents (rows 2021–2025), kelurahan multiplier, kab/kota sd (log),
# share female, age range in years at tanggal_catat, beta shape of age, closure hazard per year,
# loading on the shared poverty component.
_CATEGORIES: dict[str, tuple] = {
    "01": (0.10, 1.0, 0.5, 0.50, (0, 5), (1.0, 1.0), 0.60, 1.0),
    "02": (0.45, 1.0, 0.5, 0.50, (5, 18), (1.0, 1.0), 0.35, 1.0),
    "03": (0.05, 1.8, 0.6, 0.15, (12, 18), (2.0, 1.0), 0.80, 0.5),
    "04": (0.04, 6.0, 0.7, 0.30, (7, 18), (1.5, 1.0), 0.50, 0.5),
    "05": (0.30, 1.0, 0.4, 0.45, (1, 18), (1.0, 1.0), 0.15, 0.5),
    "06": (0.07, 1.5, 0.6, 0.60, (3, 18), (1.0, 1.0), 0.70, 0.5),
    "07": (0.06, 1.2, 0.6, 0.50, (3, 18), (1.0, 1.0), 0.50, 0.5),
    "08": (1.30, 0.8, 0.4, 0.60, (60, 95), (1.0, 2.5), 0.15, 1.0),
    "09": (1.70, 1.0, 0.35, 0.45, (18, 85), (2.0, 2.0), 0.10, 0.7),
    "10": (0.02, 5.0, 0.8, 0.90, (18, 45), (1.5, 2.0), 0.50, 0.3),
    "11": (0.03, 8.0, 0.8, 0.30, (18, 75), (2.0, 2.0), 0.50, 0.5),
    "12": (0.05, 6.0, 0.7, 0.50, (18, 80), (2.0, 1.5), 0.50, 0.5),
    "13": (0.06, 6.0, 0.7, 0.40, (18, 70), (2.0, 2.0), 0.30, 0.5),
    "14": (0.01, 1.0, 1.2, 0.50, (18, 70), (2.0, 2.0), 0.30, 0.0),
    "15": (0.06, 1.5, 0.6, 0.10, (20, 60), (2.0, 2.0), 0.50, 0.5),
    "16": (0.05, 2.5, 0.7, 0.40, (20, 55), (2.0, 2.0), 0.10, 0.3),
    "17": (0.06, 2.5, 0.7, 0.15, (18, 50), (1.5, 2.5), 0.40, 0.3),
    "18": (0.004, 1.0, 1.0, 0.80, (18, 40), (1.5, 2.5), 0.60, 0.3),
    "19": (0.09, 1.3, 0.5, 0.75, (18, 60), (2.0, 2.0), 0.60, 0.5),
    "20": (0.06, 0.6, 1.0, 0.70, (20, 50), (2.0, 2.0), 0.40, 0.5),
    "21": (0.35, 0.7, 1.2, 0.50, (0, 85), (1.3, 1.6), 0.90, 0.0),
    "22": (0.03, 1.0, 1.2, 0.50, (0, 80), (1.3, 1.6), 0.70, 0.0),
    "23": (0.65, 0.9, 0.4, 1.00, (18, 65), (2.0, 1.5), 0.20, 1.0),
    "24": (3.60, 0.6, 0.35, 0.45, (25, 85), (2.0, 2.0), 0.08, 1.0),
    "25": (0.20, 1.2, 0.5, 0.50, (20, 65), (2.0, 2.0), 0.40, 0.5),
    "26": (0.0, 0.0, 1.5, 0.50, (0, 85), (1.3, 1.6), 0.05, 0.0),
}
CODES = tuple(sorted(_CATEGORIES))
# Province adjustments of the base rate: KAT only outside Java, trafficking rarer in Java.
_PROV_RATE = {"18": {"26": 0.08, "18": 0.010, "20": 0.05}, "35": {"20": 0.075}}
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
    }


def _field(rng: np.random.Generator, lat: np.ndarray, lng: np.ndarray, n_bumps: int, amp: float) -> np.ndarray:
    """A smooth log-scale surface: a sum of Gaussian bumps centred on random villages."""
    centres = rng.choice(lat.size, n_bumps, replace=False)
    a = rng.normal(0.0, amp, n_bumps)
    sigma = rng.uniform(0.1, 0.5, n_bumps)
    d2 = (lat[:, None] - lat[centres]) ** 2 + (lng[:, None] - lng[centres]) ** 2
    return (a * np.exp(-d2 / (2 * sigma**2))).sum(axis=1)


def _intensity(v: pd.DataFrame, prov: str, t: dict, seed: int) -> np.ndarray:
    """Expected cases per village × category for one province, scaled to the province's rates."""
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


def _catat_dates(rng: np.random.Generator, cat: np.ndarray, n: int) -> np.ndarray:
    """Recording dates 2021–2025 with this kab's trend; disasters cluster around a few events."""
    trend = np.clip(rng.normal(0.0, 0.1), -0.25, 0.25)  # some kab improving, some worsening
    weights = np.array([0.85, 0.95, 1.0, 1.05, 1.1]) * np.exp(trend * (YEARS - 2023))
    year = YEARS[np.searchsorted(np.cumsum(weights / weights.sum()), rng.random(n), side="right").clip(0, 4)]
    first = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    length = np.where((year % 4 == 0), 366, 365)
    dates = first + (rng.random(n) * length).astype(np.int64) * DAY
    span = int((END - START) / DAY) - 30
    events = START + rng.integers(0, span, 3) * DAY
    is_event = np.isin(cat, _EVENT_CATS)
    pick = events[rng.choice(3, n, p=rng.dirichlet(np.ones(3)))]
    lag = np.floor(rng.exponential(10.0, n)).astype(np.int64) * DAY
    return np.where(is_event, np.minimum(pick + lag, END), dates)


def _status(rng: np.random.Generator, cat_idx: np.ndarray, catat: np.ndarray, t: dict, speed: float):
    """Status, closing date and source; closure follows a truncated exponential so it ends by 2025."""
    n = cat_idx.size
    h = t["hazard"][cat_idx] * speed
    remaining = (END - catat) / DAY / 365.25
    p_closed = 1.0 - np.exp(-h * remaining)
    closed = rng.random(n) < p_closed
    delay = -np.log1p(-rng.random(n) * p_closed) / h
    selesai = catat + np.floor(np.minimum(delay, remaining) * 365.25).astype(np.int64) * DAY
    referral = np.isin(np.array(CODES)[cat_idx], ("16", "17"))
    p_open = np.where(referral[:, None], [0.30, 0.30, 0.40], [0.55, 0.33, 0.12])
    u = rng.random(n)
    open_status = _STATUS_OPEN[(u[:, None] > np.cumsum(p_open, axis=1)[:, :2]).sum(axis=1)]
    status = np.where(closed, "selesai", open_status)
    sumber = _SUMBER[rng.choice(3, n, p=[0.6, 0.25, 0.15])]
    return status, np.where(closed, selesai, np.datetime64("NaT")), sumber


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
        counts = rng.poisson(lam[idx])
        flat = counts.ravel()
        cell = np.repeat(np.arange(flat.size), flat)
        desa_pos, cat_idx = idx[cell // len(CODES)], cell % len(CODES)
        n = cat_idx.size
        catat = _catat_dates(rng, codes[cat_idx], n)
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
        speed = rng.lognormal(0.0, 0.3)
        status, selesai, sumber = _status(rng, all_cat, all_catat, t, speed)

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
