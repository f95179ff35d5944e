"""PSM coverage per desa and the quota planner's inputs and outputs, as pure functions.

Shared by pages/cakupan.py, pages/kuota.py and `python -m petakesos allocate`, so the page, the command
line and the Excel sheet use one definition of "covered", one caseload rule and one workbook layout.
Input rows come from queries/app/cakupan_desa.sql (one row per desa).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from petakesos import excel, fmt, maps
from petakesos.allocate import METHOD_LABELS, NEED_LABELS, SUMMARY_LABELS, AllocationError, AllocationParams

TANPA, BELUM, TERCAKUP = "Tanpa PSM", "PSM belum terlatih", "Tercakup"
# Map value per status, worst darkest on a sequential palette; legend rows read in this order.
STATUS_VALUE = {TERCAKUP: 0, BELUM: 1, TANPA: 2}
SMALL = "<5"
DEMO_NOTE = "Data contoh (sintetis) — bukan data nyata"
DEFINITIONS = ("PSM dihitung bila SK bertanggal paling lambat 31 Desember dan masih aktif pada tanggal itu; "
               "kasus PMKS dihitung bila terbuka pada suatu waktu dalam tahun itu.")
MSG = {
    "scope": "Pilih satu kabupaten/kota atau kecamatan untuk merencanakan kuota PSM "
             "(bukan semua provinsi, satu provinsi, atau satu desa).",
    "unknown": "Wilayah {kode} tidak ada dalam daftar wilayah Kemendagri.",
    "no_data": "Tidak ada data desa/penduduk untuk {nama} pada tahun {tahun}, sehingga tidak ada yang dapat dibagi. "
               "Pilih tahun lain, atau impor data penduduk desa bila provinsinya belum memiliki data.",
    "no_pop": "Data penduduk desa untuk {nama} tidak tersedia; pembagian memakai jumlah kasus PMKS saja.",
    "slots_empty": "Isi jumlah slot PSM baru (bilangan bulat, mis. 50).",
    "slots_negative": "Jumlah slot PSM baru tidak boleh negatif; diterima: {text!r}.",
    "slots_nan": "Jumlah slot PSM baru harus bilangan bulat (mis. 50); diterima: {text!r}.",
}

# Indonesian headers (column → header) in display order, for tables and Excel sheets.
DESA_LABELS = {
    "kode_desa": "Kode desa", "nama_desa": "Desa/Kelurahan", "nama_kec": "Kecamatan", "status": "Status cakupan",
    "psm_aktif": "PSM aktif", "psm_terlatih": "PSM terlatih (Bimtek Dasar)", "kasus": "Kasus PMKS",
    "beban": "Kasus per PSM", "kasus_tanpa_psm": "Kasus tanpa PSM (belum terlayani)", "penduduk": "Penduduk",
}
AREA_LABELS = {
    "kode": "Kode", "nama": "Wilayah", "jumlah_desa": "Desa/kelurahan", "desa_tanpa_psm": "Tanpa PSM",
    "desa_belum_terlatih": "PSM belum terlatih", "desa_tercakup": "Tercakup",
    "persen_tanpa_psm": "% desa tanpa PSM", "psm_aktif": "PSM aktif", "psm_terlatih": "PSM terlatih",
    "kasus": "Kasus PMKS", "beban": "Kasus per PSM (desa ber-PSM)", "kasus_tanpa_psm": "Kasus tanpa PSM",
}
ALLOC_LABELS = {
    "kode_desa": "Kode desa", "nama_desa": "Desa/Kelurahan", "nama_kec": "Kecamatan", "penduduk": "Penduduk",
    "kasus": "Kasus PMKS", "psm": "PSM sebelum", "slot_baru": "Slot baru", "psm_sesudah": "PSM sesudah",
    "beban_sebelum": "Beban sebelum (kasus per PSM)", "beban_sesudah": "Beban sesudah (kasus per PSM)",
    "alasan": "Alasan",
}
SCREEN_ORDER = ("nama_desa", "nama_kec", "slot_baru", "alasan", "psm", "psm_sesudah", "kasus", "beban_sebelum",
                "beban_sesudah", "penduduk", "kode_desa")
KEC_LABELS = {
    "kode_kec": "Kode kecamatan", "nama_kec": "Kecamatan", "jumlah_desa": "Desa/kelurahan", "kasus": "Kasus PMKS",
    "psm": "PSM sebelum", "slot_baru": "Slot baru", "psm_sesudah": "PSM sesudah",
    "tanpa_sebelum": "Desa tanpa PSM sebelum", "tanpa_sesudah": "Desa tanpa PSM sesudah",
}
QUOTA_LABELS = {
    "kode_kec": "Kode kecamatan", "nama_kec": "Kecamatan", "desa": "Desa/kelurahan", "tanpa": "Desa tanpa PSM",
    "kasus": "Kasus PMKS", "psm": "PSM aktif", "kuota": "Kuota slot",
}


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
    """Headline figures of a coverage frame (loads only over desa that have PSM; None if none has)."""
    has = cov["psm_aktif"] > 0
    loads = cov.loc[has, "beban"]
    return {
        "desa": int(len(cov)), "psm": int(cov["psm_aktif"].sum()), "psm_terlatih": int(cov["psm_terlatih"].sum()),
        "tanpa": int((cov["status"] == TANPA).sum()), "belum": int((cov["status"] == BELUM).sum()),
        "tercakup": int((cov["status"] == TERCAKUP).sum()), "kasus": int(cov["kasus"].sum()),
        "kasus_tanpa_psm": int(cov["kasus_tanpa_psm"].sum()),
        "max_beban": float(loads.max()) if len(loads) else None,
        "median_beban": float(loads.median()) if len(loads) else None,
    }


def headline(t: dict) -> str:
    """'77 PSM untuk 260 desa/kelurahan — 183 tanpa PSM'."""
    return (f"{fmt.number(t['psm'])} PSM untuk {fmt.number(t['desa'])} desa/kelurahan — "
            f"{fmt.number(t['tanpa'])} tanpa PSM")


def by_area(cov: pd.DataFrame, level: str) -> pd.DataFrame:
    """One row per kecamatan ('kec') or kabupaten ('kab'): desa per status, PSM, cases and the caseload per
    PSM over the desa that have PSM; worst first (largest share of desa without PSM)."""
    kode, nama = f"kode_{level}", f"nama_{level}"
    c = cov.assign(_tanpa=cov["status"] == TANPA, _belum=cov["status"] == BELUM, _cakup=cov["status"] == TERCAKUP,
                   _served=cov["kasus"] - cov["kasus_tanpa_psm"])
    g = c.groupby([kode, nama], sort=True).agg(
        jumlah_desa=("kode_desa", "size"), desa_tanpa_psm=("_tanpa", "sum"), desa_belum_terlatih=("_belum", "sum"),
        desa_tercakup=("_cakup", "sum"), psm_aktif=("psm_aktif", "sum"), psm_terlatih=("psm_terlatih", "sum"),
        kasus=("kasus", "sum"), _served=("_served", "sum"), kasus_tanpa_psm=("kasus_tanpa_psm", "sum"),
    ).reset_index().rename(columns={kode: "kode", nama: "nama"})
    g["persen_tanpa_psm"] = (100.0 * g["desa_tanpa_psm"] / g["jumlah_desa"]).round(1)
    g["beban"] = (g["_served"] / g["psm_aktif"].where(g["psm_aktif"] > 0)).round(2)
    g = g.sort_values(["persen_tanpa_psm", "kasus_tanpa_psm", "kode"], ascending=[False, False, True])
    return g[list(AREA_LABELS)].reset_index(drop=True)


def status_values(cov: pd.DataFrame) -> pd.DataFrame:
    """Map values of the coverage map: nilai 0 covered, 1 PSM untrained, 2 no PSM; teks for the tooltip."""
    return pd.DataFrame({"kode": cov["kode_desa"].astype(str), "nilai": cov["status"].map(STATUS_VALUE),
                         "teks": cov["status"].astype(str)})


def status_classes(values: pd.Series) -> maps.Classes:
    """Three fixed classes whose legend reads the statuses (maps.classify labels numbers only)."""
    v = pd.to_numeric(values, errors="coerce")
    proto = maps.Classes((0.0, 1.0, 2.0), 0.0, True, tuple(STATUS_VALUE), (), 0, ())
    counts, n_nd = proto.count(v)
    return maps.Classes(proto.bins, 0.0, True, tuple(STATUS_VALUE), tuple(counts), n_nd,
                        tuple(int(i) for i in proto.assign(v)))


def load_values(cov: pd.DataFrame) -> pd.DataFrame:
    """Map values (kode, nilai) of the caseload map: cases per PSM, NaN for a desa without PSM."""
    return pd.DataFrame({"kode": cov["kode_desa"].astype(str), "nilai": cov["beban"].round(2)})


def desa_table(cov: pd.DataFrame, suppress: bool, text: bool = True) -> pd.DataFrame:
    """Per-desa table with Indonesian headers, no-PSM desa first; case counts 1–4 (and the loads that
    would reveal them) become '<5' when `suppress`."""
    t = cov.sort_values(["psm_aktif", "kasus", "kode_desa"], ascending=[True, False, True]).copy()
    t["beban"] = t["beban"].round(2)
    t = _suppress(t, ["kasus", "kasus_tanpa_psm", "beban"], suppress, text)
    return labelled(t, DESA_LABELS)


def coverage_tables(cov: pd.DataFrame, tingkat: str, suppress: bool, text: bool) -> dict[str, pd.DataFrame]:
    """The page's tables by title: per kabupaten (province or all), per kecamatan, per desa."""
    out = {}
    if tingkat in ("nasional", "prov"):
        out["Per kabupaten/kota"] = labelled(by_area(cov, "kab"), AREA_LABELS | {"nama": "Kabupaten/Kota"})
    out["Per kecamatan"] = labelled(by_area(cov, "kec"), AREA_LABELS | {"nama": "Kecamatan"})
    out["Per desa/kelurahan"] = desa_table(cov, suppress, text)
    return out


