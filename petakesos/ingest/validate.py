"""Turn a raw export into typed rows plus, for every bad row, the columns at fault and why (in Indonesian)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera import Check

from petakesos.ingest import parse
from petakesos.ingest.kinds import PELATIHAN, PMKS, PSM, Kind
from petakesos.ingest.readers import ROW_COL

DEFAULT_VERSI = "permensos-8-2012"
STATUSES = ("aktif", "ditangani", "dirujuk", "selesai")


@dataclass(frozen=True)
class Refs:
    """Reference sets a row is checked against."""

    desa_codes: frozenset[str]
    categories: frozenset[tuple[str, str]]  # (versi, kode)
    today: dt.date


@dataclass(frozen=True)
class Validated:
    good: pd.DataFrame  # typed columns of the kind, plus ROW_COL
    rejects: pd.DataFrame  # ROW_COL, kolom, alasan — one row per rejected input row


_DATE_COLUMNS = {
    "pmks": ("tanggal_lahir", "tanggal_catat", "tanggal_selesai"),
    "psm": ("tanggal_lahir", "tanggal_sk", "tanggal_nonaktif"),
    "pelatihan": ("tanggal_mulai", "tanggal_selesai"),
    "penduduk": (),
}
_INT_COLUMNS = {"penduduk": ("tahun", "penduduk", "laki_laki", "perempuan")}
_BOOL_COLUMNS = {"psm": ("aktif",), "pelatihan": ("lulus",)}


def _typed(kind: Kind, raw: pd.DataFrame) -> pd.DataFrame:
    """Typed copy of the raw text: parse failures become missing (reported separately)."""
    frame = raw.copy()
    for col in kind.required + kind.optional:
        if col not in frame:
            frame[col] = pd.Series(None, index=frame.index, dtype="str")
    for col in _DATE_COLUMNS[kind.name]:
        frame[col] = parse.dates(raw.get(col, frame[col]))
    for col in _INT_COLUMNS.get(kind.name, ()):
        frame[col] = parse.integers(frame[col])
    for col in _BOOL_COLUMNS.get(kind.name, ()):
        frame[col] = parse.yes_no(frame[col])
    for col in ("kode_desa", "kode_desa_ktp"):
        if col in frame:
            frame[col] = parse.desa_codes(frame[col])
    if "jenis_kelamin" in frame:
        frame["jenis_kelamin"] = parse.sex(frame["jenis_kelamin"])
    if kind is PMKS:
        frame["kode_pmks"] = parse.category_codes(frame["kode_pmks"])
        frame["versi_daftar"] = frame["versi_daftar"].fillna(DEFAULT_VERSI)
        frame["status"] = frame["status"].str.lower()
    if kind is PELATIHAN:
        frame["jenis_pelatihan"] = frame["jenis_pelatihan"].str.replace(r"\s+", " ", regex=True)
    return frame


def _schema(kind: Kind, refs: Refs) -> pa.DataFrameSchema:
    """Column-wise checks (pandera). Missing values are reported by _missing, so columns are nullable."""
    today = pd.Timestamp(refs.today)
    nik = pa.Column(str, Check.str_matches(r"^\d{16}$", error="NIK harus 16 digit angka"), nullable=True)
    sex = pa.Column(str, Check.isin(["L", "P"], error="jenis kelamin harus L atau P"), nullable=True)
    desa = pa.Column(
        str, Check.isin(refs.desa_codes, error="kode desa tidak ada dalam daftar Kemendagri 2025"), nullable=True
    )
    birth = pa.Column(
        "datetime64[s]",
        [
            Check.ge(pd.Timestamp("1900-01-01"), error="tanggal lahir sebelum 1900"),
            Check.le(today, error="tanggal lahir di masa depan"),
        ],
        nullable=True,
    )

    def event(label: str) -> pa.Column:
        return pa.Column(
            "datetime64[s]",
            [
                Check.ge(pd.Timestamp("2000-01-01"), error=f"{label} sebelum tahun 2000"),
                Check.le(today, error=f"{label} di masa depan"),
            ],
            nullable=True,
        )

    columns: dict[str, pa.Column]
    if kind is PMKS:
        columns = {
            "nik": nik,
            "jenis_kelamin": sex,
            "tanggal_lahir": birth,
            "kode_desa": desa,
            "tanggal_catat": event("tanggal catat"),
            "tanggal_selesai": event("tanggal selesai"),
            "status": pa.Column(
                str, Check.isin(STATUSES, error="status harus salah satu dari: " + ", ".join(STATUSES)), nullable=True
            ),
        }
    elif kind is PSM:
        columns = {
            "nik": nik,
            "jenis_kelamin": sex,
            "tanggal_lahir": birth,
            "kode_desa": desa,
            "kode_desa_ktp": desa,
            "tanggal_sk": event("tanggal SK"),
            "tanggal_nonaktif": event("tanggal nonaktif"),
        }
    elif kind is PELATIHAN:
        columns = {"nik_psm": nik, "tanggal_mulai": event("tanggal mulai"), "tanggal_selesai": event("tanggal selesai")}
    else:
        count = pa.Column("Int64", Check.ge(0, error="jumlah tidak boleh negatif"), nullable=True)
        columns = {
            "kode_desa": desa,
            "tahun": pa.Column(
                "Int64", Check.in_range(2000, 2100, error="tahun harus 2000 sampai 2100"), nullable=True
            ),
            "penduduk": count,
            "laki_laki": count,
            "perempuan": count,
        }
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


def _schema_errors(kind: Kind, typed: pd.DataFrame, refs: Refs) -> pd.DataFrame:
    try:
        _schema(kind, refs).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna() & cases["column"].notna()]
        return pd.DataFrame(
            {
                "idx": cases["index"].astype(int).to_numpy(),
                "kolom": cases["column"].astype(str).to_numpy(),
                "alasan": cases["check"].astype(str).to_numpy(),
            }
        )
    return pd.DataFrame(columns=["idx", "kolom", "alasan"])


def _errors_where(mask: pd.Series, kolom: str, alasan: str) -> pd.DataFrame:
    idx = mask[mask.fillna(False).astype(bool)].index
    return pd.DataFrame({"idx": idx, "kolom": kolom, "alasan": alasan})


def _missing_and_format(kind: Kind, raw: pd.DataFrame, typed: pd.DataFrame) -> list[pd.DataFrame]:
    found = []
    for col in kind.required:
        found.append(_errors_where(raw.get(col, pd.Series(None, index=raw.index)).isna(), col, "wajib diisi"))
    parsed = (
        [(c, "bukan tanggal yang sah (tulis YYYY-MM-DD)") for c in _DATE_COLUMNS[kind.name]]
        + [(c, "harus bilangan bulat") for c in _INT_COLUMNS.get(kind.name, ())]
        + [(c, "harus Y atau T") for c in _BOOL_COLUMNS.get(kind.name, ())]
    )
    for col, reason in parsed:
        if col in raw:
            bad = raw[col].notna() & typed[col].isna()
            values = raw[col][bad.fillna(False)]
            found.append(
                pd.DataFrame({"idx": values.index, "kolom": col, "alasan": [f"{reason}: '{v}'" for v in values]})
            )
    return found


def _cross_field(kind: Kind, t: pd.DataFrame, refs: Refs) -> list[pd.DataFrame]:
    """Checks that need more than one column."""
    if kind is PMKS:
        known = pd.Series(list(zip(t["versi_daftar"], t["kode_pmks"])), index=t.index).isin(refs.categories)
        return [
            _errors_where(
                t["kode_pmks"].notna() & ~known,
                "kode_pmks",
                "kode PMKS tidak ada dalam daftar kategori untuk versi_daftar ini",
            ),
            _errors_where(
                t["tanggal_catat"] < t["tanggal_lahir"], "tanggal_catat", "tanggal catat sebelum tanggal lahir"
            ),
            _errors_where(
                (t["status"] == "selesai") & t["tanggal_selesai"].isna(),
                "tanggal_selesai",
                "wajib diisi bila status selesai",
            ),
            _errors_where(
                t["tanggal_selesai"] < t["tanggal_catat"], "tanggal_selesai", "tanggal selesai sebelum tanggal catat"
            ),
        ]
    if kind is PSM:
        # Only impossible dates are refused. A PSM under 18 at the SK date breaks Permensos 10/2019, but that
        # is a fact of the register: imported, and flagged on the Pelatihan page (queries/app/psm_eligibility.sql
        # holds the one age rule), never dropped from the counts here.
        return [
            _errors_where(t["tanggal_sk"] < t["tanggal_lahir"], "tanggal_sk", "tanggal SK sebelum tanggal lahir"),
            _errors_where(
                t["tanggal_nonaktif"] < t["tanggal_sk"], "tanggal_nonaktif", "tanggal nonaktif sebelum tanggal SK"
            ),
        ]
    if kind is PELATIHAN:
        return [
            _errors_where(
                t["tanggal_selesai"] < t["tanggal_mulai"], "tanggal_selesai", "tanggal selesai sebelum tanggal mulai"
            )
        ]
    both = t["laki_laki"].notna() & t["perempuan"].notna()
    return [
        _errors_where(
            both & (t["laki_laki"] + t["perempuan"] != t["penduduk"]),
            "penduduk",
            "laki_laki + perempuan tidak sama dengan penduduk",
        )
    ]


def validate(kind: Kind, raw: pd.DataFrame, refs: Refs) -> Validated:
    """Split the rows of one export into good typed rows and rejected rows with their reasons."""
    raw = raw.reset_index(drop=True)
    typed = _typed(kind, raw)
    errors = pd.concat(
        _missing_and_format(kind, raw, typed) + [_schema_errors(kind, typed, refs)] + _cross_field(kind, typed, refs),
        ignore_index=True,
    ).drop_duplicates(["idx", "kolom"])
    rejects = (
        errors.sort_values(["idx", "kolom"])
        .groupby("idx", sort=True)
        .agg(
            kolom=("kolom", ", ".join),
            alasan=("alasan", lambda a: "; ".join(f"kolom {k}: {r}" for k, r in zip(errors.loc[a.index, "kolom"], a))),
        )
    )
    rejects.insert(0, ROW_COL, raw.loc[rejects.index, ROW_COL].to_numpy())
    good = typed.drop(index=rejects.index)
    return Validated(good=good, rejects=rejects)
