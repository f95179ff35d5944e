"""District comparison ("Bandingkan Kabupaten"): rates from sums, league table, reference rows, change.

Every rate is computed by `rates` from sums (desa, population, cases, PSM), so a kabupaten, a
province and a single desa are divided the same way; the page only chooses and renders.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from petakesos.features.bandingkan.text import (
    DESA_LABELS,
    DIRECTION_WORDS,
    HELP,
    LABELS,
    MEDIAN_ROW,
    N_PROVINCES,
    NO_DATA,
    NO_POPULATION,
    NO_PSM_OR_DATA,
    PROVINCE_ROW,
    WITHOUT_PSM,
)

SUM_COLUMNS = (
    "jumlah_desa",
    "penduduk",
    "kasus",
    "kasus_berpenduduk",
    "psm_aktif",
    "psm_berpenduduk",
    "psm_terlatih",
    "desa_dengan_psm",
)
PREFERRED_BASE_YEAR = 2022
ROW_KAB, ROW_PROV, ROW_MEDIAN = "kabupaten", "provinsi", "median"


@dataclass(frozen=True)
class Indicator:
    """One comparable figure: its label, which direction is worse, how to show it and its desa variant."""

    key: str
    label: str
    higher_is_worse: bool
    kind: str  # 'rate' (1 decimal), 'ratio' (2 decimals), 'percent', 'count', 'delta' (of a level indicator)
    help: str
    palette: str
    desa_key: str  # the value the desa-level maps show for this indicator


# One colour rule for every map of the page: a problem (high = worse) is drawn in a warm palette and
# a capacity (high = better) in a cool one; either way the legend says which end is worse. The map
# palettes only run light → dark, so "darker = better" is the labelled choice for capacities.
WORSE_HIGH_PALETTES = ("YlOrRd", "Oranges")
BETTER_HIGH_PALETTES = ("Greens", "Blues")

INDICATORS: dict[str, Indicator] = {
    key: Indicator(key, LABELS[key], worse, kind, HELP[key], palette, desa_key)
    for key, worse, kind, palette, desa_key in (
        ("desa_tanpa_psm", True, "count", "Oranges", "psm_aktif"),
        ("persen_desa_psm", False, "percent", "Greens", "psm_aktif"),
        ("psm_per_desa", False, "ratio", "Greens", "psm_aktif"),
        ("kasus_per_1000", True, "rate", "YlOrRd", "kasus_per_1000"),
        ("kasus_per_psm", True, "ratio", "YlOrRd", "kasus_per_psm"),
        ("persen_terlatih", False, "percent", "Blues", "persen_terlatih"),
        ("psm_per_1000", False, "ratio", "Greens", "psm_per_1000"),
        ("delta_desa_tanpa_psm", True, "delta", "Oranges", "psm_aktif"),
        ("delta_kasus_per_1000", True, "delta", "YlOrRd", "kasus_per_1000"),
    )
}
LEVEL_KEYS = (
    "kasus_per_1000",
    "psm_per_desa",
    "persen_desa_psm",
    "desa_tanpa_psm",
    "kasus_per_psm",
    "persen_terlatih",
    "psm_per_1000",
)
# Change since the base year is computed for every level indicator; the table shows two of them.
CHANGE_OF = {f"delta_{k}": k for k in LEVEL_KEYS}
CAPACITY_KEYS = ("psm_per_1000", "persen_desa_psm")
# The desa figure each small-multiple map shows: label, whether high is worse, palette, what "no value" means.
DESA_VALUES = {
    "psm_aktif": (DESA_LABELS["psm_aktif"], False, "Greens", None),
    "kasus_per_1000": (DESA_LABELS["kasus_per_1000"], True, "YlOrRd", NO_POPULATION),
    "kasus_per_psm": (DESA_LABELS["kasus_per_psm"], True, "YlOrRd", NO_PSM_OR_DATA),
    "persen_terlatih": (DESA_LABELS["persen_terlatih"], False, "Blues", NO_PSM_OR_DATA),
    "psm_per_1000": (DESA_LABELS["psm_per_1000"], False, "Greens", NO_POPULATION),
}
KAB_NO_DATA = {"kasus_per_psm": WITHOUT_PSM, "persen_terlatih": WITHOUT_PSM}


@dataclass(frozen=True)
class MapLook:
    """How one map shows a figure: legend title (with the colour direction), palette, no-value label."""

    label: str
    palette: str
    no_data_label: str


def _look(label: str, higher_is_worse: bool, palette: str, no_data: str | None) -> MapLook:
    family = WORSE_HIGH_PALETTES if higher_is_worse else BETTER_HIGH_PALETTES
    if palette not in family:
        raise ValueError(f"palette {palette} breaks the colour rule for {label}")
    return MapLook(f"{label} {DIRECTION_WORDS[higher_is_worse]}", palette, no_data or NO_DATA)


def kabupaten_map_look(key: str) -> MapLook:
    """Legend title, palette and no-value label of the kabupaten map of indicator `key`."""
    ind = INDICATORS[key]
    return _look(ind.label, ind.higher_is_worse, ind.palette, KAB_NO_DATA.get(key))


def desa_map_look(key: str) -> MapLook:
    """The same for the desa small multiples, which show the desa figure of indicator `key`."""
    return _look(*DESA_VALUES[INDICATORS[key].desa_key])


def _ratio(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    num = pd.to_numeric(num, errors="coerce").astype(float)
    den = pd.to_numeric(den, errors="coerce").astype(float)
    return (scale * num / den.where(den > 0)).astype(float)


def rates(sums: pd.DataFrame) -> pd.DataFrame:
    """The sums plus every level indicator; a zero denominator gives NaN (no data), never 0 or inf."""
    out = sums.copy()
    out["kasus_per_1000"] = _ratio(out["kasus_berpenduduk"], out["penduduk"], 1000.0)
    out["psm_per_1000"] = _ratio(out["psm_berpenduduk"], out["penduduk"], 1000.0)
    out["psm_per_desa"] = _ratio(out["psm_aktif"], out["jumlah_desa"])
    out["persen_desa_psm"] = _ratio(out["desa_dengan_psm"], out["jumlah_desa"], 100.0)
    out["desa_tanpa_psm"] = (out["jumlah_desa"] - out["desa_dengan_psm"]).astype("int64")
    out["kasus_per_psm"] = _ratio(out["kasus"], out["psm_aktif"])
    out["persen_terlatih"] = _ratio(out["psm_terlatih"], out["psm_aktif"], 100.0)
    return out


def base_year_options(years: list[int], tahun: int) -> list[int]:
    """Years a change can be measured from: those before the chosen year, newest first."""
    return sorted((int(y) for y in years if int(y) < tahun), reverse=True)


def default_base_year(years: list[int], tahun: int) -> int | None:
    """2022 (the year the PSM programme was formed in the demo provinces) if earlier, else last year."""
    options = base_year_options(years, tahun)
    if not options:
        return None
    return PREFERRED_BASE_YEAR if PREFERRED_BASE_YEAR in options else options[0]


def _with_change(rows: pd.DataFrame, key: str, tahun: int, base: int | None) -> pd.DataFrame:
    """Rates of `tahun` per group `key`, plus the change of every level indicator since `base`."""
    now = rates(rows[rows["tahun"] == tahun]).reset_index(drop=True)
    then = rates(rows[rows["tahun"] == base]).set_index(key).reindex(now[key]) if base is not None else None
    for delta, level in CHANGE_OF.items():
        now[delta] = np.nan if then is None else now[level].to_numpy(dtype=float) - then[level].to_numpy(dtype=float)
    return now


def kabupaten_rows(kab_years: pd.DataFrame, tahun: int, base: int | None) -> pd.DataFrame:
    """One row per kabupaten/kota: sums and indicators of `tahun`, change since `base`."""
    out = _with_change(kab_years, "kode_kab", tahun, base)
    return out.assign(jenis_baris=ROW_KAB, kode=out["kode_kab"], nama=out["nama_kab"])


def province_rows(kab_years: pd.DataFrame, tahun: int, base: int | None) -> pd.DataFrame:
    """One reference row per province: its kabupaten summed, then divided (not an average of rates)."""
    sums = kab_years.groupby(["kode_prov", "nama_prov", "tahun"], as_index=False)[list(SUM_COLUMNS)].sum()
    out = _with_change(sums, "kode_prov", tahun, base)
    return out.assign(
        jenis_baris=ROW_PROV,
        kode=out["kode_prov"],
        nama=out["nama_prov"].map(lambda n: PROVINCE_ROW.format(nama=n)),
        kode_kab="",
        nama_kab="",
    )


def median_name(kab: pd.DataFrame) -> str:
    """'Median 38 kab/kota se-Jawa Timur' / 'Median 88 kab/kota se-3 provinsi': what a median is taken over."""
    provinces = kab["nama_prov"].dropna().unique()
    where = provinces[0] if len(provinces) == 1 else N_PROVINCES.format(n=len(provinces))
    return MEDIAN_ROW.format(n=kab["kode_kab"].nunique(), where=where)


def median_row(all_kab: pd.DataFrame) -> pd.DataFrame:
    """The reference row 'median of all kabupaten/kota of the covered provinces', indicator by indicator."""
    cols = [*SUM_COLUMNS, *LEVEL_KEYS, *CHANGE_OF]
    med = all_kab[cols].apply(pd.to_numeric, errors="coerce").median(skipna=True)
    row = pd.DataFrame([med.to_dict()])
    return row.assign(
        jenis_baris=ROW_MEDIAN, kode="", kode_kab="", nama_kab="", kode_prov="", nama_prov="", nama=median_name(all_kab)
    )


def rank(rows: pd.DataFrame, key: str) -> pd.Series:
    """Rank 1 = worst on `key` (highest where higher is worse); ties share a rank; NaN gets no rank."""
    ind = INDICATORS[key]
    return rows[key].rank(ascending=not ind.higher_is_worse, method="min").astype("Int64")


def league_table(
    scope_kab_years: pd.DataFrame, all_kab_years: pd.DataFrame, tahun: int, base: int | None, sort_key: str
) -> pd.DataFrame:
    """Kabupaten of the scope ranked worst-first on `sort_key`, then one row per province, then the median.

    `all_kab_years` holds every kabupaten of the covered provinces (for the median reference row).
    """
    kab = kabupaten_rows(scope_kab_years, tahun, base)
    kab["peringkat"] = rank(kab, sort_key)
    ind = INDICATORS[sort_key]
    kab = kab.sort_values(
        [sort_key, "kode_kab"], ascending=[not ind.higher_is_worse, True], na_position="last", kind="mergesort"
    )
    provs = province_rows(scope_kab_years, tahun, base)
    every = kabupaten_rows(all_kab_years, tahun, base)
    med = median_row(every)
    out = pd.concat([kab, provs, med], ignore_index=True)
    out["peringkat"] = out["peringkat"].astype("Int64")
    return out


def worst(table: pd.DataFrame, key: str, n: int = 3) -> pd.DataFrame:
    """The n kabupaten ranked worst on `key` (the table must be ranked on that key)."""
    kab = table[(table["jenis_baris"] == ROW_KAB) & table[key].notna()]
    return kab.sort_values(["peringkat", "kode_kab"]).head(n)


def trend(kab_years: pd.DataFrame, key: str, years: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per kabupaten × year, reference per province × year) frames with columns kode, nama, tahun, nilai.

    A change indicator shows its level over time. The reference is the province's own rate, or for a
    count (desa tanpa PSM) the median kabupaten, since a province total would dwarf every line."""
    level = CHANGE_OF.get(key, key)
    rows = kab_years[kab_years["tahun"].isin(years)]
    kab = rates(rows)
    kab = kab.assign(kode=kab["kode_kab"], nama=kab["nama_kab"], nilai=kab[level].astype(float))
    if INDICATORS[level].kind == "count":
        ref = kab.groupby(["kode_prov", "nama_prov", "tahun"], as_index=False)["nilai"].median()
        names = {p: median_name(part) for p, part in kab.groupby("kode_prov")}
        ref = ref.assign(kode=ref["kode_prov"], nama=ref["kode_prov"].map(names))
    else:
        ref = rates(rows.groupby(["kode_prov", "nama_prov", "tahun"], as_index=False)[list(SUM_COLUMNS)].sum())
        names = ref["nama_prov"].map(lambda n: PROVINCE_ROW.format(nama=n))
        ref = ref.assign(kode=ref["kode_prov"], nama=names, nilai=ref[level])
    cols = ["kode", "nama", "tahun", "nilai"]
    return kab[cols].reset_index(drop=True), ref[cols].reset_index(drop=True)


