"""Allocation rules: properties that must hold for every input, plus hand-worked examples."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from petakesos.allocate.engine import (
    METHOD_LABELS,
    METHODS,
    AllocationError,
    AllocationParams,
    allocate,
    summarize,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make_units(rows) -> pd.DataFrame:
    """rows: (kode_desa, kode_kec, kasus, psm[, penduduk]); names derived from the codes."""
    records = []
    for row in rows:
        kode, kec, kasus, psm, *pop = row
        records.append(
            {
                "kode_desa": kode,
                "nama_desa": f"Desa {kode}",
                "kode_kec": kec,
                "nama_kec": f"K{kec}",
                "penduduk": pop[0] if pop else 1000,
                "kasus": kasus,
                "psm": psm,
            }
        )
    return pd.DataFrame(records)


def slots_by_kode(result: pd.DataFrame) -> dict[str, int]:
    return dict(zip(result["kode_desa"], result["slot_baru"]))


def slots_by_kec(result: pd.DataFrame) -> dict[str, int]:
    return result.groupby("kode_kec")["slot_baru"].sum().to_dict()


# ---------------------------------------------------------------- strategies


@st.composite
def scenarios(draw, methods=METHODS, quota=False, small=False):
    """A random wilayah and a feasible request for it."""
    n_kec = draw(st.integers(1, 3 if small else 4))
    n = draw(st.integers(1, 4 if small else 25))
    pop = st.one_of(st.just(0), st.just(float("nan")), st.integers(50, 5000))
    min_psm = draw(st.sampled_from([0, 0, 1]))  # a third of the wilayah already fully covered
    rows = []
    for i in range(n):
        kec = f"01.01.{draw(st.integers(1, n_kec)):02d}"
        rows.append((f"{kec}.{2001 + i}", kec, draw(st.integers(0, 150)), draw(st.integers(min_psm, 3)), draw(pop)))
    units = make_units(rows)
    need = draw(st.sampled_from(["kasus", "per_1000"]))
    if need == "per_1000":
        assume((pd.to_numeric(units["penduduk"]) > 0).any())
    max_per_desa = draw(st.one_of(st.none(), st.integers(0, 4)))
    exclude = frozenset(draw(st.sets(st.sampled_from(list(units["kode_desa"])), max_size=n)))
    caps = {k: (0 if k in exclude else max_per_desa) for k in units["kode_desa"]}
    bound = min(10 * n, 6 if small else 10 * n)
    kecamatan_quota = None
    if quota:
        kecamatan_quota = {}
        for kec, codes in units.groupby("kode_kec")["kode_desa"]:
            room = [caps[c] for c in codes]
            limit = 10 if any(r is None for r in room) else sum(room)
            kecamatan_quota[kec] = draw(st.integers(0, limit))
        slots = sum(kecamatan_quota.values())
        assume(slots <= 10 * n)
    else:
        open_desa = n - len(exclude)
        room = math.inf if max_per_desa is None and open_desa else (max_per_desa or 0) * open_desa
        slots = draw(st.integers(0, int(min(room, bound))))
    params = AllocationParams(
        slots=slots,
        method=draw(st.sampled_from(methods)),
        need=need,
        max_per_desa=max_per_desa,
        exclude=exclude,
        kecamatan_quota=kecamatan_quota,
        floor_one=draw(st.booleans()),
    )
    return units, params


def with_slots(params: AllocationParams, slots: int) -> AllocationParams:
    return AllocationParams(
        slots=slots,
        method=params.method,
        need=params.need,
        max_per_desa=params.max_per_desa,
        exclude=params.exclude,
        kecamatan_quota=params.kecamatan_quota,
        floor_one=params.floor_one,
    )


def capacity(units: pd.DataFrame, params: AllocationParams) -> float:
    open_desa = [k for k in units["kode_desa"] if k not in params.exclude]
    if params.max_per_desa is None:
        return math.inf if open_desa else 0
    return params.max_per_desa * len(open_desa)


# ---------------------------------------------------------------- properties


@SETTINGS
@given(scenarios())
def test_slots_sum_to_n_and_respect_caps_and_exclusions(case):
    units, params = case
    result = allocate(units, params)
    assert list(result["kode_desa"]) == list(units["kode_desa"])  # one row per desa, input order
    assert result["slot_baru"].sum() == params.slots
    assert (result["slot_baru"] >= 0).all()
    if params.max_per_desa is not None:
        assert (result["slot_baru"] <= params.max_per_desa).all()
    excluded = result["kode_desa"].isin(params.exclude)
    assert (result.loc[excluded, "slot_baru"] == 0).all()
    assert (result["psm_sesudah"] == result["psm"] + result["slot_baru"]).all()
    assert result["alasan"].map(lambda s: isinstance(s, str) and s.endswith(".")).all()
    got = result["slot_baru"] > 0
    assert result.loc[got, "alasan"].str.startswith("Mendapat").all()
    assert result.loc[~got, "alasan"].str.startswith("Tidak mendapat slot").all()


@SETTINGS
@given(scenarios(methods=("satu_per_desa",)), st.data())
def test_enough_slots_cover_every_open_desa(case, data):
    # Only "one PSM per desa first" promises coverage. minmax_beban may rightly give a desa with 300
    # unserved cases a second PSM before a desa with 10 cases gets its first (see the hand examples).
    units, params = case
    open_uncovered = (units["psm"] == 0) & ~units["kode_desa"].isin(params.exclude)
    if params.max_per_desa == 0:
        open_uncovered &= False
    need = int(open_uncovered.sum())
    cap = capacity(units, params)
    assume(need <= min(cap, 10 * len(units)))
    slots = data.draw(st.integers(need, int(min(cap, 10 * len(units)))))
    result = allocate(units, with_slots(params, slots))
    assert (result.loc[open_uncovered, "psm_sesudah"] >= 1).all()


@SETTINGS
@given(scenarios())
def test_one_more_slot_never_takes_a_slot_away(case):
    units, params = case
    assume(params.slots + 1 <= min(capacity(units, params), 10 * len(units)))
    before = allocate(units, params)
    after = allocate(units, with_slots(params, params.slots + 1))
    a, b = slots_by_kode(before), slots_by_kode(after)
    assert all(b[k] >= a[k] for k in a)
    assert sum(b.values()) - sum(a.values()) == 1
    ka, kb = slots_by_kec(before), slots_by_kec(after)
    assert all(kb[k] >= ka[k] for k in ka)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_same_input_same_answer_whatever_the_row_order(case, rnd):
    units, params = case
    first = allocate(units, params)
    assert first.equals(allocate(units, params))
    order = list(range(len(units)))
    rnd.shuffle(order)
    shuffled = allocate(units.iloc[order].reset_index(drop=True), params)
    cols = ["slot_baru", "psm_sesudah", "alasan"]
    pd.testing.assert_frame_equal(
        first.set_index("kode_desa").sort_index()[cols], shuffled.set_index("kode_desa").sort_index()[cols]
    )


@SETTINGS
@given(scenarios(quota=True))
def test_kecamatan_quota_is_met_exactly(case):
    units, params = case
    result = allocate(units, params)
    by_kec = slots_by_kec(result)
    assert by_kec == {k: params.kecamatan_quota.get(k, 0) for k in by_kec}
    if params.max_per_desa is not None:
        assert (result["slot_baru"] <= params.max_per_desa).all()
    assert (result.loc[result["kode_desa"].isin(params.exclude), "slot_baru"] == 0).all()


@settings(SETTINGS, max_examples=400)
@given(scenarios(methods=("minmax_beban",), small=True))
def test_minmax_reaches_the_smallest_possible_largest_load(case):
    units, params = case
    params = AllocationParams(
        slots=params.slots, method="minmax_beban", max_per_desa=params.max_per_desa, exclude=params.exclude
    )  # loads in cases, as the brute force counts them
    result = allocate(units, params)
    kasus, psm = units["kasus"].tolist(), units["psm"].tolist()

    def worst(extra) -> float:  # beban kasus: a desa without PSM carries its own cases
        return max(c / max(p + e, 1) for c, p, e in zip(kasus, psm, extra))

    caps = [0 if k in params.exclude else params.max_per_desa for k in units["kode_desa"]]
    ranges = [range(0, params.slots + 1 if c is None else min(c, params.slots) + 1) for c in caps]
    best = min(worst(e) for e in itertools.product(*ranges) if sum(e) == params.slots)
    assert worst(result["slot_baru"].tolist()) == best


@SETTINGS
@given(scenarios(methods=("webster_kecamatan",)))
def test_webster_kecamatan_shares_match_highest_averages_reference(case):
    units, params = case
    params = AllocationParams(slots=params.slots, method="webster_kecamatan")  # no caps, no floor
    result = allocate(units, params)
    # Kecamatan weight: cases in its desa without PSM (unserved); all cases only when no kecamatan has any.
    need = units.assign(u=units["kasus"].where(units["psm"] == 0, 0)).groupby("kode_kec")["u"].sum()
    if need.sum() == 0:
        need = units.groupby("kode_kec")["kasus"].sum()
    # Every quotient need/(2s+1) of every kecamatan, best first; the first N are the seats.
    quotients = sorted(((-Fraction(int(v), 2 * s + 1), k) for k, v in need.items() for s in range(params.slots)))
    expected = {k: 0 for k in need.index}
    for _, k in quotients[: params.slots]:
        expected[k] += 1
    assert slots_by_kec(result) == expected


# ---------------------------------------------------------------- hand-worked examples

FOUR = make_units(
    [  # A, B have no PSM; C has 90 cases on 1 PSM; D 30 cases on 2 PSM
        ("01.01.01.2001", "01.01.01", 42, 0),
        ("01.01.01.2002", "01.01.01", 10, 0),
        ("01.01.01.2003", "01.01.01", 90, 1),
        ("01.01.01.2004", "01.01.01", 30, 2),
    ]
)


def test_satu_per_desa_by_hand():
    # Uncovered first: A (42), B (10). Then cases/(PSM+1) after adding:
    # C 90/2=45, A 42/2=21, D 30/3=10, B 10/2=5 -> C; then C 90/3=30 -> C; then C 90/4=22.5 > A 21 -> C.
    r4 = allocate(FOUR, AllocationParams(slots=4, method="satu_per_desa"))
    assert r4["slot_baru"].tolist() == [1, 1, 2, 0]
    r5 = allocate(FOUR, AllocationParams(slots=5, method="satu_per_desa"))
    assert r5["slot_baru"].tolist() == [1, 1, 3, 0]
    assert r4["alasan"][0] == (
        "Mendapat 1 slot: belum ada PSM, 42 kasus PMKS (peringkat 1 dari 2 desa tanpa PSM menurut jumlah kasus)."
    )
    r1 = allocate(FOUR, AllocationParams(slots=1, method="satu_per_desa"))
    assert r1["alasan"][1] == (
        "Tidak mendapat slot: belum ada PSM, 10 kasus PMKS (peringkat 2 dari 2 desa "
        "tanpa PSM menurut jumlah kasus), tetapi slot hanya cukup sampai peringkat 1."
    )


def test_minmax_by_hand():
    # Beban kasus: A 42 (no PSM: its own cases), B 10, C 90/1, D 30/2 = 15. Highest current load first:
    # C 90 -> 45; C 45 -> 30; A 42 (first PSM, still 42); A 42 -> 21. Then C 30 -> 22.5.
    r4 = allocate(FOUR, AllocationParams(slots=4, method="minmax_beban"))
    assert r4["slot_baru"].tolist() == [2, 0, 2, 0]
    assert r4["beban_sesudah"].max() == 30  # less than 30 needs 3 more for C and 2 for A: 5 slots
    r5 = allocate(FOUR, AllocationParams(slots=5, method="minmax_beban"))
    assert r5["slot_baru"].tolist() == [2, 0, 3, 0]
    assert r5["beban_sesudah"].max() == 22.5
    # Current load, not load after adding: A 10/1 = 10 beats B 18/2 = 9 (D'Hondt would pick B: 6 > 5).
    two = make_units([("01.01.01.2001", "01.01.01", 10, 1), ("01.01.01.2002", "01.01.01", 18, 2)])
    assert allocate(two, AllocationParams(slots=1, method="minmax_beban"))["slot_baru"].tolist() == [1, 0]


def test_max_per_desa_and_exclude_by_hand():
    params = AllocationParams(slots=3, method="satu_per_desa", max_per_desa=1, exclude=frozenset({"01.01.01.2001"}))
    result = allocate(FOUR, params)
    assert result["slot_baru"].tolist() == [0, 1, 1, 1]
    assert result["alasan"][0] == "Tidak mendapat slot: desa ini dikecualikan dari pembagian."
    assert "batas 1 slot per desa tercapai" in result["alasan"][2]


THREE_KEC = make_units(
    [
        ("01.01.01.2001", "01.01.01", 10, 0),
        ("01.01.02.2001", "01.01.02", 20, 0),
        ("01.01.03.2001", "01.01.03", 70, 0),
    ]
)


def test_webster_10_20_70_by_hand():
    # Quotients need/(2s+1): 70, 23.3 (70/3), 20, 14 (70/5), 10 (10/1), 10 (70/7; tie -> lower kode),
    # 7.8 (70/9), 6.7 (20/3), 6.4 (70/11), 5.4 (70/13) -> 1, 2, 7.
    result = allocate(THREE_KEC, AllocationParams(slots=10, method="webster_kecamatan"))
    assert result["slot_baru"].tolist() == [1, 2, 7]


def test_webster_floor_one_by_hand():
    units = make_units([("01.01.01.2001", "01.01.01", 1, 1), ("01.01.02.2001", "01.01.02", 100, 1)])
    plain = allocate(units, AllocationParams(slots=2, method="webster_kecamatan"))
    floored = allocate(units, AllocationParams(slots=2, method="webster_kecamatan", floor_one=True))
    assert plain["slot_baru"].tolist() == [0, 2]  # 100, then 100/3=33 > 1
    assert floored["slot_baru"].tolist() == [1, 1]
    assert "tidak mendapat bagian" in plain["alasan"][0]


def largest_remainder(needs: list[int], seats: int) -> list[int]:
    """Hamilton's method, for the Alabama-paradox comparison only."""
    quotas = [Fraction(n * seats, sum(needs)) for n in needs]
    out = [int(q) for q in quotas]
    by_remainder = sorted(range(len(needs)), key=lambda i: -(quotas[i] - out[i]))
    for i in by_remainder[: seats - sum(out)]:
        out[i] += 1
    return out


