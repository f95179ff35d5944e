"""Training (Bimtek Dasar) figures for the Pelatihan page: trend series, readiness pipeline, waiting
times and the Permensos 10/2019 checks, as pure functions from query frames to frames.

Kept out of the page so the rules (what counts as trained, how waiting months are counted, which
check a PSM fails) are tested without Streamlit, and so the chart data and the Excel download are
the same frame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from petakesos import fmt, glossary

# Permensos 10/2019: a PSM is at least 18 years old, checked at the SK date on `umur_saat_sk`, which the
# one age rule in queries/app/psm_eligibility.sql computes (born 29 Feb: birthday 1 March in other years).
MIN_AGE = 18
WAIT_BIN_MONTHS = 6
WAIT_LAST_BIN = 60  # months; longer waits share the last bar

NO_PSM_LABEL = "Tanpa PSM"  # a place on the trained-share map without active PSM: the share is undefined, not missing
STAGE_SK = "Ber-SK dan aktif"
STAGE_TRAINED = "Lulus Bimtek Dasar"
STAGE_CERTIFIED = "Bersertifikat"

REASON_AGE = "Umur saat SK di bawah 18 tahun"
REASON_KTP_MISSING = "Desa KTP tidak tercatat"
REASON_KTP_ELSEWHERE = "KTP bukan di desa tempat bertugas"
REASON_NO_BIMTEK = "Belum lulus Bimtek Dasar"
REASON_FAILED_BIMTEK = "Sudah ikut Bimtek Dasar, belum lulus"
CHECKS = (
    ("Umur minimal 18 tahun saat SK", "gagal_umur"),
    ("Berdomisili (KTP) di desa tempat bertugas", "gagal_domisili"),
    ("Lulus Bimtek Dasar", "gagal_bimtek"),
)

# Headers of the follow-up list (screen and Excel), in display order.
FAILING_LABELS = glossary.names(
    ["nama", "nama_desa", "nama_kec", "alasan", "nama_kab", "no_sk", "tanggal_sk", "kode_desa"],
    {"nama": "Nama", "alasan": "Alasan", "no_sk": "No SK", "tanggal_sk": "Tanggal SK"},
)

_SERIES_COLUMNS = ["psm_aktif", "psm_terlatih", "psm_bersertifikat", "terlatih_baru"]


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """Percent with 1 decimal; NaN where there is nothing to divide by (not 0 %)."""
    whole = whole.astype(float)
    return (100.0 * part / whole.where(whole > 0)).round(1)


def monthly_total(tren: pd.DataFrame) -> pd.DataFrame:
    """One row per month for the whole scope (units summed), from the first month with any PSM or
    training: counted PSM, trained, certified, newly trained and the percent trained."""
    if tren.empty:
        return pd.DataFrame(columns=["bulan", *_SERIES_COLUMNS, "persen_terlatih"])
    out = tren.groupby("bulan", as_index=False)[_SERIES_COLUMNS].sum().sort_values("bulan")
    started = (out["psm_aktif"] > 0) | (out["terlatih_baru"] > 0)
    out = out.loc[started.cummax()].reset_index(drop=True)
    out["bulan"] = pd.to_datetime(out["bulan"])
    return out.assign(persen_terlatih=_share(out["psm_terlatih"], out["psm_aktif"]))


def _yearly(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Year rows from month rows: stock figures at the year's last month, new ones summed."""
    f = frame.assign(tahun=pd.to_datetime(frame["bulan"]).dt.year).sort_values("bulan")
    last = f.groupby([*by, "tahun"], as_index=False)[["psm_aktif", "psm_terlatih", "psm_bersertifikat"]].last()
    new = f.groupby([*by, "tahun"], as_index=False)["terlatih_baru"].sum()
    out = last.merge(new, on=[*by, "tahun"])
    out["tahun"] = out["tahun"].astype(int)
    return out.assign(persen_terlatih=_share(out["psm_terlatih"], out["psm_aktif"]))


