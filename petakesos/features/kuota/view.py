"""What pages/kuota.py draws besides its inputs, as plain values: the map spec, the Parameter sheet and
the file name. Kept apart from the package root so the planner (and the command line) does not load
the map code."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from petakesos import fmt, maps
from petakesos.allocate.engine import METHOD_LABELS, AllocationParams
from petakesos.features.kuota import parameters, text

MAP_HEIGHT = 520


def map_spec(filters, params: AllocationParams) -> maps.MapSpec:
    """New slots per desa, five equal steps in greens; the subtitle names the slots and the method."""
    return maps.MapSpec(
        title=text.MAP,
        subtitle=text.MAP_SUBTITLE.format(
            nama=filters.nama, tahun=filters.tahun, slots=fmt.number(params.slots), method=METHOD_LABELS[params.method]
        ),
        value_label=text.NEW_SLOTS,
        scheme="equal_interval",
        k=5,
        palette="Greens",
        source_note=text.SOURCE,
    )


def sheet(filters, params: AllocationParams, units: pd.DataFrame, demo: bool, now: dt.datetime | None = None) -> dict:
    """The Parameter sheet of the page's download (see `petakesos.features.kuota.parameters`)."""
    return parameters(
        nama=filters.nama,
        kode=filters.wilayah,
        tahun=filters.tahun,
        params=params,
        names=dict(zip(units["kode_desa"], units["nama_desa"])),
        kec_names=dict(zip(units["kode_kec"], units["nama_kec"])),
        demo=demo,
        suppress=filters.samarkan_kecil,
        generated=(now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M"),
    )


def file_name(filters, params: AllocationParams) -> str:
    """'rencana_kuota_psm_18.01_2025_50_satu_per_desa.xlsx'."""
    return f"rencana_kuota_psm_{filters.wilayah}_{filters.tahun}_{params.slots}_{params.method}.xlsx"
