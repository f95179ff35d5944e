"""PSM coverage per desa as pure functions: status, caseload per PSM, headline and tables.

Shared by pages/cakupan.py, pages/kuota.py and `python -m petakesos allocate` (through petakesos/features/kuota),
so the pages, the command line and the Excel sheets use one definition of "covered" and one caseload rule.
Input rows come from queries/app/psm_kasus_by_desa.sql (one row per desa). Words live in `text`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from petakesos import fmt, maps
from petakesos.features.cakupan.text import (  # noqa: F401  (MSG, DEFINITION_NOTE: the planner and the CLI)
    AREA_LABELS,
    BELUM,
    DEFINITION_NOTE,
    DEMO_NOTE,
    DESA_LABELS,
    MSG,
    NAMES,
    NO_DATA_TOO,
    NO_PSM_LABEL,
    SMALL,
    TABLE_DIGITS,
    TABLE_TITLES,
    TANPA,
    TERCAKUP,
)

# Map value per status, worst darkest on a sequential palette; legend rows read in this order.
STATUS_VALUE = {TERCAKUP: 0, BELUM: 1, TANPA: 2}


# --- Coverage ---------------------------------------------------------------------------------------


def coverage(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per desa: the query columns plus status, beban (cases per PSM; NaN without PSM, never a
    division by zero) and kasus_tanpa_psm (the cases of a desa without PSM, unserved)."""
    out = rows.copy()
    psm = pd.to_numeric(out["psm_aktif"], errors="coerce").fillna(0).astype("int64")
    trained = pd.to_numeric(out["psm_terlatih"], errors="coerce").fillna(0).astype("int64")
    kasus = pd.to_numeric(out["kasus"], errors="coerce").fillna(0).astype("int64")
    out["psm_aktif"], out["psm_terlatih"], out["kasus"] = psm, trained, kasus
    out["status"] = np.select([psm == 0, trained == 0], [TANPA, BELUM], TERCAKUP)
    out["beban"] = kasus / psm.where(psm > 0)
    out["kasus_tanpa_psm"] = kasus.where(psm == 0, 0)
    return out


def totals(cov: pd.DataFrame) -> dict:
    """Headline figures of a coverage frame (loads only over desa that have PSM; None if none has).

    The `_besar` keys leave out the desa with 1–4 cases, for the screen with small numbers hidden: there a
    case total is shown as the range the hidden desa allow (`between`), and the highest and median load
    are those of the other desa, since a load times the (public) PSM count is the desa's case count."""
    has = cov["psm_aktif"] > 0
    small = cov["kasus"].between(1, 4)
    loads, big_loads = cov.loc[has, "beban"], cov.loc[has & ~small, "beban"]
    return {
        "desa": int(len(cov)),
        "psm": int(cov["psm_aktif"].sum()),
        "psm_terlatih": int(cov["psm_terlatih"].sum()),
        "tanpa": int((cov["status"] == TANPA).sum()),
        "belum": int((cov["status"] == BELUM).sum()),
        "tercakup": int((cov["status"] == TERCAKUP).sum()),
        "kasus": int(cov["kasus"].sum()),
        "kasus_tanpa_psm": int(cov["kasus_tanpa_psm"].sum()),
        "max_beban": float(loads.max()) if len(loads) else None,
        "median_beban": float(loads.median()) if len(loads) else None,
        "kasus_besar": (int(cov.loc[~small, "kasus"].sum()), int(small.sum())),
        "kasus_tanpa_psm_besar": (int(cov.loc[~small, "kasus_tanpa_psm"].sum()), int((small & ~has).sum())),
        "max_beban_besar": float(big_loads.max()) if len(big_loads) else None,
        "median_beban_besar": float(big_loads.median()) if len(big_loads) else None,
    }


def between(shown: int, hidden: int) -> str | int:
    """A total that includes `hidden` desa shown as "<5": the range it can take given the `shown` sum of
    the others ('217–220' for 216 plus one hidden desa), exactly what a reader could already work out.
    A rounded total could still give a hidden count back at the edge of its rounding interval; a range
    cannot. Without hidden desa, the total itself."""
    if hidden == 0:
        return shown
    return f"{fmt.number(shown + hidden)}–{fmt.number(shown + 4 * hidden)}"


def headline(t: dict) -> str:
    """'77 PSM untuk 260 desa/kelurahan — 183 tanpa PSM'."""
    return (
        f"{fmt.number(t['psm'])} PSM untuk {fmt.number(t['desa'])} desa/kelurahan — {fmt.number(t['tanpa'])} tanpa PSM"
    )