def test_largest_remainder_shows_alabama_paradox_webster_does_not():
    # Needs 1, 6, 11 (total 18). Hamilton, 7 seats: quotas .39, 2.33, 4.28 -> 0,2,4 + 1 to A -> 1,2,4.
    # 8 seats: quotas .44, 2.67, 4.89 -> 0,2,4 + C, B -> 0,3,5: A LOSES a seat although the house grew.
    assert largest_remainder([1, 6, 11], 7) == [1, 2, 4]
    assert largest_remainder([1, 6, 11], 8) == [0, 3, 5]
    # Webster: 11, 6, 3.7, 2.2, 2, 1.57, 1.22 -> 0,2,5; eighth seat 6/5 = 1.2 beats 1/1 -> 0,3,5.
    units = make_units(
        [("01.01.01.2001", "01.01.01", 1, 0), ("01.01.02.2001", "01.01.02", 6, 0), ("01.01.03.2001", "01.01.03", 11, 0)]
    )
    web = [
        allocate(units, AllocationParams(slots=n, method="webster_kecamatan"))["slot_baru"].tolist()
        for n in range(0, 12)
    ]
    assert web[7] == [0, 2, 5] and web[8] == [0, 3, 5]
    assert all(b >= a for prev, nxt in zip(web, web[1:]) for a, b in zip(prev, nxt))


