"""What the quota planner types and picks, checked and turned into `allocate` input: the scope, the
planning units (one row per desa), the slot number, the exclusion picker and the kecamatan quota editor."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from petakesos import fmt
from petakesos.allocate.engine import AllocationError, AllocationParams
from petakesos.features.cakupan import MSG, between
from petakesos.features.kuota.text import EXCLUDE_OPTION, QUOTA_LABELS

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