def by_area(cov: pd.DataFrame, level: str, suppress: bool = False, text: bool = False) -> pd.DataFrame:
    """One row per kecamatan ('kec') or kabupaten ('kab'): desa per status, PSM, cases and the caseload per
    PSM over the desa that have PSM; worst first (largest share of desa without PSM).

    With `suppress`, an area holding desa shown as "<5" shows its case totals and its load as the range
    they can take (`between`), so its total minus its shown desa gives no hidden count back."""
    kode, nama = f"kode_{level}", f"nama_{level}"
    small = cov["kasus"].between(1, 4)
    c = cov.assign(
        _tanpa=cov["status"] == TANPA,
        _belum=cov["status"] == BELUM,
        _cakup=cov["status"] == TERCAKUP,
        _served=cov["kasus"] - cov["kasus_tanpa_psm"],
        _kkasus=small,
        _kkasus_tanpa_psm=small & (cov["psm_aktif"] == 0),
        _k_served=small & (cov["psm_aktif"] > 0),
    )
    for col in ("kasus", "kasus_tanpa_psm", "_served"):
        c[f"_s{col}"] = c[col].where(~small, 0)
    g = (
        c.groupby([kode, nama], sort=True)
        .agg(
            jumlah_desa=("kode_desa", "size"),
            desa_tanpa_psm=("_tanpa", "sum"),
            desa_belum_terlatih=("_belum", "sum"),
            desa_tercakup=("_cakup", "sum"),
            psm_aktif=("psm_aktif", "sum"),
            psm_terlatih=("psm_terlatih", "sum"),
            kasus=("kasus", "sum"),
            _served=("_served", "sum"),
            kasus_tanpa_psm=("kasus_tanpa_psm", "sum"),
            **{f"_{p}{col}": (f"_{p}{col}", "sum") for p in "sk" for col in ("kasus", "kasus_tanpa_psm", "_served")},
        )
        .reset_index()
        .rename(columns={kode: "kode", nama: "nama"})
    )
    g["persen_tanpa_psm"] = (100.0 * g["desa_tanpa_psm"] / g["jumlah_desa"]).round(1)
    g["beban"] = (g["_served"] / g["psm_aktif"].where(g["psm_aktif"] > 0)).round(2)
    g = g.sort_values(["persen_tanpa_psm", "kasus_tanpa_psm", "kode"], ascending=[False, False, True])
    out = g[list(AREA_LABELS)].reset_index(drop=True)
    if not suppress:
        return out
    g = g.reset_index(drop=True)
    hidden = {"kasus": "_kkasus", "kasus_tanpa_psm": "_kkasus_tanpa_psm", "beban": "_k_served"}
    if text or (g[list(hidden.values())] > 0).any(axis=None):
        out = out.astype({col: object for col in hidden})
        for i, r in g.iterrows():
            for col in ("kasus", "kasus_tanpa_psm"):
                shown = between(int(r[f"_s{col}"]), int(r[hidden[col]]))
                out.at[i, col] = fmt.number(shown) if text and not isinstance(shown, str) else shown
            out.at[i, "beban"] = _load_range(r, text)
    return out


def _load_range(r: pd.Series, text: bool):
    """An area's cases per PSM, or the range it can take while some of its served desa are hidden."""
    psm, hidden, shown = r["psm_aktif"], int(r["_k_served"]), int(r["_s_served"])
    if psm <= 0:
        return fmt.MISSING if text else None
    if hidden == 0:
        return fmt.decimal(r["beban"], 2) if text else r["beban"]
    return f"{fmt.decimal((shown + hidden) / psm, 2)}–{fmt.decimal((shown + 4 * hidden) / psm, 2)}"


def status_values(cov: pd.DataFrame) -> pd.DataFrame:
    """Map values of the coverage map: nilai 0 covered, 1 PSM untrained, 2 no PSM; teks for the tooltip."""
    return pd.DataFrame(
        {
            "kode": cov["kode_desa"].astype(str),
            "nilai": cov["status"].map(STATUS_VALUE),
            "teks": cov["status"].astype(str),
        }
    )


def status_classes(values: pd.Series) -> maps.Classes:
    """Three fixed classes whose legend reads the statuses (maps.classify labels numbers only)."""
    v = pd.to_numeric(values, errors="coerce")
    proto = maps.Classes((0.0, 1.0, 2.0), 0.0, True, tuple(STATUS_VALUE), (), 0, ())
    counts, n_nd = proto.count(v)
    return maps.Classes(
        proto.bins, 0.0, True, tuple(STATUS_VALUE), tuple(counts), n_nd, tuple(int(i) for i in proto.assign(v))
    )