def test_per_1000_ranks_by_rate_not_count():
    units = make_units(
        [
            ("01.01.01.2001", "01.01.01", 50, 0, 10_000),  # 5 per 1.000
            ("01.01.01.2002", "01.01.01", 20, 0, 1_000),  # 20 per 1.000
            ("01.01.01.2003", "01.01.01", 99, 0, 0),
        ]
    )  # no population -> need 0
    by_count = allocate(units, AllocationParams(slots=1, method="minmax_beban"))
    by_rate = allocate(units, AllocationParams(slots=1, method="minmax_beban", need="per_1000"))
    assert by_count["slot_baru"].tolist() == [0, 0, 1]
    assert by_rate["slot_baru"].tolist() == [0, 1, 0]
    assert "tanpa data penduduk" in by_rate["alasan"][2]


def test_summarize_by_hand():
    result = allocate(FOUR, AllocationParams(slots=4, method="satu_per_desa"))  # slots 1, 1, 2, 0
    s = summarize(result)
    assert s["slots_used"] == 4 and s["desa_total"] == 4
    assert s["before"] == {
        "desa_covered": 2,
        "desa_without_psm": 2,
        "max_load": 90.0,
        "median_load": 28.5,
        "unserved_cases": 52,
    }  # loads 42, 10, 90, 15
    assert s["after"] == {
        "desa_covered": 4,
        "desa_without_psm": 0,
        "max_load": 42.0,
        "median_load": 22.5,
        "unserved_cases": 0,
    }  # loads 42, 10, 30, 15


