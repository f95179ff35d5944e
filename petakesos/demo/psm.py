"""Synthetic PSM register (export (b)) and PSM training (export (c)) per kabupaten/kota.

Most kab/kota get a random plan (coverage, SK batches, Bimtek events). Five kabupaten follow
hand-written plans so the demo reproduces known real figures (Tuban's 328 PSM, Lampung Selatan's
27 → 77, Lamongan's Bimtek for 50 PSM on 18 Sept 2024, Wonogiri's and Lumajang's Bimtek dates).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from petakesos.demo.people import DAY, END, birth_from_age, make_phones, rng_for

DASAR, LANJUTAN, DIKLAT = "Bimtek Dasar", "Bimtek Lanjutan", "Diklat Pendamping"
_CERT_TAG = {DASAR: "BD", LANJUTAN: "BL", DIKLAT: "DP"}


def _d(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


@dataclass(frozen=True)
class Event:
    """One training event; participants are an exact number or a share of those eligible."""

    jenis: str
    start: str
    days: int
    organiser: str  # "kab", "prov" or a literal organiser name
    n: int | None = None
    share: float = 0.0
    n_pass: int | None = None
    pass_rate: float = 0.93
    cert_rate: float = 1.0
    sk_from: str | None = None  # invite only PSM appointed on or after this date


@dataclass(frozen=True)
class Plan:
    """SK batches as (date, number of newly covered desa), then extra PSM, leavers and training."""

    batches: tuple[tuple[str, int], ...]
    events: tuple[Event, ...]
    doubles: float = 0.0
    n_inactive: int = 0
    inactive_from: str | None = None


PLANS: dict[str, Plan] = {
    # Tuban: one PSM in each of the 328 desa/kelurahan, SK 2022, Bimtek Dasar Nov 2022 (~90 % pass).
    "35.23": Plan(
        batches=(("2022-08-01", 328),),
        events=(
            Event(DASAR, "2022-11-14", 4, "kab", n=312, n_pass=295),
            Event(LANJUTAN, "2024-05-20", 3, "prov", share=0.15, pass_rate=0.95),
        ),
        n_inactive=6,
        inactive_from="2024-01-01",
    ),
    # Lampung Selatan: 27 PSM before 2025, 50 more in 2025 (77 desa of 260).
    "18.01": Plan(
        batches=(("2019-04-15", 12), ("2023-03-06", 15), ("2025-02-17", 50)),
        events=(
            Event(DASAR, "2019-10-21", 3, "prov", n=12, n_pass=11),
            Event(DASAR, "2023-06-12", 3, "kab", n=16, n_pass=14),
            Event(DASAR, "2025-07-14", 3, "kab", n=30, n_pass=28, cert_rate=0.93, sk_from="2025-01-01"),
        ),
    ),
    # Lamongan: ~60 % of desa; a one-day Bimtek Dasar for exactly 50 PSM on 18 Sept 2024.
    "35.24": Plan(
        batches=(("2016-02-01", 95), ("2019-03-11", 90), ("2022-01-17", 70), ("2025-01-20", 29)),
        events=(
            Event(DASAR, "2017-08-14", 3, "prov", share=0.7),
            Event(DASAR, "2020-10-05", 2, "kab", share=0.5),
            Event(LANJUTAN, "2023-07-10", 2, "prov", share=0.2, pass_rate=0.96),
            Event(DASAR, "2024-09-18", 1, "kab", n=50, n_pass=50),
        ),
        doubles=0.05,
        n_inactive=8,
    ),
    # Wonogiri: Bimtek Dasar starting 7 June 2022.
    "33.12": Plan(
        batches=(("2016-05-02", 110), ("2019-09-16", 80), ("2021-11-01", 60)),
        events=(
            Event(DASAR, "2018-03-12", 3, "prov", share=0.6),
            Event(DASAR, "2022-06-07", 3, "kab", share=0.75, cert_rate=0.9),
            Event(LANJUTAN, "2024-02-19", 2, "kab", share=0.2),
        ),
        doubles=0.04,
        n_inactive=10,
    ),
    # Lumajang: Bimtek Dasar starting 26 June 2025.
    "35.08": Plan(
        batches=(("2018-01-15", 60), ("2021-03-01", 55), ("2024-02-05", 30)),
        events=(
            Event(DASAR, "2021-09-13", 3, "kab", share=0.6),
            Event(DASAR, "2025-06-26", 3, "kab", share=0.8),
        ),
        doubles=0.03,
        n_inactive=5,
    ),
}


def random_plan(rng: np.random.Generator, n_villages: int) -> Plan:
    """A plausible, varied plan: 25–100 % coverage, 2–4 SK batches 2015–2025, 1–3 Bimtek Dasar."""
    covered = int(round(rng.uniform(0.25, 1.0) * n_villages))
    years = np.sort(rng.choice(np.arange(2015, 2026), rng.integers(2, 5), replace=False))
    sk_dates = [_d(f"{y}-01-01") + int(rng.integers(0, 365)) * DAY for y in years]
    sizes = rng.multinomial(covered, rng.dirichlet(np.full(years.size, 2.0)))
    batches = tuple((str(d), int(s)) for d, s in zip(sk_dates, sizes))

    # Each Bimtek Dasar follows an SK batch (weeks to ~18 months later), so most new PSM get a
    # chance; the share invited per event sets the kab's trained share (roughly 20–90 %).
    share = rng.uniform(0.25, 0.9)
    n_dasar = min(int(rng.integers(1, 4)), years.size)
    anchors = np.sort(rng.choice(years.size, n_dasar, replace=False, p=(sizes + 1) / (sizes + 1).sum()))
    events, last, used_years = [], sk_dates[0], set()
    for a in anchors:
        lag = rng.integers(3, 20) if rng.random() < 0.3 else rng.integers(20, 540)
        start = min(sk_dates[a] + int(lag) * DAY, _d("2025-12-15"))
        year = int(str(start)[:4])
        if year in used_years:
            continue
        used_years.add(year)
        last = max(last, start)
        organiser = "prov" if rng.random() < 0.2 else "kab"
        events.append(
            Event(
                DASAR,
                str(start),
                int(rng.integers(1, 5)),
                organiser,
                share=share,
                pass_rate=rng.uniform(0.82, 0.98),
                cert_rate=rng.uniform(0.6, 1.0),
            )
        )
    if rng.random() < 0.35:
        start = min(last + int(rng.integers(300, 700)) * DAY, _d("2025-12-15"))
        events.append(
            Event(
                LANJUTAN,
                str(start),
                2,
                "prov" if rng.random() < 0.5 else "kab",
                share=0.25,
                pass_rate=0.95,
                cert_rate=0.85,
            )
        )
    if rng.random() < 0.1:
        start = min(last + int(rng.integers(30, 400)) * DAY, _d("2025-12-15"))
        events.append(Event(DIKLAT, str(start), 5, "Kementerian Sosial RI", share=0.1, pass_rate=0.97))
    events.sort(key=lambda e: e.start)
    n_inactive = int(round(rng.uniform(0.0, 0.08) * covered))
    return Plan(batches, tuple(events), doubles=rng.uniform(0.0, 0.12), n_inactive=n_inactive)


def _neighbours(v: pd.DataFrame) -> np.ndarray:
    """Position of each village's nearest other village in the same kecamatan (itself if alone)."""
    out = np.arange(len(v))
    lat, lng = v["lat"].to_numpy(), v["lng"].to_numpy()
    for idx in v.groupby("kode_kec", sort=True).indices.values():
        if idx.size < 2:
            continue
        d2 = (lat[idx, None] - lat[idx]) ** 2 + (lng[idx, None] - lng[idx]) ** 2
        np.fill_diagonal(d2, np.inf)
        out[idx] = idx[d2.argmin(axis=1)]
    return out


