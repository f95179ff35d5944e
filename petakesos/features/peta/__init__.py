"""Peta PMKS logic shared by the page and the `map` command: period, values per desa, ranks, table.

Why a module: the page (through the cached ``data.query``) and the CLI (through ``sql.run`` on its own
connection) must map exactly the same figures, so both pass their query runner to ``fetch_rows``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from petakesos import fmt, maps, wilayah
from petakesos.features.peta import ranges
from petakesos.features.peta.text import (
    ALL_CATEGORIES,
    LEVEL_TEXT,
    NO_DATA_OR_SMALL,
    SMALL_TEXT,
    SUMBER,
    SUMBER_DEMO,
    UKURAN,
    UKURAN_SHORT,
)
from petakesos.maps.breaks import NO_DATA_LABEL

# What a runner looks like: data.query (page, cached) or functools.partial(sql.run, con) (CLI).
Runner = Callable[..., pd.DataFrame]


class PeriodeInvalid(ValueError):
    """A period that is not 'YYYY' or 'YYYY-YYYY' with years that have data (message in Indonesian)."""


@dataclass(frozen=True)
class Periode:
    """A year (awal == akhir) or an inclusive range of years."""

    awal: int
    akhir: int

    def __post_init__(self) -> None:
        if self.awal > self.akhir:
            raise PeriodeInvalid(f"Periode tidak sah: tahun awal {self.awal} sesudah tahun akhir {self.akhir}.")

    @classmethod
    def parse(cls, text: str) -> Periode:
        """'2025' -> 2025–2025; '2023-2025' (or with an en dash) -> 2023–2025."""
        mo = re.fullmatch(r"\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*", str(text))
        if not mo:
            raise PeriodeInvalid(f"Periode tidak sah: {text!r}. Tulis satu tahun (2025) atau rentang (2023-2025).")
        awal = int(mo.group(1))
        return cls(awal, int(mo.group(2) or awal))

    @property
    def label(self) -> str:
        """'2025' or '2023–2025'."""
        return str(self.akhir) if self.awal == self.akhir else f"{self.awal}–{self.akhir}"

    def check(self, years: Sequence[int]) -> Periode:
        """Self, or PeriodeInvalid when a year lies outside the years with data."""
        years = sorted(int(y) for y in years)
        if not years:
            raise PeriodeInvalid("Belum ada data kasus untuk wilayah ini.")
        if self.awal < years[0] or self.akhir > years[-1]:
            raise PeriodeInvalid(f"Periode {self.label} di luar tahun data ({years[0]}–{years[-1]}).")
        return self


def map_level(scope: str) -> str:
    """Polygons coloured for a scope: kabupaten for all provinces (too many desa), else desa."""
    return "kab" if wilayah.level(scope) == "nasional" else "desa"


def fetch_rows(run: Runner, scope: str, periode: Periode, kategori: Sequence[str] = ()) -> pd.DataFrame:
    """Desa rows (names, population, cases) of a scope and period: the one query both callers use."""
    return run(
        "app/kasus_by_desa", wilayah=scope, tahun_awal=periode.awal, tahun=periode.akhir, kategori=tuple(kategori)
    )


def aggregate(rows: pd.DataFrame, level: str) -> pd.DataFrame:
    """Desa rows summed up to kabupaten ('kab') rows with the same columns, plus ranges.parts (masked, a
    kabupaten shows a range, never its exact total beside its desa "<5"); 'desa' returns rows as is."""
    if level == "desa":
        return rows
    if level != "kab":
        raise ValueError(f"Tingkat peta tidak dikenal: {level!r}")
    grouped = rows.join(ranges.parts(rows)).groupby("kode_kab", sort=True)
    out = pd.DataFrame(
        {
            "kode": grouped["kode_kab"].first(),
            "nama": grouped["nama_kab"].first(),
            "nama_kec": "",
            "nama_kab": grouped["nama_prov"].first(),  # the parent shown next to a kabupaten is its province
            "kode_kab": grouped["kode_kab"].first(),
            "kode_prov": grouped["kode_prov"].first(),
            "nama_prov": grouped["nama_prov"].first(),
            "kode_kec": "",
            "penduduk": grouped["penduduk"].sum(min_count=1),
            "kasus": grouped["kasus"].sum(),
            **{part: grouped[part].sum() for part in (ranges.BIG, ranges.N_SMALL)},
        }
    )
    return out.reset_index(drop=True)


def _rank(values: pd.Series, by: pd.Series | None = None) -> pd.Series:
    """1 = highest; ties share the best rank; no data gets no rank (NaN)."""
    if by is None:
        return values.rank(ascending=False, method="min")
    return values.groupby(by).rank(ascending=False, method="min")


def values_frame(rows: pd.DataFrame, ukuran: str = "rate", suppress: bool = False) -> pd.DataFrame:
    """One row per mapped wilayah: kode, names, penduduk, kasus, nilai (the mapped measure) and ranks.

    ``nilai`` is cases per 1,000 residents (no population -> NaN, shown as 'no data', never 0) or the
    case count. ``peringkat`` ranks within the whole frame (the map); ``peringkat_kec`` and
    ``peringkat_kab`` within the desa's kecamatan and kabupaten, with ``n_kec``/``n_kab`` ranked desa.

    With `suppress`, a desa with 1–4 cases gets no value and no rank (``teks`` '<5 kasus' for the
    tooltip): its rate times the population shown beside it, its colour class or its place among the
    ranks would give the count back. The others are ranked among themselves, so no gap marks it. An
    aggregated row instead takes its range (ranges.at_low_end): figures at the low end, ``teks`` the range.
    """
    if ukuran not in UKURAN:
        raise ValueError(f"Ukuran tidak dikenal: {ukuran!r} (pilih rate atau count)")
    out = rows.copy()
    out["kode"] = out["kode"].astype(str)
    penduduk = pd.to_numeric(out["penduduk"], errors="coerce").astype(float)  # nullable ints -> NaN
    kasus = pd.to_numeric(out["kasus"], errors="coerce").astype(float).fillna(0)
    if ukuran == "rate":
        out["nilai"] = 1000.0 * kasus / penduduk.where(penduduk > 0)
    else:
        out["nilai"] = kasus.astype(float)
    if suppress and ranges.has_parts(out):
        out = ranges.at_low_end(out, penduduk, ukuran)
    elif suppress:
        small = kasus.between(1, 4)
        out["nilai"] = out["nilai"].where(~small)
        out["teks"] = pd.Series(SMALL_TEXT, index=out.index, dtype=object).where(small, None)
    out["peringkat"] = _rank(out["nilai"])
    for level in ("kec", "kab"):
        key = out[f"kode_{level}"]
        out[f"peringkat_{level}"] = _rank(out["nilai"], key)
        out[f"n_{level}"] = out["nilai"].notna().groupby(key).transform("sum")
    return out


def is_small(kasus) -> bool:
    """Whether a case count is 1–4 (shown '<5' when small numbers are hidden)."""
    return kasus is not None and not pd.isna(kasus) and 1 <= float(kasus) <= 4


def class_labels(values: pd.Series, classes: maps.Classes) -> list[str]:
    """The legend label of each value's class ('Tidak ada data' for NaN)."""
    idx = classes.assign(values)
    return [classes.labels[i] if i >= 0 else NO_DATA_LABEL for i in idx]