# ---------------------------------------------------------------- beban kasus, Webster weights, ties

FEW = make_units(
    [  # three desa without PSM and only two slots
        ("01.01.01.2001", "01.01.01", 100, 0),
        ("01.01.01.2002", "01.01.01", 10, 0),
        ("01.01.01.2003", "01.01.01", 12, 0),
    ]
)


def test_minmax_improves_on_satu_per_desa_when_slots_are_fewer_than_unserved_desa():
    # satu_per_desa covers the two largest: A and C; A's 100 cases stay on one PSM -> largest load 100.
    # minmax: A carries 100 (its own cases) -> first PSM (still 100) -> second PSM -> 50; B 10, C 12 wait.
    satu = allocate(FEW, AllocationParams(slots=2, method="satu_per_desa"))
    minmax = allocate(FEW, AllocationParams(slots=2, method="minmax_beban"))
    assert satu["slot_baru"].tolist() == [1, 0, 1]
    assert minmax["slot_baru"].tolist() == [2, 0, 0]
    assert summarize(satu)["after"]["max_load"] == 100.0
    assert summarize(minmax)["after"]["max_load"] == 50.0
    assert minmax["beban_sesudah"].tolist() == [50.0, 10.0, 12.0]  # unserved desa carry their own cases
    assert minmax["alasan"][2] == (
        "Tidak mendapat slot: belum ada PSM, beban kasusnya 12 (seluruh kasusnya), di bawah batas 100 kasus per PSM."
    )


