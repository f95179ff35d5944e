"""The four export kinds of data/README.md: their columns, keys and target tables."""

from __future__ import annotations

from dataclasses import dataclass

from petakesos.ingest.columns import spellings


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # in Bahasa Indonesia, for messages
    table: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    nik_column: str | None  # hashed before storage, never stored in clear
    key_columns: tuple[str, ...]  # typed columns that identify a row across re-imports
    store_columns: tuple[str, ...]  # typed columns written to the table


PMKS = Kind(
    name="pmks",
    label="register kasus PMKS",
    table="pmks_kasus",
    required=("nik", "nama", "jenis_kelamin", "tanggal_lahir", "kode_pmks", "kode_desa", "tanggal_catat", "status"),
    optional=("versi_daftar", "tanggal_selesai", "sumber"),
    nik_column="nik",
    key_columns=("nik_hash", "versi_daftar", "kode_pmks", "kode_desa", "tanggal_catat"),
    store_columns=(
        "nik_hash",
        "nama",
        "jenis_kelamin",
        "tanggal_lahir",
        "versi_daftar",
        "kode_pmks",
        "kode_desa",
        "tanggal_catat",
        "status",
        "tanggal_selesai",
        "sumber",
    ),
)

PSM = Kind(
    name="psm",
    label="register PSM",
    table="psm",
    required=("nik", "nama", "jenis_kelamin", "tanggal_lahir", "kode_desa", "no_sk", "tanggal_sk", "aktif"),
    optional=("kode_desa_ktp", "tanggal_nonaktif", "no_hp"),
    nik_column="nik",
    key_columns=("nik_hash",),
    store_columns=(
        "nik_hash",
        "nama",
        "jenis_kelamin",
        "tanggal_lahir",
        "kode_desa",
        "kode_desa_ktp",
        "no_sk",
        "tanggal_sk",
        "aktif",
        "tanggal_nonaktif",
    ),
)

PELATIHAN = Kind(
    name="pelatihan",
    label="data pelatihan PSM",
    table="pelatihan",
    required=("nik_psm", "jenis_pelatihan", "tanggal_mulai", "tanggal_selesai", "penyelenggara", "lulus"),
    optional=("no_sertifikat",),
    nik_column="nik_psm",
    key_columns=("nik_hash", "jenis_pelatihan", "tanggal_mulai"),
    store_columns=(
        "nik_hash",
        "jenis_pelatihan",
        "tanggal_mulai",
        "tanggal_selesai",
        "penyelenggara",
        "lulus",
        "no_sertifikat",
    ),
)

PENDUDUK = Kind(
    name="penduduk",
    label="data penduduk per desa",
    table="penduduk_desa",
    required=("kode_desa", "tahun", "penduduk"),
    optional=("laki_laki", "perempuan"),
    nik_column=None,
    key_columns=("kode_desa", "tahun"),
    store_columns=("kode_desa", "tahun", "penduduk", "laki_laki", "perempuan"),
)

KINDS = (PMKS, PSM, PELATIHAN, PENDUDUK)


class WrongKind(ValueError):
    """The header matches no export kind; the message names the file and what is missing."""


BY_NAME = {k.name: k for k in KINDS}


def closest(columns: list[str]) -> Kind:
    """The kind sharing the most required columns with the header (the page pre-selects it)."""
    present = set(columns)
    matches = [k for k in KINDS if set(k.required) <= present]
    if matches:
        return max(matches, key=lambda k: len(k.required))
    return max(KINDS, key=lambda k: len(set(k.required) & present))


def detect(file_name: str, columns: list[str], chosen: str | None = None) -> Kind:
    """The kind whose required columns all appear in the header (the most specific one wins), or the kind
    `chosen` by hand (a name of KINDS) when all its required columns appear.

    When none fits, the message names the closest (or chosen) kind, its missing columns with the header
    spellings accepted for each (data/impor/kolom.csv), and the columns that were found.
    """
    present = set(columns)
    best = BY_NAME[chosen] if chosen else closest(columns)
    if set(best.required) <= present:
        return best
    missing = [c for c in best.required if c not in present]
    accepted = "; ".join(f"{c} (judul yang dikenali: {', '.join(spellings(c)) or c})" for c in missing)
    hint = ""
    if best.nik_column == "nik_psm" and "nik" in present:
        hint = " Pada data pelatihan, kolom NIK harus berjudul 'NIK PSM'."
    fits = (
        f"jenis yang dipilih, {best.label}, memerlukan kolom yang tidak ada"
        if chosen
        else f"kolom judul tidak cocok dengan jenis ekspor mana pun. Paling mirip {best.label}, "
        "tetapi kolom berikut tidak ada"
    )
    raise WrongKind(
        f"Berkas {file_name}: {fits}: {accepted}.{hint} "
        f"Kolom yang ditemukan: {', '.join(columns) or '(kosong)'}. Lihat data/README.md dan data/impor/kolom.csv."
    )