def shared_classes(a: pd.Series, b: pd.Series, scheme: str, k: int) -> maps.Classes:
    """Classes computed from both periods' values, so two maps side by side use the same colours."""
    return maps.classify(pd.concat([a, b], ignore_index=True), scheme, k)


def value_text(x: float, ukuran: str) -> str:
    """'12,3' for a rate, '1.234' for a count, '–' for no data."""
    if x is None or pd.isna(x):
        return fmt.MISSING
    return fmt.decimal(x, 2) if ukuran == "rate" else fmt.number(x)


def kategori_label(kategori: Sequence[str], names: dict[str, str], limit: int | None = 3) -> str:
    """'Semua kategori PMKS', '24 Fakir Miskin' or '2 kategori: Penyandang Disabilitas, Fakir Miskin'.

    Several categories are named in code order, at most `limit` of them ('… dan 2 lainnya'); None names all
    (the Excel parameters)."""
    if not kategori:
        return ALL_CATEGORIES
    if len(kategori) == 1:
        return f"{kategori[0]} {names.get(kategori[0], '')}".strip()
    named = [names.get(k) or k for k in sorted(kategori)]
    shown = named if limit is None or len(named) <= limit else named[:limit]
    rest = f" dan {len(named) - len(shown)} lainnya" if len(shown) < len(named) else ""
    return f"{len(kategori)} kategori: {', '.join(shown)}{rest}"