def test_covering_a_desa_never_looks_like_a_deterioration():
    # X: 100 cases, no PSM; Y: 20 cases on 1 PSM. Covering X used to raise "the largest load" 20 -> 100.
    units = make_units([("01.01.01.2001", "01.01.01", 100, 0), ("01.01.01.2002", "01.01.01", 20, 1)])
    s = summarize(allocate(units, AllocationParams(slots=1, method="satu_per_desa")))
    assert (s["before"]["max_load"], s["after"]["max_load"]) == (100.0, 100.0)
    assert (s["before"]["median_load"], s["after"]["median_load"]) == (60.0, 60.0)


@SETTINGS
@given(scenarios())
def test_new_slots_never_raise_a_caseload(case):
    units, params = case
    result = allocate(units, params)
    assert result["beban_sebelum"].notna().all() and result["beban_sesudah"].notna().all()
    assert (result["beban_sesudah"] <= result["beban_sebelum"]).all()
    s = summarize(result)
    assert s["after"]["max_load"] <= s["before"]["max_load"]


def test_webster_shares_by_unserved_cases():
    # Kec 01: 2001 has 100 cases on 5 PSM (served), 2002 10 cases without PSM; Kec 02: 2001 40 without PSM.
    # By unserved cases 10 vs 40: quotients 40, 13.3 (40/3), 10 -> Kec 02 two slots, Kec 01 one.
    # (By all cases, 110 vs 40, Kec 01 would get two and the served desa a slot.)
    units = make_units(
        [
            ("01.01.01.2001", "01.01.01", 100, 5),
            ("01.01.01.2002", "01.01.01", 10, 0),
            ("01.01.02.2001", "01.01.02", 40, 0),
        ]
    )
    result = allocate(units, AllocationParams(slots=3, method="webster_kecamatan"))
    assert result["slot_baru"].tolist() == [0, 1, 2]
    assert result["alasan"][1].endswith("bagian Kec. K01.01.01: 1 slot (dibagi menurut kasus di desa tanpa PSM).")