def click_text(cov: pd.DataFrame, kode: str | None, suppress: bool) -> str | None:
    """One line about a clicked desa (status, PSM, cases, load); None when the code is not in the frame."""
    hit = cov.loc[cov["kode_desa"] == kode]
    if hit.empty:
        return None
    r = hit.iloc[0]
    small = suppress and 1 <= r["kasus"] <= 4
    return (f"**{r['nama_desa']}** (Kec. {r['nama_kec']}): {r['status']}; PSM aktif {r['psm_aktif']} (terlatih "
            f"{r['psm_terlatih']}); kasus PMKS {SMALL if small else fmt.number(r['kasus'])}; kasus per PSM "
            f"{SMALL if small else fmt.decimal(r['beban'])}.")


def coverage_parameters(*, nama: str, kode: str, tahun: int, suppress: bool, demo: bool, generated: str) -> dict:
    """The Parameter sheet of the coverage tables."""
    out = {"Wilayah": nama, "Kode wilayah": kode or "semua", "Tahun": tahun, "Definisi": DEFINITIONS,
           "Angka 1–4 disamarkan (\"<5\")": "ya" if suppress else "tidak", "Tanggal dibuat": generated}
    return out | ({"Catatan data": DEMO_NOTE} if demo else {})


def labelled(frame: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The columns named in `labels`, in that order, renamed to their headers."""
    return frame[list(labels)].rename(columns=dict(labels)).reset_index(drop=True)


def _suppress(frame: pd.DataFrame, columns: list[str], suppress: bool, text: bool) -> pd.DataFrame:
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
            values = values.map(lambda v, c=col: fmt.decimal(v, 2) if c.startswith("beban") else fmt.number(v))
        out[col] = values.where(~small, SMALL)
    return out


# --- Quota planner ----------------------------------------------------------------------------------

def check_scope(tingkat: str) -> None:
    """AllocationError unless the scope is one kabupaten/kota or kecamatan."""
    if tingkat not in ("kab", "kec"):
        raise AllocationError(MSG["scope"])


def units(rows: pd.DataFrame) -> pd.DataFrame:
    """The `allocate` input (one row per desa) from cakupan_desa rows."""
    out = rows[["kode_desa", "nama_desa", "kode_kec", "nama_kec", "penduduk", "kasus", "psm_aktif"]]
    return out.rename(columns={"psm_aktif": "psm"}).reset_index(drop=True)


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


def kecamatan_summary(result: pd.DataFrame) -> pd.DataFrame:
    """One row per kecamatan of an allocation: cases, PSM before/after, slots and desa without PSM."""
    r = result.assign(tanpa_sebelum=result["psm"] == 0, tanpa_sesudah=result["psm_sesudah"] == 0)
    g = r.groupby(["kode_kec", "nama_kec"], sort=True).agg(
        jumlah_desa=("kode_desa", "size"), kasus=("kasus", "sum"), psm=("psm", "sum"), slot_baru=("slot_baru", "sum"),
        psm_sesudah=("psm_sesudah", "sum"), tanpa_sebelum=("tanpa_sebelum", "sum"),
        tanpa_sesudah=("tanpa_sesudah", "sum"),
    ).reset_index()
    return g[list(KEC_LABELS)]


def allocation_table(result: pd.DataFrame, suppress: bool = False, screen: bool = False,
                     only_slots: bool = False) -> pd.DataFrame:
    """The allocation sheet: one row per desa with Indonesian headers, loads to 2 decimals, by code. For
    the `screen`: most slots first, the reason next to the desa, numbers as text, optionally only the
    desa that got a slot."""
    t = result.loc[result["slot_baru"] > 0] if only_slots else result.copy()
    t = t.assign(beban_sebelum=t["beban_sebelum"].round(2), beban_sesudah=t["beban_sesudah"].round(2))
    if screen:
        t = t.sort_values(["slot_baru", "kasus", "kode_desa"], ascending=[False, False, True], kind="mergesort")
    else:
        t = t.sort_values("kode_desa", kind="mergesort")
    labels = {k: ALLOC_LABELS[k] for k in SCREEN_ORDER} if screen else ALLOC_LABELS
    return labelled(_suppress(t, ["kasus", "beban_sebelum", "beban_sesudah"], suppress, screen), labels)


def summary_table(summary: dict, formatted: bool = True) -> pd.DataFrame:
    """Before/after figures of `allocate.summarize` as rows (Ukuran, Sebelum, Sesudah): Indonesian text for
    the screen and terminal, plain numbers (loads to 1 decimal) for Excel."""
    def value(key: str, v):
        if v is None:
            return fmt.MISSING if formatted else None
        if key.endswith("_load"):
            return fmt.decimal(v) if formatted else round(v, 1)
        return fmt.number(v) if formatted else v

    return pd.DataFrame([
        {"Ukuran": label, "Sebelum": value(key, summary["before"][key]), "Sesudah": value(key, summary["after"][key])}
        for key, label in SUMMARY_LABELS.items()
    ])


def summary_lines(summary: dict) -> list[str]:
    """Plain-text before → after lines for the command line."""
    rows = summary_table(summary)
    width = max(len(u) for u in rows["Ukuran"])
    return [f"{r.Ukuran:<{width}}  {r.Sebelum:>8} → {r.Sesudah}" for r in rows.itertuples()]


def parameters(*, nama: str, kode: str, tahun: int, params: AllocationParams, names: Mapping[str, str],
               kec_names: Mapping[str, str], demo: bool, generated: str, suppress: bool = False) -> dict:
    """The Parameter sheet: everything needed to reproduce the allocation, in Indonesian."""
    quota = params.kecamatan_quota or {}
    out = {
        "Wilayah": nama, "Kode wilayah": kode, "Tahun data": tahun, "Jumlah slot PSM baru": params.slots,
        "Metode": f"{METHOD_LABELS[params.method]} ({params.method})",
        "Ukuran kebutuhan": f"{NEED_LABELS[params.need]} ({params.need})",
        "Batas slot baru per desa": "tidak ada" if params.max_per_desa is None else params.max_per_desa,
        "Desa dikecualikan": "; ".join(f"{names.get(k, k)} ({k})" for k in sorted(params.exclude)) or "tidak ada",
        "Kuota per kecamatan": "; ".join(f"Kec. {kec_names.get(k, k)}: {v}" for k, v in sorted(quota.items()))
                               or "tidak ada",
    }
    if params.method == "webster_kecamatan" and not quota:
        out["Setiap kecamatan paling sedikit 1 slot"] = "ya" if params.floor_one else "tidak"
    out |= {"Definisi": DEFINITIONS, "Angka 1–4 disamarkan (\"<5\")": "ya" if suppress else "tidak",
            "Tanggal dibuat": generated, "Sumber": "Peta Kesos"}
    if demo:
        out["Catatan data"] = DEMO_NOTE
    return out


def workbook(result: pd.DataFrame, summary: dict, params: Mapping[str, object], suppress: bool = False) -> bytes:
    """XLSX: Parameter, Alokasi (per desa), Ringkasan kecamatan, Sebelum-sesudah."""
    return excel.workbook({
        "Alokasi": allocation_table(result, suppress),
        "Ringkasan kecamatan": labelled(kecamatan_summary(result), KEC_LABELS),
        "Sebelum-sesudah": summary_table(summary, formatted=False),
    }, params)


def slot_values(result: pd.DataFrame) -> pd.DataFrame:
    """Map values (kode, nilai) of the allocation map: new slots per desa."""
    return pd.DataFrame({"kode": result["kode_desa"].astype(str), "nilai": result["slot_baru"].astype("int64")})


def reason_of(result: pd.DataFrame, kode: str | None) -> tuple[str, str] | None:
    """(desa name, alasan) of one desa of an allocation, for a map click; None if not in it."""
    hit = result.loc[result["kode_desa"] == kode]
    return None if hit.empty else (str(hit["nama_desa"].iloc[0]), str(hit["alasan"].iloc[0]))


def quota_frame(u: pd.DataFrame) -> pd.DataFrame:
    """The kecamatan quota editor's table: one row per kecamatan with its figures and an empty quota."""
    g = u.assign(_tanpa=u["psm"] == 0).groupby(["kode_kec", "nama_kec"], sort=True).agg(
        desa=("kode_desa", "size"), tanpa=("_tanpa", "sum"), kasus=("kasus", "sum"), psm=("psm", "sum"),
    ).reset_index()
    g["kuota"] = pd.Series([None] * len(g), dtype="Int64")
    return g.rename(columns=QUOTA_LABELS)


def quota_from_editor(edited: pd.DataFrame) -> dict[str, int]:
    """{kode_kec: quota} from the edited quota table; an empty cell means 0 slots for that kecamatan."""
    codes = edited[QUOTA_LABELS["kode_kec"]].astype(str)
    quota = pd.to_numeric(edited[QUOTA_LABELS["kuota"]], errors="coerce").fillna(0)
    return {k: int(v) if float(v).is_integer() else float(v) for k, v in zip(codes, quota)}
