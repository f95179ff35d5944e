"""The one "belum ada data" notice: the picker offers every wilayah of Indonesia, and a page opened on one
without data says so plainly (and where data are) instead of breaking or drawing empty charts."""

from __future__ import annotations

import streamlit as st

from petakesos import data
from petakesos.fmt import plain
from petakesos.ui.sidebar import Filters, display_name

IMPORT_HINT = "impor data lewat halaman Impor Data."


def _joined(names: list[str]) -> str:
    """'A', 'A dan B', 'A, B dan C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} dan {names[-1]}"


def _wilayah_name(filters: Filters) -> str:
    """'Provinsi Aceh', 'Kabupaten Aceh Selatan, Aceh', 'Kecamatan Bakongan, Kabupaten Aceh Selatan'."""
    if filters.tingkat == "nasional":
        return "seluruh Indonesia"
    name = display_name(filters.wilayah)
    return f"Provinsi {name}" if filters.tingkat == "prov" else name


def message(filters: Filters) -> str | None:
    """The notice for the chosen wilayah, or None when it has data (any population, case or PSM row)."""
    if bool(data.query("app/wilayah_ada_data", wilayah=filters.wilayah)["wilayah_ada"].iloc[0]):
        return None
    provinces = data.query("app/nasional_provinsi_with_data", wilayah=filters.wilayah)
    text = f"Belum ada data untuk {plain(_wilayah_name(filters))}. "
    if provinces.empty:
        return text + IMPORT_HINT[0].upper() + IMPORT_HINT[1:]
    meta = data.query("app/dataset_meta")
    demo = ((meta["key"] == "dataset") & (meta["value"] == "demo")).any()
    where = _joined([plain(n) for n in provinces["nama"]])
    return text + f"{'Data contoh' if demo else 'Data'} tersedia untuk {where}; {IMPORT_HINT}"


def stop_without_data(filters: Filters, stop: bool = True) -> bool:
    """Show the notice when the wilayah has no data and (unless `stop=False`, e.g. the import page) end the
    page there; returns whether the wilayah has data. Call it right after ui.page_filters()."""
    text = message(filters)
    if text is None:
        return True
    st.info(text, icon=":material/database_off:")
    if stop:
        st.stop()
    return False
