"""Words and figures about an allocation: the `alasan` sentence per desa, the before/after summary and
the one definition of the caseload ("beban kasus") that the page, the CLI and Excel all show.

With small numbers hidden, `masked_reasons` and the `_besar` figures of `summarize` say the same without
anything that gives a count of 1–4 back: "<5 kasus PMKS", no load or rate of such a desa (load × its PSM
is its count), no cut-off load (it may be such a desa's load) and no kecamatan need in Webster's text."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from petakesos.allocate.priority import caseload, desa_key


def fmt_int(n: int) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


def fmt_num(x: float) -> str:
    """12.345 -> '12,3'; whole numbers without decimals; Indonesian separators."""
    if math.isclose(x, round(x), abs_tol=0.05):
        return fmt_int(round(x))
    text = f"{x:,.1f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


BEBAN_DEFINITION = (
    "Beban kasus = kasus PMKS desa dibagi jumlah PSM aktifnya; desa tanpa PSM menanggung seluruh "
    "kasusnya sendiri (dibagi 1), sehingga kasus yang belum terlayani ikut dihitung dan PSM "
    "tambahan tidak pernah menaikkan beban."
)
TIE_BREAK = "diurutkan menurut kode desa (kode lebih kecil lebih dulu)"


def _need_text(kasus: int, need: float, no_pop: bool, need_mode: str) -> str:
    if need_mode == "kasus":
        return f"{fmt_int(kasus)} kasus PMKS"
    if no_pop:
        return f"{fmt_int(kasus)} kasus PMKS tanpa data penduduk (kebutuhan dianggap 0)"
    return f"{fmt_int(kasus)} kasus PMKS atau {fmt_num(need)} per 1.000 penduduk"


def _uncovered_ranks(ctx, pools: dict) -> tuple[dict[int, tuple], dict[int, int]]:
    """Per eligible desa without PSM: (first, last, of, tie size, tie split by the cut) of its rank by need
    in its pool (ties share the rank range); per pool: how many of them got a slot."""
    members: dict[int, list[int]] = {}
    for p, k in enumerate(ctx.kec):
        members.setdefault(id(pools[k]), []).append(p)
    rank: dict[int, tuple] = {}
    reached: dict[int, int] = {}
    for pid, ps in members.items():
        uncovered = sorted(
            (p for p in ps if ctx.psm[p] == 0 and ctx.cap[p] != 0), key=lambda p: (-ctx.need[p], ctx.kode[p])
        )
        groups: dict[float, list[int]] = {}
        for i, p in enumerate(uncovered, start=1):
            groups.setdefault(ctx.need[p], []).append(i)
        for p in uncovered:
            g = groups[ctx.need[p]]
            got = {ctx.slots[uncovered[j - 1]] > 0 for j in g}
            rank[p] = (g[0], g[-1], len(uncovered), len(g), len(got) == 2)
        reached[pid] = sum(1 for p in uncovered if ctx.slots[p] > 0)
    return rank, reached


def _rank_text(r: tuple, scope: str, order: str) -> tuple[str, str]:
    """'(peringkat 2–4 dari 5 desa tanpa PSM menurut jumlah kasus, seri 3 desa)' and the tie-break note."""
    first, last, of, size, split = r
    pos = str(first) if size == 1 else f"{first}–{last}"
    tie = "" if size == 1 else f", seri {size} desa"
    note = f"; slot habis di tengah kelompok seri ini, yang {TIE_BREAK}" if split else ""
    return f"(peringkat {pos} dari {of} desa tanpa PSM{scope} {order}{tie})", note


def _kec_share(kec_info: dict, k: str, nama_kec: str, need_word: str) -> str:
    n = kec_info["slots"].get(k, 0)
    if kec_info["mode"] == "quota":
        why = "kuota yang ditetapkan"
    elif kec_info.get("basis") == "all":
        why = f"semua desa sudah ber-PSM, jadi dibagi menurut seluruh {need_word}"
    else:
        why = f"dibagi menurut {need_word} di desa tanpa PSM"
    return f"; bagian Kec. {nama_kec}: {n} slot ({why})"


def reasons(
    frame: pd.DataFrame, ctx, pools: dict, kec_info: dict, exclude, rule: str, need_mode: str, slots: int
) -> list[str]:
    """One sentence per row of `frame` (sorted as ctx) saying why the desa got its slots or none."""
    kec_names = dict(zip(frame["kode_kec"], frame["nama_kec"]))
    no_pop = frame["_no_pop"].tolist()
    kasus = frame["_kasus"].tolist()
    per_1000 = need_mode == "per_1000"
    unit = "kasus per 1.000 penduduk per PSM" if per_1000 else "kasus per PSM"
    need_word = "kasus per 1.000 penduduk" if per_1000 else "kasus"
    order = "menurut kasus per 1.000 penduduk" if per_1000 else "menurut jumlah kasus"
    mode = kec_info["mode"]
    rank, reached = _uncovered_ranks(ctx, pools)

    out = []
    for p in range(len(ctx.kode)):
        k = ctx.kec[p]
        pool = pools[k]
        nama_kec = kec_names[k]
        scope = "" if mode == "global" else f" di Kec. {nama_kec}"
        s, psm, cap, need = ctx.slots[p], ctx.psm[p], ctx.cap[p], ctx.need[p]
        need_txt = _need_text(kasus[p], need, no_pop[p], need_mode)
        own_load = (
            f"bebannya {fmt_num(need)} kasus per 1.000 penduduk (seluruhnya)"
            if per_1000
            else f"beban kasusnya {fmt_num(need)} (seluruh kasusnya)"
        )
        if s > 0:
            note = ""
            if psm == 0 and rule == "cover":
                ranked, note = _rank_text(rank[p], scope, order)
                text = f"Mendapat {s} slot: belum ada PSM, {need_txt} {ranked}"
            elif psm == 0:
                text = f"Mendapat {s} slot: belum ada PSM, {need_txt}; {own_load} termasuk yang tertinggi{scope}"
            else:
                text = (
                    f"Mendapat {s} slot: {need_txt} dengan {psm} PSM, beban turun dari "
                    f"{fmt_num(kasus[p] / psm)} menjadi {fmt_num(kasus[p] / (psm + s))} kasus per PSM"
                )
            if psm == 0 and s > 1:
                text += f", beban menjadi {fmt_num(kasus[p] / s)} kasus per PSM"
            text += note
            if cap is not None and s == cap:
                text += f"; batas {cap} slot per desa tercapai"
            if mode != "global":
                text += _kec_share(kec_info, k, nama_kec, need_word)
            out.append(text + ".")
            continue
        if slots == 0:
            out.append("Tidak mendapat slot: tidak ada slot baru yang dibagikan.")
        elif ctx.kode[p] in exclude:
            out.append("Tidak mendapat slot: desa ini dikecualikan dari pembagian.")
        elif cap == 0:
            out.append("Tidak mendapat slot: batas slot baru per desa adalah 0.")
        elif pool.given == 0 and mode == "quota":
            out.append(f"Tidak mendapat slot: kuota Kec. {nama_kec} adalah 0 slot.")
        elif pool.given == 0 and mode == "webster":
            out.append(_webster_none(kec_info, k, nama_kec, need_word))
        elif psm == 0 and (rule == "cover" or need == 0):
            if rule == "minmax":
                out.append(
                    f"Tidak mendapat slot: belum ada PSM, tetapi tidak ada kebutuhan tercatat "
                    f"({need_txt}), sehingga slot diberikan ke desa dengan beban lebih tinggi."
                )
            else:
                ranked, note = _rank_text(rank[p], scope, order)
                tail = note or f", tetapi slot hanya cukup sampai peringkat {reached[id(pool)]}"
                out.append(f"Tidak mendapat slot: belum ada PSM, {need_txt} {ranked}{tail}.")
        elif no_pop[p] and per_1000:
            out.append(
                f"Tidak mendapat slot: sudah ada {psm} PSM dan data penduduk kosong, sehingga "
                f"kebutuhan per 1.000 penduduk dianggap 0."
            )
        else:
            own = desa_key(rule, need, psm)[0]
            if psm == 0:  # minmax only: cover ranks every desa without PSM above
                compare = _compare(own, pool.last_key, rule, unit, unserved=True)
                out.append(f"Tidak mendapat slot: belum ada PSM, {own_load}, {compare}{scope}.")
            else:
                out.append(_covered_without_slot(own, pool.last_key, psm, rule, unit, scope))
    return out


def _webster_none(kec_info: dict, k: str, nama_kec: str, need_word: str) -> str:
    cut, need = kec_info["last"][1], kec_info["need"][k]
    what = f"seluruh {need_word}nya" if kec_info.get("basis") == "all" else f"{need_word}nya di desa tanpa PSM"
    if math.isclose(need, cut):
        compare = f"sama dengan batas pembagian Webster ({fmt_num(cut)}), tetapi seri diputus menurut kode kecamatan"
    else:
        compare = f"di bawah batas pembagian Webster ({fmt_num(cut)})"
    return f"Tidak mendapat slot: Kec. {nama_kec} tidak mendapat bagian, karena {what} ({fmt_num(need)}) {compare}."


def _compare(own: float, cut: tuple[float, float], rule: str, unit: str, unserved: bool) -> str:
    if own < cut[0]:
        return f"di bawah batas {fmt_num(cut[0])} {unit}"
    if rule == "minmax" and not unserved:
        return (
            f"setara dengan batas {fmt_num(cut[0])} {unit}; seri diputus: desa tanpa PSM lebih dulu, "
            f"lalu kode desa (kode lebih kecil lebih dulu)"
        )
    return f"setara dengan batas {fmt_num(cut[0])} {unit}; seri diputus menurut kode desa (kode lebih kecil lebih dulu)"


def _covered_without_slot(own: float, cut: tuple[float, float], psm: int, rule: str, unit: str, scope: str) -> str:
    if math.isinf(cut[0]):
        return f"Tidak mendapat slot: sudah ada {psm} PSM, sedangkan slot{scope} habis untuk desa yang belum punya PSM."
    compare = _compare(own, cut, rule, unit, unserved=False)
    if rule == "cover":
        return (
            f"Tidak mendapat slot: sudah ada {psm} PSM; dengan satu PSM tambahan bebannya "
            f"{fmt_num(own)} {unit}, {compare}{scope}."
        )
    return f"Tidak mendapat slot: sudah ada {psm} PSM dengan beban {fmt_num(own)} {unit}, {compare}{scope}."


_NUM = r"\d[\d.]*(?:,\d+)?"
_UNIT = r"kasus(?: per 1\.000 penduduk)?(?: per PSM)?"
# Rewrites for the sentence of a desa with 1–4 cases: its count, and every figure computed from it.
_OWN = [
    (re.compile(r"\b[1-4] kasus PMKS"), "<5 kasus PMKS"),
    (re.compile(rf" atau {_NUM} per 1\.000 penduduk"), ""),
    (re.compile(rf"beban turun dari {_NUM} menjadi {_NUM} kasus per PSM"), "beban per PSM turun"),
    (re.compile(rf", beban menjadi {_NUM} kasus per PSM"), ""),
    (re.compile(rf"beban kasusnya {_NUM} \(seluruh kasusnya\)"), "beban kasusnya <5 (seluruh kasusnya)"),
    (re.compile(rf"bebannya {_NUM} kasus per 1\.000 penduduk \(seluruhnya\)"), "bebannya (disamarkan)"),
    (re.compile(rf"(bebannya|dengan beban) {_NUM} {_UNIT}"), r"\1 (disamarkan)"),
]
# Rewrites for every sentence: the cut-off (another desa's load) and a kecamatan's need (a sum of desa).
_ANY = [
    (re.compile(rf"batas {_NUM} {_UNIT}"), "batas pembagian"),
    (re.compile(rf"batas pembagian Webster \({_NUM}\)"), "batas pembagian Webster"),
    (re.compile(rf"(nya(?: di desa tanpa PSM)?) \({_NUM}\)"), r"\1"),
]


def masked_reason(text: str, kasus: int) -> str:
    """One `alasan` with small numbers hidden: see the module docstring."""
    for pattern, repl in (_OWN if 1 <= kasus <= 4 else []) + _ANY:
        text = pattern.sub(repl, text)
    return text


def masked_reasons(result: pd.DataFrame) -> pd.Series:
    """The `alasan` column of an `allocate` result with small numbers hidden."""
    kasus = pd.to_numeric(result["kasus"], errors="coerce").fillna(0).astype(int)
    return pd.Series([masked_reason(t, k) for t, k in zip(result["alasan"], kasus)], index=result.index)


SUMMARY_LABELS = {
    "desa_covered": "Desa dengan PSM",
    "desa_without_psm": "Desa tanpa PSM",
    "max_load": "Beban kasus tertinggi",
    "median_load": "Median beban kasus",
    "unserved_cases": "Kasus di desa tanpa PSM",
}


def summarize(result: pd.DataFrame) -> dict:
    """Before/after figures for an `allocate` result; loads are `caseload` over every desa.

    `masked` holds the same sides as they may be shown with small numbers hidden: loads over the desa with
    0 or 5+ cases only, and unserved cases as (sum over those desa, number of desa with 1–4 cases)."""

    def side(psm: np.ndarray, keep: np.ndarray) -> dict:
        has = psm > 0
        loads = caseload(kasus[keep], psm[keep])
        return {
            "desa_covered": int(has.sum()),
            "desa_without_psm": int((~has).sum()),
            "max_load": float(loads.max()) if loads.size else None,
            "median_load": float(np.median(loads)) if loads.size else None,
            "unserved_cases": int(kasus[~has & keep].sum()),
        }

    kasus = pd.to_numeric(result["kasus"], errors="coerce").fillna(0).to_numpy(dtype="float64")
    small = (kasus >= 1) & (kasus <= 4)
    every = np.ones(len(kasus), dtype=bool)
    before = pd.to_numeric(result["psm"], errors="coerce").fillna(0).to_numpy(dtype="int64")
    after = result["psm_sesudah"].to_numpy(dtype="int64")

    def masked(psm: np.ndarray) -> dict:
        out = side(psm, ~small)
        return out | {"unserved_cases": (out["unserved_cases"], int((small & (psm == 0)).sum()))}

    return {
        "desa_total": int(len(result)),
        "slots_used": int(result["slot_baru"].sum()),
        "before": side(before, every),
        "after": side(after, every),
        "masked": {"before": masked(before), "after": masked(after)},
    }