def yearly_total(tren: pd.DataFrame) -> pd.DataFrame:
    """One row per year for the whole scope: PSM counted at 31 December (as on Beranda), trained and
    certified by then, PSM who first passed Bimtek Dasar during the year, percent trained."""
    monthly = monthly_total(tren)
    if monthly.empty:
        return pd.DataFrame(columns=["tahun", *_SERIES_COLUMNS, "persen_terlatih"])
    return _yearly(monthly, [])


def unit_years(tren: pd.DataFrame) -> pd.DataFrame:
    """One row per unit (kabupaten, kecamatan…) × year: the year figures of `yearly_total`, per unit,
    from the first year the scope has any PSM."""
    if tren.empty:
        return pd.DataFrame(columns=["kode_unit", "nama_unit", "tahun", *_SERIES_COLUMNS, "persen_terlatih", "label"])
    out = _yearly(tren, ["kode_unit", "nama_unit"])
    first = yearly_total(tren)["tahun"].min()
    out = out.loc[out["tahun"] >= first].reset_index(drop=True)
    return out.assign(label=out["nama_unit"].map(short_name))


def several_units(per_unit: pd.DataFrame) -> pd.DataFrame:
    """The per-unit rows when there are at least two units; none when one unit is the whole scope."""
    return per_unit if per_unit["kode_unit"].nunique() > 1 else per_unit.iloc[0:0]


def short_name(nama: str) -> str:
    """'Kab. Tuban' for 'Kabupaten Tuban': chart axes have little room; tables keep the full name."""
    return "Kab. " + nama[len("Kabupaten ") :] if nama.startswith("Kabupaten ") else nama


