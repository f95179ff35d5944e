"""What pages/cakupan.py draws, as plain values: metric cards, the two map specs, the table captions
and the Excel parameters. Pure (no Streamlit), so the page only composes and the tests can read them."""

from __future__ import annotations

import datetime as dt

from petakesos import clock, fmt, maps
from petakesos.features.cakupan import between, coverage_parameters, text
from petakesos.features.cakupan.text import DEFINITIONS, NAMES

MAP_HEIGHT = 540


def metric_cards(t: dict, suppress: bool = True) -> list[dict]:
    """Keyword arguments of the six st.metric cards (two rows of three) from `totals`.

    With `suppress` (the default, so a caller that forgets cannot leak) the case totals are the ranges
    the desa shown as "<5" allow and the loads leave those desa out (see `totals`)."""

    def count(key: str) -> str:
        value = between(*t[f"{key}_besar"]) if suppress else t[key]
        return value if isinstance(value, str) else fmt.number(value)

    def load(key: str) -> str:
        return fmt.decimal(t[f"{key}_besar" if suppress else key])

    def share(n: int) -> dict:
        label = text.SHARE.format(n=fmt.number(n), total=fmt.number(t["desa"]))
        return {"delta": label, "delta_color": "off", "delta_arrow": "off"}

    def card(label: str, value: str, help: str, **delta) -> dict:
        return {"label": label, "value": value, "help": help} | delta

    small_note = text.LOADS_WITHOUT_SMALL if suppress else ""
    return [
        card(NAMES["desa_tanpa_psm"], fmt.number(t["tanpa"]), DEFINITIONS["psm_aktif"], **share(t["tanpa"])),
        card(text.DESA_BELUM, fmt.number(t["belum"]), DEFINITIONS["psm_terlatih"], **share(t["belum"])),
        card(text.DESA_TERCAKUP, fmt.number(t["tercakup"]), DEFINITIONS["psm_terlatih"], **share(t["tercakup"])),
        card(
            text.KASUS_TANPA_PSM,
            count("kasus_tanpa_psm"),
            text.HELP_KASUS_TANPA_PSM,
            delta=text.OF_CASES.format(n=count("kasus")),
            delta_color="off",
            delta_arrow="off",
        ),
        card(text.MEDIAN_BEBAN, load("median_beban"), DEFINITIONS["kasus_per_psm"] + small_note),
        card(text.MAX_BEBAN, load("max_beban"), DEFINITIONS["kasus_per_psm"] + small_note),
    ]


def subtitle(filters) -> str:
    """'Kabupaten Tuban · 2023' under both map titles."""
    return f"{filters.nama} · {filters.tahun}"


def status_spec(filters) -> maps.MapSpec:
    """The coverage map: three statuses on a sequential palette, worst darkest (see `status_classes`)."""
    return maps.MapSpec(
        title=text.MAP_STATUS,
        subtitle=subtitle(filters),
        value_label=text.STATUS_LABEL,
        scheme="equal_interval",
        k=3,
        palette="YlOrRd",
        source_note=text.SOURCE,
    )


def load_spec(filters, no_data_label: str) -> maps.MapSpec:
    """The caseload map: cases per PSM in quintiles; desa without PSM are the no-data class, named."""
    return maps.MapSpec(
        title=text.MAP_BEBAN,
        subtitle=subtitle(filters),
        value_label=NAMES["kasus_per_psm"],
        scheme="quantile",
        k=5,
        palette="Purples",
        source_note=text.SOURCE,
        suppress_small=filters.samarkan_kecil,
        no_data_label=no_data_label + (text.OR_SMALL if filters.samarkan_kecil else ""),
    )


def table_captions(tables: dict) -> list[str]:
    """One caption per table: the desa table (last) is sorted by cases, the area tables by share without PSM."""
    return [text.SORTED_DESA if i == len(tables) - 1 else text.SORTED for i in range(len(tables))]


def parameters(filters, demo: bool, today: dt.date | None = None) -> dict:
    """The Parameter sheet of the page's Excel download."""
    return coverage_parameters(
        nama=filters.nama,
        kode=filters.wilayah,
        tahun=filters.tahun,
        suppress=filters.samarkan_kecil,
        demo=demo,
        generated=(today or clock.today()).isoformat(),
    )


def file_name(filters) -> str:
    """'cakupan_psm_35.23_2023.xlsx' ('semua' for all provinces)."""
    return f"cakupan_psm_{filters.wilayah or 'semua'}_{filters.tahun}.xlsx"