def load_values(cov: pd.DataFrame, suppress: bool = False) -> pd.DataFrame:
    """Map values of the caseload map: nilai = cases per PSM (NaN for a desa without PSM, drawn as the
    'Tanpa PSM (belum terlayani)' class) and teks = the tooltip of such a desa, with its unserved cases.
    With `suppress`, a desa with 1–4 cases has no load either (load × its PSM = its cases): '<5 kasus'."""
    unserved = cov["psm_aktif"] == 0
    small = cov["kasus"].between(1, 4) & suppress
    cases = cov["kasus"].map(lambda v: SMALL if suppress and 1 <= v <= 4 else fmt.number(v))
    teks = (NO_PSM_LABEL + ": " + cases + " kasus PMKS").where(unserved)
    teks = teks.where(unserved | ~small, SMALL + " kasus PMKS")
    nilai = cov["beban"].round(2).where(~small)
    return pd.DataFrame({"kode": cov["kode_desa"].astype(str), "nilai": nilai, "teks": teks})


def unserved_legend(cov: pd.DataFrame, map_codes) -> tuple[str, int]:
    """(legend label of the caseload map's places without a value, number of mapped desa without any
    figures). Those are unserved desa; desa truly without data are named too when there are any."""
    missing = len(set(map(str, map_codes)) - set(cov["kode_desa"].astype(str)))
    return (NO_PSM_LABEL + NO_DATA_TOO if missing else NO_PSM_LABEL), missing


def desa_table(cov: pd.DataFrame, suppress: bool, text: bool = True) -> pd.DataFrame:
    """Per-desa table with Indonesian headers, no-PSM desa first; case counts 1–4 (and the loads that
    would reveal them) become '<5' when `suppress`."""
    t = cov.sort_values(["psm_aktif", "kasus", "kode_desa"], ascending=[True, False, True]).copy()
    t["beban"] = t["beban"].round(2)
    t = mask_small_cases(t, ["kasus", "kasus_tanpa_psm", "beban"], suppress, text)
    return labelled(t, DESA_LABELS)


def coverage_tables(cov: pd.DataFrame, tingkat: str, suppress: bool, text: bool) -> dict[str, pd.DataFrame]:
    """The page's tables by title: per kabupaten (province or all), per kecamatan, per desa."""
    out = {}
    if tingkat in ("nasional", "prov"):
        kab = by_area(cov, "kab", suppress, text)
        out[TABLE_TITLES["kab"]] = labelled(kab, AREA_LABELS | {"nama": NAMES["nama_kab"]})
    out[TABLE_TITLES["kec"]] = labelled(by_area(cov, "kec", suppress, text), AREA_LABELS | {"nama": NAMES["nama_kec"]})
    out[TABLE_TITLES["desa"]] = desa_table(cov, suppress, text)
    return out


def click_text(cov: pd.DataFrame, kode: str | None, suppress: bool) -> str | None:
    """One plain line about a clicked desa (status, PSM, cases, load); None when the code is not in the
    frame. Names come from the database: the page shows the line without Markdown."""
    hit = cov.loc[cov["kode_desa"] == kode]
    if hit.empty:
        return None
    r = hit.iloc[0]
    small = suppress and 1 <= r["kasus"] <= 4
    load = "belum terlayani (tanpa PSM)" if r["psm_aktif"] == 0 else (SMALL if small else fmt.decimal(r["beban"]))
    return (
        f"{r['nama_desa']} (Kec. {r['nama_kec']}): {r['status']}; PSM aktif {fmt.number(r['psm_aktif'])} "
        f"(terlatih {fmt.number(r['psm_terlatih'])}); kasus PMKS {SMALL if small else fmt.number(r['kasus'])}; "
        f"kasus per PSM {load}."
    )


def coverage_parameters(*, nama: str, kode: str, tahun: int, suppress: bool, demo: bool, generated: str) -> dict:
    """The Parameter sheet of the coverage tables."""
    out = {
        "Wilayah": nama,
        "Kode wilayah": kode or "semua",
        "Tahun": tahun,
        "Definisi": DEFINITION_NOTE,
        'Angka 1–4 disamarkan ("<5")': "ya" if suppress else "tidak",
        "Tanggal dibuat": generated,
    }
    return out | ({"Catatan data": DEMO_NOTE} if demo else {})


def labelled(frame: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The columns named in `labels`, in that order, renamed to their headers."""
    return frame[list(labels)].rename(columns=dict(labels)).reset_index(drop=True)


def mask_small_cases(frame: pd.DataFrame, columns: list[str], suppress: bool, text: bool) -> pd.DataFrame:
    """Rows whose case count is 1–4 show '<5' in `columns` (a load would reveal the count). With `text`
    (screen tables) the whole column becomes Indonesian-formatted text, since a table column cannot mix
    numbers and text; without it (Excel) the other cells stay numbers."""
    if not suppress:
        return frame
    out = frame.copy()
    small = pd.to_numeric(out["kasus"], errors="coerce").between(1, 4)
    for col in columns:
        values = out[col].astype(object)
        if text:
            values = values.map(lambda v, c=col: fmt.decimal(v, 1) if c.startswith("beban") else fmt.number(v))
        out[col] = values.where(~small, SMALL)
    return out