def test_webster_uses_all_cases_when_every_desa_has_psm():
    # Nothing unserved anywhere: weights are all cases, 10 vs 90 -> 90, 30 (90/3) -> both to Kec 02.
    units = make_units([("01.01.01.2001", "01.01.01", 10, 1), ("01.01.02.2001", "01.01.02", 90, 1)])
    result = allocate(units, AllocationParams(slots=2, method="webster_kecamatan"))
    assert result["slot_baru"].tolist() == [0, 2]
    assert result["alasan"][1].endswith(
        "bagian Kec. K01.01.02: 2 slot (semua desa sudah ber-PSM, jadi dibagi menurut seluruh kasus)."
    )


TIE = make_units(
    [  # five desa without PSM; three tie at 30 cases around the third slot
        ("01.01.01.2001", "01.01.01", 50, 0),
        ("01.01.01.2002", "01.01.01", 30, 0),
        ("01.01.01.2003", "01.01.01", 30, 0),
        ("01.01.01.2004", "01.01.01", 30, 0),
        ("01.01.01.2005", "01.01.01", 10, 0),
    ]
)


def test_a_tie_at_the_cut_is_named_and_broken_by_kode_desa():
    result = allocate(TIE, AllocationParams(slots=3, method="satu_per_desa"))
    assert result["slot_baru"].tolist() == [1, 1, 1, 0, 0]
    tie = (
        "(peringkat 2–4 dari 5 desa tanpa PSM menurut jumlah kasus, seri 3 desa); slot habis di tengah "
        "kelompok seri ini, yang diurutkan menurut kode desa (kode lebih kecil lebih dulu)."
    )
    assert result["alasan"][0] == (
        "Mendapat 1 slot: belum ada PSM, 50 kasus PMKS (peringkat 1 dari 5 desa tanpa PSM menurut jumlah kasus)."
    )
    assert result["alasan"][1] == "Mendapat 1 slot: belum ada PSM, 30 kasus PMKS " + tie
    assert result["alasan"][2] == "Mendapat 1 slot: belum ada PSM, 30 kasus PMKS " + tie
    assert result["alasan"][3] == "Tidak mendapat slot: belum ada PSM, 30 kasus PMKS " + tie
    assert result["alasan"][4] == (
        "Tidak mendapat slot: belum ada PSM, 10 kasus PMKS (peringkat 5 dari 5 desa "
        "tanpa PSM menurut jumlah kasus), tetapi slot hanya cukup sampai peringkat 3."
    )
    # A tie that the slots do not split is still named, without a word about breaking it.
    four = allocate(TIE, AllocationParams(slots=4, method="satu_per_desa"))
    assert four["alasan"][3] == (
        "Mendapat 1 slot: belum ada PSM, 30 kasus PMKS (peringkat 2–4 dari 5 desa "
        "tanpa PSM menurut jumlah kasus, seri 3 desa)."
    )