def _appoint(rng: np.random.Generator, v: pd.DataFrame, plan: Plan, kode_kab: str) -> pd.DataFrame:
    """PSM rows (village position, SK, leaving date) for one kab/kota."""
    n_new = sum(size for _, size in plan.batches)
    kec_codes, kec_idx = np.unique(v["kode_kec"].to_numpy(), return_inverse=True)
    weight = np.exp(rng.normal(0.0, 0.8, kec_codes.size))[kec_idx]
    chosen = rng.choice(len(v), n_new, replace=False, p=weight / weight.sum())
    batch = np.repeat(np.arange(len(plan.batches)), [size for _, size in plan.batches])
    n_double = int(round(plan.doubles * n_new))
    pick = rng.choice(n_new, n_double, replace=False)
    later = np.array([rng.integers(b, len(plan.batches)) for b in batch[pick]], dtype=np.int64)
    pos = np.concatenate([chosen, chosen[pick]])
    batch = np.concatenate([batch, later])
    sk_dates = np.array([_d(d) for d, _ in plan.batches])
    sk_numbers = np.array([f"460/{rng.integers(100, 1000)}/KPTS/{kode_kab}/{d[:4]}" for d, _ in plan.batches])
    sk = sk_dates[batch]
    nonaktif = np.full(pos.size, np.datetime64("NaT"), dtype="datetime64[D]")
    leavers = rng.choice(pos.size, min(plan.n_inactive, pos.size), replace=False)
    lo = sk[leavers] + 180 * DAY
    if plan.inactive_from is not None:
        lo = np.maximum(lo, _d(plan.inactive_from))
    ok = lo < END
    span = ((END - lo[ok]) / DAY).astype(np.int64)
    nonaktif[leavers[ok]] = lo[ok] + (rng.random(span.size) * span).astype(np.int64) * DAY
    return pd.DataFrame({"pos": pos, "tanggal_sk": sk, "no_sk": sk_numbers[batch], "tanggal_nonaktif": nonaktif})