def chronological(a: Periode, b: Periode) -> tuple[Periode, Periode]:
    """The two periods of a comparison, earlier first (by end year, then start year): left, right."""
    return (a, b) if (a.akhir, a.awal) <= (b.akhir, b.awal) else (b, a)


def map_spec(
    *,
    ukuran: str,
    kategori_text: str,
    wilayah_nama: str,
    periode: Periode,
    scheme: str,
    k: int,
    palette: str,
    asof: str = "",
    demo: bool = False,
    presentation: bool = False,
    suppress_small: bool = True,
    level: str = "desa",
    show_title: bool = False,
) -> maps.MapSpec:
    """Title, subtitle and legend text of the PMKS map (the same in the app, the exports and the CLI).

    `level` is what the polygons are ('desa', or 'kab' on the all-provinces map); the title names it."""
    title = f"{UKURAN[ukuran]} per {LEVEL_TEXT[level]}"
    return maps.MapSpec(
        title=title,
        subtitle=f"{wilayah_nama} · {periode.label} · {kategori_text}",
        value_label=UKURAN_SHORT[ukuran],
        scheme=scheme,
        k=k,
        palette=palette,
        source_note=SUMBER_DEMO if demo else SUMBER,
        asof=asof,
        presentation=presentation,
        suppress_small=suppress_small,
        no_data_label=NO_DATA_OR_SMALL if suppress_small else NO_DATA_LABEL,
        show_title=show_title,
    )


def drill_target(scope: str, clicked: str) -> dict[str, str] | None:
    """Sidebar picker values that zoom one step into the clicked polygon's area, or None.

    All provinces (kabupaten polygons) -> that kabupaten; a province (desa polygons) -> the desa's
    kabupaten; a kabupaten -> the desa's kecamatan; a kecamatan -> nothing (the desa panel opens).
    """
    if not clicked or not wilayah.contains(scope, clicked):
        return None
    parts = clicked.split(".")
    level = wilayah.level(scope)
    if level == "nasional" or level == "prov":
        return {"pilih_prov": parts[0], "pilih_kab": ".".join(parts[:2]), "pilih_kec": ""}
    if level == "kab" and len(parts) >= 3:
        return {"pilih_prov": parts[0], "pilih_kab": ".".join(parts[:2]), "pilih_kec": ".".join(parts[:3])}
    return None


def parent_target(scope: str) -> dict[str, str] | None:
    """Picker values one level up from a kecamatan or kabupaten (the 'back' button), or None."""
    parts = scope.split(".") if scope else []
    if len(parts) < 2:
        return None
    up = parts[:-1]
    return {
        key: ".".join(up[: i + 1]) if len(up) > i else ""
        for i, key in enumerate(("pilih_prov", "pilih_kab", "pilih_kec"))
    }


@dataclass(frozen=True)
class Pilihan:
    """Which desa the detail panel shows, and the last map click / table row already acted on."""

    kode: str | None = None
    last_click: str | None = None
    last_row: str | None = None


def choose(prev: Pilihan, clicked: str | None, row: str | None, scope: str) -> Pilihan:
    """The newest of a map click and a table row selection wins; a desa outside the scope is dropped."""
    kode = prev.kode
    if clicked and clicked != prev.last_click:
        kode = clicked
    elif row and row != prev.last_row:
        kode = row
    if kode and (len(kode.split(".")) != 4 or not wilayah.contains(scope, kode)):
        kode = None
    return Pilihan(kode, clicked, row)


def kabupaten_of(kode: str) -> str:
    """'35.23' for any code inside Kabupaten Tuban (the context for a desa's kabupaten rank)."""
    return ".".join(kode.split(".")[:2])


def within_provinces(layer, values: pd.DataFrame):
    """The layer's rows in provinces that have data (all-provinces view: no empty half of Indonesia)."""
    if layer is None or "kode_prov" not in values:
        return layer
    provs = set(values["kode_prov"].astype(str))
    out = layer[layer["kode_prov"].astype(str).isin(provs)].reset_index(drop=True)
    # Upper-level layers carry empty parent names (NaN); the map encoder needs text.
    names = [c for c in ("nama", "nama_kec", "nama_kab", "nama_prov") if c in out.columns]
    return out.assign(**{c: out[c].fillna("") for c in names})


def is_demo(meta: pd.DataFrame) -> bool:
    """Whether the database holds the synthetic demo data set (app/dataset_meta rows)."""
    hit = meta.loc[meta["key"] == "dataset", "value"]
    return bool(len(hit)) and hit.iloc[0] == "demo"
