"""Words and figures about an allocation: the `alasan` sentence per desa and the before/after summary."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def fmt_int(n: int) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


def fmt_num(x: float) -> str:
    """12.345 -> '12,3'; whole numbers without decimals; Indonesian separators."""
    if math.isclose(x, round(x), abs_tol=0.05):
        return fmt_int(round(x))
    text = f"{x:,.1f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _need_text(kasus: int, need: float, no_pop: bool, need_mode: str) -> str:
    if need_mode == "kasus":
        return f"{fmt_int(kasus)} kasus PMKS"
    if no_pop:
        return f"{fmt_int(kasus)} kasus PMKS tanpa data penduduk (kebutuhan dianggap 0)"
    return f"{fmt_int(kasus)} kasus PMKS atau {fmt_num(need)} per 1.000 penduduk"


def reasons(frame: pd.DataFrame, ctx, pools: dict, kec_info: dict, exclude, rule: str,
            need_mode: str, slots: int) -> list[str]:
    """One sentence per row of `frame` (sorted as ctx) saying why the desa got its slots or none."""
    from petakesos.allocate import desa_key  # the priority itself, so the text cannot drift from it

    kec_names = dict(zip(frame["kode_kec"], frame["nama_kec"]))
    no_pop = frame["_no_pop"].tolist()
    kasus = frame["_kasus"].tolist()
    unit = "kasus per PSM" if need_mode == "kasus" else "kasus per 1.000 penduduk per PSM"
    mode = kec_info["mode"]

    # Rank of each eligible desa without PSM inside its pool, by need (then kode), as the rules order them.
    rank: dict[int, tuple[int, int]] = {}
    reached: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for p, k in enumerate(ctx.kec):
        members.setdefault(id(pools[k]), []).append(p)
    for pid, ps in members.items():
        uncovered = sorted((p for p in ps if ctx.psm[p] == 0 and ctx.cap[p] != 0),
                           key=lambda p: (-ctx.need[p], ctx.kode[p]))
        for i, p in enumerate(uncovered, start=1):
            rank[p] = (i, len(uncovered))
        reached[pid] = sum(1 for p in uncovered if ctx.slots[p] > 0)

    out = []
    for p in range(len(ctx.kode)):
        k = ctx.kec[p]
        pool = pools[k]
        nama_kec = kec_names[k]
        scope = "" if mode == "global" else f" di Kec. {nama_kec}"
        s, psm, cap, need = ctx.slots[p], ctx.psm[p], ctx.cap[p], ctx.need[p]
        need_txt = _need_text(kasus[p], need, no_pop[p], need_mode)
        if s > 0:
            if psm == 0:
                r, m = rank[p]
                text = f"Mendapat {s} slot: belum ada PSM, {need_txt} (peringkat {r} dari {m} desa tanpa PSM{scope})"
                if s > 1:
                    text += f", beban menjadi {fmt_num(kasus[p] / s)} kasus per PSM"
            else:
                text = (f"Mendapat {s} slot: {need_txt} dengan {psm} PSM, beban turun dari "
                        f"{fmt_num(kasus[p] / psm)} menjadi {fmt_num(kasus[p] / (psm + s))} kasus per PSM")
            if cap is not None and s == cap:
                text += f"; batas {cap} slot per desa tercapai"
            if mode != "global":
                text += f"; bagian Kec. {nama_kec}: {kec_info['slots'][k]} slot"
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
            cut = kec_info["last"][1]
            out.append(f"Tidak mendapat slot: Kec. {nama_kec} tidak mendapat bagian, karena kebutuhannya "
                       f"({fmt_num(kec_info['need'][k])}) di bawah batas pembagian Webster ({fmt_num(cut)}).")
        elif psm == 0:
            if rule == "minmax" and need == 0:
                out.append(f"Tidak mendapat slot: belum ada PSM, tetapi tidak ada kebutuhan tercatat "
                           f"({need_txt}), sehingga slot diberikan ke desa dengan beban lebih tinggi.")
            else:
                r, m = rank[p]
                out.append(f"Tidak mendapat slot: belum ada PSM, {need_txt} (peringkat {r} dari {m} desa "
                           f"tanpa PSM{scope}), tetapi slot hanya cukup sampai peringkat {reached[id(pool)]}.")
        elif no_pop[p] and need_mode == "per_1000":
            out.append(f"Tidak mendapat slot: sudah ada {psm} PSM dan data penduduk kosong, sehingga "
                       f"kebutuhan per 1.000 penduduk dianggap 0.")
        else:
            out.append(_covered_without_slot(desa_key(rule, need, psm)[0], pool.last_key, psm, rule,
                                             unit, scope))
    return out


def _covered_without_slot(own: float, cut: tuple[float, float], psm: int, rule: str, unit: str,
                          scope: str) -> str:
    if math.isinf(cut[0]):
        return (f"Tidak mendapat slot: sudah ada {psm} PSM, sedangkan slot{scope} habis untuk desa "
                f"yang belum punya PSM.")
    if own < cut[0]:
        compare = f"di bawah batas {fmt_num(cut[0])} {unit}"
    else:
        compare = f"setara dengan batas {fmt_num(cut[0])} {unit}, tetapi kalah urutan"
    if rule == "cover":
        return (f"Tidak mendapat slot: sudah ada {psm} PSM; dengan satu PSM tambahan bebannya "
                f"{fmt_num(own)} {unit}, {compare}{scope}.")
    return f"Tidak mendapat slot: sudah ada {psm} PSM dengan beban {fmt_num(own)} {unit}, {compare}{scope}."


SUMMARY_LABELS = {
    "desa_covered": "Desa dengan PSM",
    "desa_without_psm": "Desa tanpa PSM",
    "max_load": "Beban tertinggi (kasus per PSM)",
    "median_load": "Median beban (kasus per PSM)",
    "unserved_cases": "Kasus di desa tanpa PSM",
}


def summarize(result: pd.DataFrame) -> dict:
    """Before/after figures for an `allocate` result; loads only over desa that have PSM."""

    def side(psm: np.ndarray) -> dict:
        has = psm > 0
        loads = kasus[has] / psm[has]
        return {
            "desa_covered": int(has.sum()),
            "desa_without_psm": int((~has).sum()),
            "max_load": float(loads.max()) if loads.size else None,
            "median_load": float(np.median(loads)) if loads.size else None,
            "unserved_cases": int(kasus[~has].sum()),
        }

    kasus = pd.to_numeric(result["kasus"], errors="coerce").fillna(0).to_numpy(dtype="float64")
    before = pd.to_numeric(result["psm"], errors="coerce").fillna(0).to_numpy(dtype="int64")
    return {
        "desa_total": int(len(result)),
        "slots_used": int(result["slot_baru"].sum()),
        "before": side(before),
        "after": side(result["psm_sesudah"].to_numpy(dtype="int64")),
    }