def test_a_minmax_tie_says_how_it_was_broken():
    units = make_units([("01.01.01.2001", "01.01.01", 7, 0), ("01.01.01.2002", "01.01.01", 7, 0)])
    result = allocate(units, AllocationParams(slots=1, method="minmax_beban"))
    assert result["alasan"][1] == (
        "Tidak mendapat slot: belum ada PSM, beban kasusnya 7 (seluruh kasusnya), "
        "setara dengan batas 7 kasus per PSM; seri diputus menurut kode desa (kode "
        "lebih kecil lebih dulu)."
    )


@pytest.mark.parametrize("method", METHODS)
def test_ties_go_to_the_lower_kode_desa(method):
    units = make_units([("01.01.01.2002", "01.01.01", 7, 0), ("01.01.01.2001", "01.01.01", 7, 0)])
    result = allocate(units, AllocationParams(slots=1, method=method))
    assert slots_by_kode(result) == {"01.01.01.2001": 1, "01.01.01.2002": 0}


def test_methods_have_labels():
    assert set(METHOD_LABELS) == set(METHODS)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("slots", [-1, "abc", 41, 10**9, 2.5, None, True])
def test_bad_slot_counts_are_refused_in_indonesian(slots):
    with pytest.raises(AllocationError, match="Jumlah slot harus bilangan bulat 0 sampai 40"):
        allocate(FOUR, AllocationParams(slots=slots, method="satu_per_desa"))


def test_slot_bound_is_capped_at_100000():
    big = make_units([(f"01.01.01.{i:05d}", "01.01.01", 1, 0) for i in range(10_001)])
    with pytest.raises(AllocationError, match="0 sampai 100.000"):
        allocate(big, AllocationParams(slots=100_001, method="minmax_beban"))


def test_empty_wilayah_is_refused():
    with pytest.raises(AllocationError, match="tidak memiliki desa/kelurahan"):
        allocate(FOUR.iloc[0:0], AllocationParams(slots=1, method="satu_per_desa"))


def test_per_1000_without_population_is_refused():
    units = FOUR.assign(penduduk=[0, np.nan, 0, np.nan])
    with pytest.raises(AllocationError, match="penduduk tidak tersedia"):
        allocate(units, AllocationParams(slots=1, method="satu_per_desa", need="per_1000"))


def test_unknown_method_lists_the_methods():
    with pytest.raises(AllocationError, match="satu_per_desa, webster_kecamatan, minmax_beban"):
        allocate(FOUR, AllocationParams(slots=1, method="undian"))


def test_more_slots_than_capacity_is_refused():
    with pytest.raises(AllocationError, match="kapasitas hanya 6 slot"):
        allocate(
            FOUR, AllocationParams(slots=7, method="minmax_beban", max_per_desa=2, exclude=frozenset({"01.01.01.2001"}))
        )
    with pytest.raises(AllocationError, match="semua desa dikecualikan"):
        allocate(FOUR, AllocationParams(slots=1, method="minmax_beban", exclude=frozenset(FOUR["kode_desa"])))


def test_bad_quota_is_refused():
    with pytest.raises(AllocationError, match="harus sama dengan jumlah slot"):
        allocate(THREE_KEC, AllocationParams(slots=3, method="webster_kecamatan", kecamatan_quota={"01.01.01": 1}))
    with pytest.raises(AllocationError, match="tidak ada di wilayah ini"):
        allocate(THREE_KEC, AllocationParams(slots=1, method="webster_kecamatan", kecamatan_quota={"99.99.99": 1}))
    with pytest.raises(AllocationError, match="melebihi kapasitas"):
        allocate(
            THREE_KEC,
            AllocationParams(slots=2, method="satu_per_desa", max_per_desa=1, kecamatan_quota={"01.01.01": 2}),
        )
