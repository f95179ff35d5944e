"""The quota planner's inputs and outputs as pure functions: allocation units, checks on what the
planner typed, before/after summaries, reasons per desa and the Excel workbook.

Shared by pages/kuota.py and `python -m petakesos allocate`, so both use one workbook layout. Words live
in `text`; what the page draws (map, Parameter sheet, file name) in `view`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from petakesos import excel, fmt
from petakesos.allocate.engine import (
    BEBAN_DEFINITION,
    METHOD_LABELS,
    NEED_LABELS,
    SUMMARY_LABELS,
    AllocationError,
    AllocationParams,
)
from petakesos.allocate.explain import masked_reasons
from petakesos.features.cakupan import DEFINITION_NOTE, DEMO_NOTE, MSG, between, labelled, mask_small_cases
from petakesos.features.kuota.text import ALLOC_LABELS, EXCLUDE_OPTION, KEC_LABELS, QUOTA_LABELS

# On screen the reason is read in full (a wrapping table), so only the figures it speaks of stand beside it.
SCREEN_ORDER = ("nama_desa", "nama_kec", "slot_baru", "alasan", "kasus", "psm", "psm_sesudah")
# In the quota editor only the quota is typed; the kecamatan's figures beside it are read-only.
QUOTA_COLUMN = QUOTA_LABELS["kuota"]
QUOTA_READONLY = [label for key, label in QUOTA_LABELS.items() if key != "kuota"]


def check_scope(tingkat: str) -> None:
    """AllocationError unless the scope is one kabupaten/kota or kecamatan."""
    if tingkat not in ("kab", "kec"):
        raise AllocationError(MSG["scope"])


def scope_problem(tingkat: str) -> str | None:
    """The message the page shows instead of the planner when the scope is not a kabupaten/kota or kecamatan."""
    try:
        check_scope(tingkat)
    except AllocationError as exc:
        return str(exc)
    return None


def units(rows: pd.DataFrame) -> pd.DataFrame:
    """The `allocate` input (one row per desa) from cakupan_desa rows."""
    out = rows[["kode_desa", "nama_desa", "kode_kec", "nama_kec", "penduduk", "kasus", "psm_aktif"]]
    out = out.rename(columns={"psm_aktif": "psm"}).reset_index(drop=True)
    counts = {c: pd.to_numeric(out[c], errors="coerce").fillna(0).astype("int64") for c in ("kasus", "psm")}
    return out.assign(**counts)


def several_kecamatan(u: pd.DataFrame) -> bool:
    """Whether the units span more than one kecamatan (only then can quotas per kecamatan be set)."""
    return u["kode_kec"].nunique() > 1


def has_population(u: pd.DataFrame) -> bool:
    """Whether any desa of the planning units has a population figure."""
    return bool((pd.to_numeric(u["penduduk"], errors="coerce") > 0).any())


def parse_slots(text) -> int:
    """The number of new slots typed by a planner ('50', '1.000'); AllocationError (Indonesian) for an
    empty, negative or non-integer entry. The upper bound is checked by `allocate`."""
    raw = "" if text is None else str(text).strip()
    if raw == "":
        raise AllocationError(MSG["slots_empty"])
    if re.fullmatch(r"\d+|\d{1,3}(\.\d{3})+", raw):
        return int(raw.replace(".", ""))
    if re.fullmatch(r"-\s*\d+([.,]\d+)?", raw):
        raise AllocationError(MSG["slots_negative"].format(text=raw))
    raise AllocationError(MSG["slots_nan"].format(text=raw))


def desa_options(u: pd.DataFrame) -> dict[str, str]:
    """kode_desa → 'Nama (kode) — Kec. X', the choices of the exclusion picker."""
    return {
        k: EXCLUDE_OPTION.format(nama=n, kode=k, kec=kec)
        for k, n, kec in zip(u["kode_desa"], u["nama_desa"], u["nama_kec"])
    }


def allocation_params(
    slots_text,
    *,
    method: str,
    need: str,
    max_per_desa: float | None,
    exclude,
    quota: Mapping[str, int] | None,
    floor_one: bool,
) -> AllocationParams:
    """The planner's inputs as `AllocationParams`; AllocationError (Indonesian) for a bad slot number."""
    return AllocationParams(
        slots=parse_slots(slots_text),
        method=method,
        need=need,
        max_per_desa=None if max_per_desa is None else int(max_per_desa),
        exclude=frozenset(exclude),
        kecamatan_quota=quota,
        floor_one=floor_one,
    )


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
        t["alasan"] = masked_reasons(t)
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


def reason_of(result: pd.DataFrame, kode: str | None, suppress: bool = True) -> tuple[str, str] | None:
    """(desa name, alasan) of one desa of an allocation, for a map click; None if not in it."""
    hit = result.loc[result["kode_desa"] == kode]
    if hit.empty:
        return None
    reason = masked_reasons(hit) if suppress else hit["alasan"]
    return str(hit["nama_desa"].iloc[0]), str(reason.iloc[0])


def reason_line(result: pd.DataFrame, kode: str | None, suppress: bool = True) -> str | None:
    """'Sokogunung — Mendapat 1 slot: …' for a clicked desa, None if it is not in the allocation. Plain
    text from the database: the page shows it without Markdown."""
    picked = reason_of(result, kode, suppress)
    return None if picked is None else f"{picked[0]} — {picked[1]}"


def quota_frame(u: pd.DataFrame, suppress: bool = True) -> pd.DataFrame:
    """The kecamatan quota editor's table: one row per kecamatan with its figures (read-only, as Indonesian
    text: the editor cannot format numbers) and an empty quota; cases as a range where desa are hidden."""
    small = u["kasus"].between(1, 4) & suppress
    g = (
        u.assign(_tanpa=u["psm"] == 0, _shown=u["kasus"].where(~small, 0), _hidden=small)
        .groupby(["kode_kec", "nama_kec"], sort=True)
        .agg(
            desa=("kode_desa", "size"),
            tanpa=("_tanpa", "sum"),
            kasus=("kasus", "sum"),
            psm=("psm", "sum"),
            _shown=("_shown", "sum"),
            _hidden=("_hidden", "sum"),
        )
        .reset_index()
    )
    for col in ("desa", "tanpa", "kasus", "psm"):
        g[col] = g[col].map(fmt.number)
    hidden = g["_hidden"] > 0
    g.loc[hidden, "kasus"] = [
        between(int(a), int(b)) for a, b in zip(g.loc[hidden, "_shown"], g.loc[hidden, "_hidden"])
    ]
    g = g.drop(columns=["_shown", "_hidden"])
    g["kuota"] = pd.Series([None] * len(g), dtype="Int64")
    return g.rename(columns=QUOTA_LABELS)


def quota_from_editor(edited: pd.DataFrame) -> dict[str, int]:
    """{kode_kec: quota} from the edited quota table; an empty cell means 0 slots for that kecamatan."""
    codes = edited[QUOTA_LABELS["kode_kec"]].astype(str)
    quota = pd.to_numeric(edited[QUOTA_LABELS["kuota"]], errors="coerce").fillna(0)
    return {k: int(v) if float(v).is_integer() else float(v) for k, v in zip(codes, quota)}
