"""The quota planner as pure functions, shared by pages/kuota.py and `python -m petakesos allocate` so both
use one workbook layout: what the planner types (`inputs`), the reason per desa as it may be shown
(`reasons`), the tables and workbook (`tables`). Words live in `text`; what only the page draws in `view`.
"""

from __future__ import annotations

from petakesos.features.kuota.inputs import (  # noqa: F401  (the package's public names)
    QUOTA_COLUMN,
    QUOTA_READONLY,
    allocation_params,
    check_scope,
    desa_options,
    has_population,
    parse_slots,
    quota_frame,
    quota_from_editor,
    scope_problem,
    several_kecamatan,
    units,
)
from petakesos.features.kuota.reasons import reason_line, reason_of, shown_reasons  # noqa: F401
from petakesos.features.kuota.tables import (  # noqa: F401
    SCREEN_ORDER,
    allocation_table,
    kecamatan_summary,
    kecamatan_table,
    parameters,
    sheets,
    slot_values,
    summary_lines,
    summary_shown,
    summary_table,
    workbook,
)
from petakesos.features.kuota.text import ALLOC_LABELS, KEC_LABELS, QUOTA_LABELS  # noqa: F401
