"""The frames the Impor Data page shows and the Excel staff fix: the row accounting of an import, the
quarantined rows in the file's own layout, the desa names waiting for a choice with their candidates,
the import log and the quarantine list. Never a NIK: raw_json keeps only 'hash:…' for the NIK columns,
and those columns are dropped here before anything is shown or written."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pandas as pd

from petakesos import db
from petakesos.config import Settings
from petakesos.features.impor import text
from petakesos.ingest import desa_names

NIK_KEYS = ("nik", "nik_psm")
DESA_REASON = "nama desa"  # in every reason the desa-name matcher writes (desa_names)
_DESA_COLUMNS = [text.DESA_WRITTEN, text.KEC_WRITTEN, text.ROWS]


def accounts(result: dict, originals: dict[str, str]) -> pd.DataFrame:
    """One row per imported file: its name as uploaded, kind, and the counts of ACCOUNT_LABELS."""
    rows = [
        {
            text.FILE: originals.get(f["file"], f["file"]),
            text.KIND: text.KIND_LABELS.get(f["kind"], f["kind"]),
            **{label: int(f[key]) for key, label in text.ACCOUNT_LABELS.items()},
        }
        for f in result.get("files", [])
    ]
    return pd.DataFrame(rows, columns=[text.FILE, text.KIND, *text.ACCOUNT_LABELS.values()])


def adds_up(row: pd.Series) -> bool:
    """dibaca = diimpor + karantina + duplikat: every data row of the file accounted for once."""
    labels = text.ACCOUNT_LABELS
    return row[labels["read"]] == row[labels["imported"]] + row[labels["quarantined"]] + row[labels["duplicate"]]


def chart_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The accounting in long form (file, count name, rows) for a grouped bar chart; 'Dibaca' left out,
    being the sum of the three bars beside it."""
    shown = [v for k, v in text.ACCOUNT_LABELS.items() if k != "read"]
    return table.melt(id_vars=[text.FILE], value_vars=shown, var_name="hitungan", value_name=text.CHART_Y)


def _raw(frame: pd.DataFrame) -> list[dict]:
    return [json.loads(r) for r in frame["raw_json"]]


