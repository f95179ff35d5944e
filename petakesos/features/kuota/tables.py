"""The allocation as tables people read: per desa (screen and Excel), per kecamatan, before/after, the
Parameter sheet and the workbook, with small counts masked (and every figure that would give them back)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from petakesos import excel, fmt
from petakesos.allocate.engine import BEBAN_DEFINITION, METHOD_LABELS, NEED_LABELS, SUMMARY_LABELS, AllocationParams
from petakesos.features.cakupan import DEFINITION_NOTE, DEMO_NOTE, between, labelled, mask_small_cases
from petakesos.features.kuota.reasons import shown_reasons
from petakesos.features.kuota.text import ALLOC_LABELS, KEC_LABELS

# On screen the reason is read in full (a wrapping table), so only the figures it speaks of stand beside it.
SCREEN_ORDER = ("nama_desa", "nama_kec", "slot_baru", "alasan", "kasus", "psm", "psm_sesudah")


def kecamatan_summary(result: pd.DataFrame, suppress: bool = True) -> pd.DataFrame:
    """One row per kecamatan of an allocation: cases, PSM before/after, slots and desa without PSM. With
    `suppress` (the default: a caller that forgets cannot leak) a kecamatan holding desa with 1–4 cases
    shows its cases as the range they allow (cakupan.between), so total minus shown desa reveals none."""
    small = result["kasus"].between(1, 4)
    r = result.assign(
        tanpa_sebelum=result["psm"] == 0,
        tanpa_sesudah=result["psm_sesudah"] == 0,
        _shown=result["kasus"].where(~small, 0),
        _hidden=small,
    )
    g = (
        r.groupby(["kode_kec", "nama_kec"], sort=True)
        .agg(
            jumlah_desa=("kode_desa", "size"),
            kasus=("kasus", "sum"),
            psm=("psm", "sum"),
            slot_baru=("slot_baru", "sum"),
            psm_sesudah=("psm_sesudah", "sum"),
            tanpa_sebelum=("tanpa_sebelum", "sum"),
            tanpa_sesudah=("tanpa_sesudah", "sum"),
            _shown=("_shown", "sum"),
            _hidden=("_hidden", "sum"),
        )
        .reset_index()
    )
    if suppress and g["_hidden"].any():
        g["kasus"] = [between(int(a), int(b)) for a, b in zip(g["_shown"], g["_hidden"])]
    return g[list(KEC_LABELS)]


def allocation_table(
    result: pd.DataFrame, suppress: bool = False, screen: bool = False, only_slots: bool = False
) -> pd.DataFrame:
    """The allocation sheet: one row per desa with Indonesian headers, loads to 2 decimals, by code. For
    the `screen`: most slots first, the reason next to the desa and the figures it cites, optionally only
    the desa that got a slot (numbers stay numbers unless suppression turns a column into text)."""
    t = result.loc[result["slot_baru"] > 0] if only_slots else result.copy()
    t = t.assign(beban_sebelum=t["beban_sebelum"].round(2), beban_sesudah=t["beban_sesudah"].round(2))
    if suppress:
        t["alasan"] = shown_reasons(result).loc[t.index]
    if screen:
        t = t.sort_values(["slot_baru", "kasus", "kode_desa"], ascending=[False, False, True], kind="mergesort")
    else:
        t = t.sort_values("kode_desa", kind="mergesort")
    labels = {k: ALLOC_LABELS[k] for k in SCREEN_ORDER} if screen else ALLOC_LABELS
    return labelled(mask_small_cases(t, ["kasus", "beban_sebelum", "beban_sesudah"], suppress, screen), labels)


def summary_table(summary: dict, formatted: bool = True, suppress: bool = True) -> pd.DataFrame:
    """Before/after figures of `allocate.summarize` as rows (Ukuran, Sebelum, Sesudah): Indonesian text for
    the screen and terminal, plain numbers (loads to 1 decimal) with a Definisi column for Excel. With
    `suppress`, loads leave out desa with 1–4 cases and unserved cases are a range (explain.summarize)."""

    def value(key: str, v):
        if isinstance(v, tuple):  # unserved cases with desa hidden: the range they allow
            v = between(*v)
            return v if isinstance(v, str) or not formatted else fmt.number(v)
        if v is None:
            return fmt.MISSING if formatted else None
        if key.endswith("_load"):
            return fmt.decimal(v) if formatted else round(v, 1)
        return fmt.number(v) if formatted else v

    sides = summary["masked"] if suppress else summary
    rows = pd.DataFrame(
        [
            {
                "Ukuran": label,
                "Sebelum": value(key, sides["before"][key]),
                "Sesudah": value(key, sides["after"][key]),
            }
            for key, label in SUMMARY_LABELS.items()
        ]
    )
    if not formatted:
        rows["Definisi"] = [BEBAN_DEFINITION if key.endswith("_load") else "" for key in SUMMARY_LABELS]
    return rows


def summary_shown(summary: dict, suppress: bool = True) -> pd.DataFrame:
    """`summary_table` for the screen, indexed by Ukuran (a small HTML table: Sebelum and Sesudah)."""
    return summary_table(summary, suppress=suppress).set_index("Ukuran")


def summary_lines(summary: dict) -> list[str]:
    """Plain-text before → after lines for the command line."""
    rows = summary_table(summary, suppress=False)  # the command line is run by the data's own staff
    width = max(len(u) for u in rows["Ukuran"])
    return [f"{r.Ukuran:<{width}}  {r.Sebelum:>8} → {r.Sesudah}" for r in rows.itertuples()] + [BEBAN_DEFINITION]


def parameters(
    *,
    nama: str,
    kode: str,
    tahun: int,
    params: AllocationParams,
    names: Mapping[str, str],
    kec_names: Mapping[str, str],
    demo: bool,
    generated: str,
    suppress: bool = False,
) -> dict:
    """The Parameter sheet: everything needed to reproduce the allocation, in Indonesian."""
    quota = params.kecamatan_quota or {}
    out = {
        "Wilayah": nama,
        "Kode wilayah": kode,
        "Tahun data": tahun,
        "Jumlah slot PSM baru": fmt.number(params.slots),
        "Metode": f"{METHOD_LABELS[params.method]} ({params.method})",
        "Ukuran kebutuhan": f"{NEED_LABELS[params.need]} ({params.need})",
        "Batas slot baru per desa": "tidak ada" if params.max_per_desa is None else params.max_per_desa,
        "Desa dikecualikan": "; ".join(f"{names.get(k, k)} ({k})" for k in sorted(params.exclude)) or "tidak ada",
        "Kuota per kecamatan": "; ".join(f"Kec. {kec_names.get(k, k)}: {v}" for k, v in sorted(quota.items()))
        or "tidak ada",
    }
    if params.method == "webster_kecamatan" and not quota:
        out["Setiap kecamatan paling sedikit 1 slot"] = "ya" if params.floor_one else "tidak"
    out |= {
        "Definisi": DEFINITION_NOTE,
        "Beban kasus": BEBAN_DEFINITION,
        'Angka 1–4 disamarkan ("<5")': "ya" if suppress else "tidak",
        "Tanggal dibuat": generated,
        "Sumber": "Peta Kesos",
    }
    if demo:
        out["Catatan data"] = DEMO_NOTE
    return out


def kecamatan_table(result: pd.DataFrame, suppress: bool = True) -> pd.DataFrame:
    """`kecamatan_summary` with Indonesian headers, for the page and the Excel sheet."""
    return labelled(kecamatan_summary(result, suppress), KEC_LABELS)


def sheets(result: pd.DataFrame, summary: dict, suppress: bool = False) -> dict[str, pd.DataFrame]:
    """The workbook's sheets after Parameter: Alokasi (per desa), Ringkasan kecamatan, Sebelum-sesudah."""
    return {
        "Alokasi": allocation_table(result, suppress),
        "Ringkasan kecamatan": kecamatan_table(result, suppress),
        "Sebelum-sesudah": summary_table(summary, formatted=False, suppress=suppress),
    }


def workbook(result: pd.DataFrame, summary: dict, params: Mapping[str, object], suppress: bool = False) -> bytes:
    """XLSX: Parameter, then `sheets`."""
    return excel.workbook(sheets(result, summary, suppress), params)


def slot_values(result: pd.DataFrame) -> pd.DataFrame:
    """Map values of the allocation map: new slots per desa. No rank in the tooltip (peringkat empty): the
    one ranking a planner reads is the named one in each reason."""
    return pd.DataFrame(
        {
            "kode": result["kode_desa"].astype(str),
            "nilai": result["slot_baru"].astype("int64"),
            "peringkat": float("nan"),
        }
    )