def _train(rng: np.random.Generator, psm: pd.DataFrame, plan: Plan, kode_kab: str, organisers: dict) -> pd.DataFrame:
    """Training rows (PSM row position, event, result) in event order."""
    passed_end = np.full(len(psm), np.datetime64("NaT"), dtype="datetime64[D]")
    sk = psm["tanggal_sk"].to_numpy()
    nonaktif = psm["tanggal_nonaktif"].to_numpy()
    rows = []
    for ev in plan.events:
        start = _d(ev.start)
        end = start + (ev.days - 1) * DAY
        active = (sk <= start) & (np.isnat(nonaktif) | (nonaktif > end))
        if ev.sk_from is not None:
            active &= sk >= _d(ev.sk_from)
        if ev.jenis == DASAR:
            eligible = np.flatnonzero(active & np.isnat(passed_end))
        else:
            eligible = np.flatnonzero(active & ~np.isnat(passed_end) & (passed_end < start))
        n = ev.n if ev.n is not None else int(round(ev.share * eligible.size))
        if n > eligible.size:
            raise ValueError(f"{kode_kab}: {ev.jenis} {ev.start} needs {n} PSM, {eligible.size} eligible")
        if n == 0:
            continue
        w = 1.0 + (start - sk[eligible]) / DAY / 365.0
        who = np.sort(rng.choice(eligible, n, replace=False, p=w / w.sum()))
        if ev.n_pass is not None:
            lulus = np.zeros(n, dtype=bool)
            lulus[rng.choice(n, ev.n_pass, replace=False)] = True
        else:
            lulus = rng.random(n) < ev.pass_rate
        cert = lulus & (rng.random(n) < ev.cert_rate)
        serial = np.cumsum(cert)
        year = ev.start[:4]
        cert_no = [
            f"{s:04d}/SERT-{_CERT_TAG[ev.jenis]}/{kode_kab}/{year}" if c else ""
            for s, c in zip(serial.tolist(), cert.tolist())
        ]
        if ev.jenis == DASAR:
            passed_end[who[lulus]] = end
        rows.append(
            pd.DataFrame(
                {
                    "row": who,
                    "jenis_pelatihan": ev.jenis,
                    "tanggal_mulai": start,
                    "tanggal_selesai": end,
                    "penyelenggara": organisers.get(ev.organiser, ev.organiser),
                    "lulus": np.where(lulus, "Y", "T"),
                    "no_sertifikat": cert_no,
                }
            )
        )
    if not rows:
        return pd.DataFrame({"row": np.array([], dtype=np.int64)})
    return pd.concat(rows, ignore_index=True)


def psm_for_kab(v: pd.DataFrame, kode_kab: str, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(psm, pelatihan) for one kab/kota; psm rows carry person fields, pelatihan refers to `row`.

    v: the kab's villages (kode_desa, kode_kec, kec6, lat, lng, nama_kab, nama_prov), sorted.
    """
    rng = rng_for(seed, "psm", int(kode_kab.replace(".", "")))
    plan = PLANS.get(kode_kab) or random_plan(rng, len(v))
    psm = _appoint(rng, v, plan, kode_kab)
    n = len(psm)
    age_days = np.floor(np.clip(rng.normal(41.0, 9.0, n), 20.0, 63.0) * 365.25).astype(np.int64)
    ktp = np.where(rng.random(n) < 0.05, _neighbours(v)[psm["pos"].to_numpy()], psm["pos"].to_numpy())
    desa = v["kode_desa"].to_numpy()
    psm = psm.assign(
        kode_desa=desa[psm["pos"].to_numpy()],
        kode_desa_ktp=desa[ktp],
        kec6=v["kec6"].to_numpy()[ktp],
        female=rng.random(n) < 0.45,
        birth=birth_from_age(psm["tanggal_sk"].to_numpy(), age_days),
        aktif=np.where(psm["tanggal_nonaktif"].isna(), "Y", "T"),
        no_hp=make_phones(rng, n),
    )
    organisers = {
        "kab": f"Dinas Sosial {v['nama_kab'].iloc[0]}",
        "prov": f"Dinas Sosial Provinsi {v['nama_prov'].iloc[0]}",
    }
    return psm.drop(columns="pos"), _train(rng, psm, plan, kode_kab, organisers)