def original_layout(karantina: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """Quarantined rows as the file had them: its columns in its order under its own headers (`headers`,
    canonical -> as written; a key not there keeps its canonical name), then 'Baris asal', 'Berkas asal'
    and 'Alasan', which tell the importer where a fixed row belongs (ingest.correction). The NIK columns
    are left out: they hold only a hash (the importer carries it over)."""
    raws = _raw(karantina)
    keys = [k for k in headers if k not in NIK_KEYS]
    keys += sorted({k for r in raws for k in r} - set(keys) - set(NIK_KEYS))
    out = pd.DataFrame([[r.get(k) for k in keys] for r in raws], columns=[headers.get(k) or k for k in keys])
    out[text.ROW] = karantina["row_number"].astype(int).to_numpy()
    out[text.SOURCE] = karantina["file_name"].to_numpy()
    out[text.REASON] = karantina["alasan"].to_numpy()
    return out


def unsure_desa(karantina: pd.DataFrame) -> pd.DataFrame:
    """One row per desa name (with the kecamatan written beside it) quarantined because the name was
    unsure or ambiguous, with the number of rows it holds back."""
    rows = karantina[karantina["alasan"].str.contains(DESA_REASON, regex=False)]
    if rows.empty:
        return pd.DataFrame(columns=_DESA_COLUMNS)
    raws = _raw(rows)
    names = pd.DataFrame(
        {
            text.DESA_WRITTEN: [r.get("kode_desa", "") for r in raws],
            text.KEC_WRITTEN: [r.get("nama_kecamatan", "") for r in raws],
        }
    )
    return names.value_counts(sort=False).rename(text.ROWS).reset_index()


def kabupaten_of(wilayah: str) -> str:
    """The kabupaten code of a wilayah at kabupaten level or below ('35.23.01' -> '35.23'), else ''."""
    parts = wilayah.split(".") if wilayah else []
    return ".".join(parts[:2]) if len(parts) >= 2 else ""


def choices(connection, kabupaten: str, unsure: pd.DataFrame) -> pd.DataFrame:
    """One row per (name, candidate) for the data editor, best candidate first and ticked when it is the
    only one with the top score; candidates from desa_names.candidates, read on a cursor of `connection`
    (the app's shared read-only connection) closed right after."""
    with contextlib.closing(connection.cursor()) as con:
        rows = _choice_rows(con, kabupaten, unsure)
    return pd.DataFrame(
        rows, columns=["Pilih", *_DESA_COLUMNS[:2], "Kandidat", "Kecamatan kandidat", "Kode desa", "Skor"]
    )


def _choice_rows(con, kabupaten: str, unsure: pd.DataFrame) -> list[dict]:
    rows = []
    for desa, kec in zip(unsure[text.DESA_WRITTEN], unsure[text.KEC_WRITTEN]):
        found = desa_names.candidates(con, kabupaten, kec or None, desa)
        top = [c for c in found if c.skor == found[0].skor] if found else []
        for c in found:
            rows.append(
                {
                    "Pilih": len(top) == 1 and c is found[0],
                    text.DESA_WRITTEN: desa,
                    text.KEC_WRITTEN: kec,
                    "Kandidat": c.nama,
                    "Kecamatan kandidat": c.nama_kec,
                    "Kode desa": c.kode,
                    "Skor": c.skor,
                }
            )
    return rows


def chosen(edited: pd.DataFrame) -> pd.DataFrame:
    """The ticked rows, one per name; ValueError (in Indonesian) when a name has two ticks."""
    ticked = edited[edited["Pilih"].astype(bool)]
    twice = ticked[ticked.duplicated([text.DESA_WRITTEN, text.KEC_WRITTEN], keep=False)]
    if not twice.empty:
        raise ValueError(f"Pilih satu kode saja untuk nama desa '{twice[text.DESA_WRITTEN].iloc[0]}'.")
    return ticked


def confirm(settings: Settings, store: str, kabupaten: str, picked: pd.DataFrame) -> int:
    """Store each choice (desa_names.confirm) on a read-write connection closed right after; returns how
    many (0 without opening the store when nothing is ticked)."""
    if picked.empty:
        return 0
    with contextlib.closing(db.open_store(settings, read_only=False, store=store)) as con:
        for desa, kec, kode in zip(picked[text.DESA_WRITTEN], picked[text.KEC_WRITTEN], picked["Kode desa"]):
            desa_names.confirm(con, kabupaten, kec or None, desa, kode)
    return len(picked)


def history(log: pd.DataFrame) -> pd.DataFrame:
    """The import log as the page shows it: when, by whom, file, kind, checksum and the accounting (an
    import from before the log named its user shows '-')."""
    labels = text.ACCOUNT_LABELS
    return pd.DataFrame(
        {
            text.WHEN: pd.to_datetime(log["imported_at"]).dt.strftime("%Y-%m-%d %H:%M:%S"),
            text.FILE: log["file_name"],
            text.BY: log["imported_by"].fillna("-"),
            text.KIND: log["kind"].map(lambda k: text.KIND_LABELS.get(k, k)),
            labels["read"]: log["n_read"].astype(int),
            labels["imported"]: log["n_imported"].astype(int),
            labels["quarantined"]: log["n_quarantined"].astype(int),
            labels["duplicate"]: log["n_duplicate"].astype(int),
            text.CHECKSUM: log["file_sha256"],
        }
    )


def quarantine_list(karantina: pd.DataFrame) -> pd.DataFrame:
    """The quarantine as the district's staff read it: file, row, name and desa as written, column and reason."""
    raws = _raw(karantina)
    return pd.DataFrame(
        {
            text.FILE: karantina["file_name"].to_numpy(),
            text.ROW: karantina["row_number"].astype(int).to_numpy(),
            "Nama": [r.get("nama", "") for r in raws],
            text.DESA_WRITTEN: [r.get("kode_desa", "") for r in raws],
            text.COLUMN: karantina["kolom"].to_numpy(),
            text.REASON: karantina["alasan"].to_numpy(),
        }
    )


def excel_name(original: str) -> str:
    """'kasus tuban.xlsx' -> 'karantina_kasus tuban.xlsx'."""
    return f"karantina_{Path(original).stem}.xlsx"


def audit_detail(status, chosen: list[dict]) -> str:
    """The audit line of one import: the files as uploaded and, per file, read = imported + quarantined +
    duplicate, or the refusal."""
    names = ", ".join(c["source"] for c in chosen)
    if status.error:
        return f"{names}: ditolak ({status.error})"
    counts = [
        f"{f['file']}: {f['read']} = {f['imported']} + {f['quarantined']} + {f['duplicate']}"
        for f in (status.result or {}).get("files", [])
    ]
    return f"{names} — {'; '.join(counts)}"