def ranking(tren: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """Units with PSM in the year, lowest percent trained first (the ones that lag), with their gap
    to the whole scope in percentage points."""
    years = unit_years(tren)
    year = years.loc[(years["tahun"] == tahun) & (years["psm_aktif"] > 0)].copy()
    total = yearly_total(tren)
    overall = total.loc[total["tahun"] == tahun, "persen_terlatih"]
    scope_share = float(overall.iloc[0]) if len(overall) else np.nan
    year["selisih_poin"] = (year["persen_terlatih"] - scope_share).round(1)
    year["belum_terlatih"] = year["psm_aktif"] - year["psm_terlatih"]
    cols = [
        "kode_unit",
        "nama_unit",
        "label",
        "psm_aktif",
        "psm_terlatih",
        "belum_terlatih",
        "persen_terlatih",
        "selisih_poin",
    ]
    return year.sort_values(["persen_terlatih", "belum_terlatih"], ascending=[True, False])[cols].reset_index(drop=True)


def events(kegiatan: pd.DataFrame) -> pd.DataFrame:
    """Training events with the pass rate, oldest first (an event = jenis + penyelenggara + start date)."""
    out = kegiatan.copy()
    out["tanggal_mulai"] = pd.to_datetime(out["tanggal_mulai"])
    out["tanggal_selesai"] = pd.to_datetime(out["tanggal_selesai"])
    out["persen_lulus"] = _share(out["lulus"], out["peserta"])
    return out.sort_values(["tanggal_mulai", "jenis_pelatihan", "penyelenggara"]).reset_index(drop=True)


def full_months(start: pd.Series, end: pd.Series | pd.Timestamp) -> pd.Series:
    """Whole calendar months from start to end (1 May → 17 Nov next year = 18); NaN where a date is missing."""
    s = pd.to_datetime(pd.Series(start))
    e = pd.to_datetime(pd.Series(end, index=s.index)) if not isinstance(end, pd.Series) else pd.to_datetime(end)
    months = (e.dt.year - s.dt.year) * 12 + (e.dt.month - s.dt.month) - (e.dt.day < s.dt.day).astype(int)
    return months.where(s.notna() & e.notna())


def with_waits(psm: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """PSM rows plus `bulan_tunggu`: SK → Bimtek Dasar for the trained (0 when trained before the SK),
    SK → 31 December of the year for those still waiting; `terlatih` says which."""
    out = psm.copy()
    trained = out["tanggal_bimtek"].notna()
    year_end = pd.Timestamp(year=tahun, month=12, day=31)
    to_bimtek = full_months(out["tanggal_sk"], out["tanggal_bimtek"]).clip(lower=0)
    so_far = full_months(out["tanggal_sk"], year_end)
    out["terlatih"] = trained
    out["bulan_tunggu"] = to_bimtek.where(trained, so_far)
    return out


def pipeline(psm: pd.DataFrame) -> pd.DataFrame:
    """Readiness stages of the year's PSM: with SK and active → passed Bimtek Dasar → certified, with
    the share of the first stage."""
    n = len(psm)
    trained = int(psm["tanggal_bimtek"].notna().sum())
    certified = int(psm["tanggal_sertifikat"].notna().sum())
    out = pd.DataFrame({"tahap": [STAGE_SK, STAGE_TRAINED, STAGE_CERTIFIED], "jumlah": [n, trained, certified]})
    return out.assign(persen=_share(out["jumlah"], pd.Series([n] * 3)))


def median_wait(psm: pd.DataFrame, tahun: int) -> float:
    """Median whole months from SK to Bimtek Dasar among the trained; NaN when nobody is trained."""
    w = with_waits(psm, tahun)
    return float(w.loc[w["terlatih"], "bulan_tunggu"].median()) if w["terlatih"].any() else np.nan


def wait_histogram(psm: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """One row per 6-month bin: trained PSM by months SK → Bimtek Dasar, and untrained PSM by months
    waited so far (to 31 December). Every bin up to the longest wait is listed, zeros included."""
    w = with_waits(psm, tahun)
    months = w["bulan_tunggu"].dropna()
    top = int(min(months.max(), WAIT_LAST_BIN)) if len(months) else 0
    starts = list(range(0, top // WAIT_BIN_MONTHS * WAIT_BIN_MONTHS + 1, WAIT_BIN_MONTHS))
    labels = [f"≥ {s}" if s >= WAIT_LAST_BIN else f"{s}–{s + WAIT_BIN_MONTHS - 1}" for s in starts]
    bin_of = w["bulan_tunggu"].clip(upper=WAIT_LAST_BIN) // WAIT_BIN_MONTHS * WAIT_BIN_MONTHS
    rows = []
    for start, label in zip(starts, labels):
        here = bin_of == start
        rows.append(
            {
                "rentang": label,
                "bulan_awal": start,
                "sudah_lulus": int((here & w["terlatih"]).sum()),
                "masih_menunggu": int((here & ~w["terlatih"]).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["rentang", "bulan_awal", "sudah_lulus", "masih_menunggu"])


def eligibility(psm: pd.DataFrame) -> pd.DataFrame:
    """Each PSM with the Permensos 10/2019 checks the data can show (age ≥ 18 at SK, KTP in the desa
    served, Bimtek Dasar passed): one boolean per failed check and the reasons as text."""
    out = psm.copy()
    out["gagal_umur"] = out["umur_saat_sk"] < MIN_AGE
    ktp_missing = out["kode_desa_ktp"].isna() | (out["kode_desa_ktp"].astype("string").str.strip() == "")
    out["gagal_domisili"] = ktp_missing | (out["kode_desa_ktp"] != out["kode_desa"])
    out["gagal_bimtek"] = out["tanggal_bimtek"].isna()

    def reasons(row) -> str:
        found = []
        if row["gagal_umur"]:
            found.append(f"{REASON_AGE} ({int(row['umur_saat_sk'])} tahun)")
        if row["gagal_domisili"]:
            if pd.isna(row["kode_desa_ktp"]) or str(row["kode_desa_ktp"]).strip() == "":
                found.append(REASON_KTP_MISSING)
            else:
                found.append(f"{REASON_KTP_ELSEWHERE} (KTP: {row['nama_desa_ktp'] or row['kode_desa_ktp']})")
        if row["gagal_bimtek"]:
            found.append(REASON_FAILED_BIMTEK if row["kali_ikut_bimtek_dasar"] > 0 else REASON_NO_BIMTEK)
        return "; ".join(found)

    out["alasan"] = out.apply(reasons, axis=1) if len(out) else pd.Series(dtype="string")
    return out


def failing(psm: pd.DataFrame) -> pd.DataFrame:
    """PSM who fail at least one check, with the reason — the list a district follows up; no NIK."""
    checked = eligibility(psm)
    bad = checked.loc[checked[["gagal_umur", "gagal_domisili", "gagal_bimtek"]].any(axis=1)]
    bad = bad.assign(tanggal_sk=pd.to_datetime(bad["tanggal_sk"]).dt.date)
    return labelled(bad, FAILING_LABELS)


def check_summary(psm: pd.DataFrame) -> pd.DataFrame:
    """One row per check: how many of the year's PSM fail it."""
    checked = eligibility(psm)
    return pd.DataFrame(
        {
            "syarat": [label for label, _ in CHECKS],
            "tidak_memenuhi": [int(checked[col].sum()) for _, col in CHECKS],
        }
    )


def map_values(peta: pd.DataFrame) -> pd.DataFrame:
    """Map values per wilayah: percent of counted PSM with Bimtek Dasar (NaN without PSM) and the tooltip
    text: '50,0% (1 dari 2 PSM aktif)', or 'Tanpa PSM'."""
    out = peta.copy()
    out["nilai"] = _share(out["psm_terlatih"], out["psm_aktif"])
    out["teks"] = [
        NO_PSM_LABEL if pd.isna(v) else f"{fmt.percent(v)} ({fmt.number(t)} dari {fmt.number(a)} PSM aktif)"
        for v, t, a in zip(out["nilai"], out["psm_terlatih"], out["psm_aktif"])
    ]
    return out


def labelled(frame: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The columns named in `labels`, in that order, renamed to their Indonesian headers (tables, Excel);
    timestamps become dates, so Excel shows a date without '00:00:00'."""
    out = frame[list(labels)].rename(columns=labels).reset_index(drop=True)
    stamps = [c for c in out.columns if pd.api.types.is_datetime64_any_dtype(out[c])]
    return out.assign(**{c: out[c].dt.date for c in stamps})


def map_labels(labels: dict[str, str], level: str) -> dict[str, str]:
    """Headers of the map table; per desa the desa-count columns say nothing and are left out."""
    if level == "desa":
        return {k: v for k, v in labels.items() if k not in ("jumlah_desa", "desa_dengan_psm")}
    return labels


def year_row(yearly: pd.DataFrame, tahun: int) -> pd.Series:
    """The year's row of `yearly_total`; zeros (and NaN percent) for a year without any PSM yet."""
    hit = yearly.loc[yearly["tahun"] == tahun]
    if len(hit):
        return hit.iloc[0]
    return pd.Series({"tahun": tahun, **{c: 0 for c in _SERIES_COLUMNS}, "persen_terlatih": np.nan})


def delta_text(now: pd.Series, before: pd.Series) -> str | None:
    """'+3,2 poin dari 2024' — change of the percent trained since the previous year; None if unknown."""
    if pd.isna(now["persen_terlatih"]) or pd.isna(before["persen_terlatih"]):
        return None
    change = float(now["persen_terlatih"]) - float(before["persen_terlatih"])
    sign = "+" if change >= 0 else "-"
    return f"{sign}{fmt.decimal(abs(change))} poin dari {int(before['tahun'])}"


def months_text(months: float) -> str:
    """'18 bulan'; '–' when unknown."""
    return fmt.MISSING if pd.isna(months) else f"{fmt.decimal(months, 0 if float(months).is_integer() else 1)} bulan"


def n_failing(checked: pd.DataFrame) -> int:
    """Number of PSM failing at least one check (frame from `eligibility`)."""
    if checked.empty:
        return 0
    return int(checked[["gagal_umur", "gagal_domisili", "gagal_bimtek"]].any(axis=1).sum())


def event_table(kegiatan: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Events newest first with the given headers and dates written out ('14 November 2022')."""
    out = kegiatan.sort_values("tanggal_mulai", ascending=False)
    out = out.assign(**{c: [fmt.date(d) for d in out[c]] for c in ("tanggal_mulai", "tanggal_selesai")})
    return labelled(out, labels)


def map_table(peta: pd.DataFrame) -> pd.DataFrame:
    """The map's wilayah with their PSM counts, lowest percent trained first (no PSM last)."""
    ordered = peta.sort_values(["nilai", "psm_aktif"], ascending=[True, False], na_position="last")
    return ordered.reset_index(drop=True)