def map_values(table: pd.DataFrame, key: str) -> pd.DataFrame:
    """kode/nilai/peringkat of the kabupaten rows, for the kabupaten choropleth."""
    kab = table[table["jenis_baris"] == ROW_KAB]
    return pd.DataFrame(
        {
            "kode": kab["kode_kab"].astype(str),
            "nilai": kab[key].astype(float),
            "peringkat": rank(kab, key).astype(float),
        }
    ).reset_index(drop=True)  # NaN, not NA


def desa_values(desa: pd.DataFrame, key: str) -> pd.DataFrame:
    """kode/nilai per desa for the small-multiple maps: the desa variant of indicator `key`."""
    value = rates(desa)[INDICATORS[key].desa_key]
    return pd.DataFrame({"kode": desa["kode"].astype(str), "nilai": value.astype(float)}).reset_index(drop=True)


def small_multiples(desa_by_kab: dict[str, pd.DataFrame], key: str) -> tuple[dict[str, pd.DataFrame], pd.Series]:
    """Desa values per kabupaten for the small-multiple maps, and all of them together (for shared classes)."""
    values = {kab: desa_values(frame, key) for kab, frame in desa_by_kab.items()}
    together = pd.concat([v["nilai"] for v in values.values()], ignore_index=True) if values else pd.Series(dtype=float)
    return values, together


def default_selection(table: pd.DataFrame, key: str, highlight: str | None, n: int = 3) -> list[str]:
    """Kabupaten preselected for the small multiples: the chosen kabupaten first, then the worst ones."""
    picks = [highlight] if highlight else []
    for code in worst(table, key, n + 1)["kode_kab"]:
        if code not in picks:
            picks.append(code)
    return picks[: max(n, 2)] if len(picks) > 1 else picks
