"""Desa (and kecamatan) written by name in an export, turned into Kemendagri codes before validation.

Dinsos exports often carry 'Desa/Kel' as a name ('Ds. Kuto Renon') instead of a code. `resolve` matches
the few hundred distinct (kecamatan, desa) names of a file, not its rows, against the code list of one
kabupaten with rapidfuzz, then writes the codes back in one set-based UPDATE. Only sure matches are used;
unsure and ambiguous names are left as they are and listed with their candidates so that a person can
choose (`confirm`, stored in table `desa_alias` and used first on the next import).

A kode_desa holds a name when it has a letter: codes (dotted or 10 digits) and digit-only junk are left for
validation to accept or reject. Fixed temp objects on the connection (table names cannot be bound): view
`desa_name_rows` over `raw_rows`, table `desa_map` (one row per distinct name text and its code or reason)
and table `desa_unsure` (_baris, alasan), the output the importer reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import duckdb
from rapidfuzz import process
from rapidfuzz.distance import OSA

from petakesos import sql

SURE_SCORE = 90.0
"""A match is sure from this score: 100 x (1 - edits / length) on normalised names, where one wrong, missing,
extra or swapped letter is one edit (rapidfuzz OSA). So one typo in a name of ten letters or more is sure
('Sumberagong'), never in a short one, where one letter often makes another real name (Sumberjo/Sumberejo)."""
SURE_MARGIN = 5.0
"""Below an exact match, the best name must beat the next different name by this much, else it is a guess."""
CANDIDATE_MIN_SCORE = 60.0
"""Candidates shown to the user: weaker look-alikes are noise."""
DETECT_MIN_SHARE = 0.5
"""Kabupaten detected from desa names: at least this share of the file's distinct names must be its own..."""
DETECT_LEAD = 2.0
"""...and it must have this many times as many as the next kabupaten (common names exist in many)."""
REASON_CANDIDATES = 3  # candidates named in a quarantine reason

_DESA_PREFIX = re.compile(r"^(?:desa|ds|kelurahan|kel)\b\.?")
_KEC_PREFIX = re.compile(r"^(?:kecamatan|kec)\b\.?")
_KAB_PREFIX = re.compile(r"^(?:(kabupaten|kab)|(kota))\b\.?\s*(?:(?:administrasi|adm)\b\.?)?")
_NOT_ALNUM = re.compile(r"[\W_]+")
_OLD_SPELLING = (("dj", "j"), ("tj", "c"), ("oe", "u"))  # spelling before 1972 ('Soemberdjo'), still on stamps
_KODE_KAB = re.compile(r"^(\d\d)\.?(\d\d)$")
_KODE_DESA = re.compile(r"^(\d\d)\.?(\d\d)\.?(\d\d)\.?(\d\d\d\d)$")


@dataclass(frozen=True)
class NameResult:
    kabupaten: str | None  # dotted kabupaten code used ('35.23'), given or detected; None if no names
    by_name: int  # rows whose kode_desa held a name
    matched: int  # of those, matched surely (incl. by stored confirmed choices)
    unsure: int  # of those, quarantined (unsure or ambiguous or no kabupaten)


@dataclass(frozen=True)
class Candidate:
    kode: str
    nama: str
    nama_kec: str
    skor: int


def _norm(text: str | None, prefix: re.Pattern) -> str:
    """Lower case, the level word ('Ds.', 'Kec.') dropped, punctuation and spaces removed."""
    s = unicodedata.normalize("NFKC", text or "").strip().lower()
    s = _NOT_ALNUM.sub("", prefix.sub("", s))
    for old, new in _OLD_SPELLING:
        s = s.replace(old, new)
    return s


def norm_desa(text: str | None) -> str:
    """'Ds. Kuto Renon' -> 'kutorenon': the form names are compared and stored in."""
    return _norm(text, _DESA_PREFIX)


def norm_kecamatan(text: str | None) -> str:
    """'Kec. Merakurak' -> 'merakurak'."""
    return _norm(text, _KEC_PREFIX)


def _norm_kab(text: str) -> tuple[str, str]:
    """('kab' | 'kota' | '', core): 'Kab. Tuban' and 'Kabupaten Tuban' -> ('kab', 'tuban')."""
    s = unicodedata.normalize("NFKC", text).strip().lower()
    m = _KAB_PREFIX.match(s)
    kind = "" if not m else "kab" if m.group(1) else "kota"
    return kind, _NOT_ALNUM.sub("", s[m.end() :] if m else s)


def dotted_kabupaten(kode: str | None) -> str | None:
    """'3523' or '35.23' -> '35.23'; anything else None."""
    m = _KODE_KAB.match((kode or "").replace(" ", ""))
    return f"{m[1]}.{m[2]}" if m else None


def _best(query: str, names: list[str]) -> tuple[int | None, list[tuple[float, int]]]:
    """Index of the sure match of `query` among `names` (None if unsure or ambiguous) and all (score, i), best first."""
    if not query or not names:
        return None, []
    ranked = sorted(
        (
            (round(100.0 * float(s), 2), i)
            for i, s in enumerate(process.cdist([query], names, scorer=OSA.normalized_similarity)[0])
        ),
        key=lambda t: (-t[0], t[1]),
    )
    top = ranked[0][0]
    tied = [i for s, i in ranked if s == top]
    runner_up = next((s for s, i in ranked if names[i] != names[ranked[0][1]]), 0.0)
    sure = top >= SURE_SCORE and len(tied) == 1 and (top == 100.0 or top - runner_up >= SURE_MARGIN)
    return (ranked[0][1] if sure else None), ranked


class _Kabupaten:
    """The code list of one kabupaten, normalised once, and the matching of names inside it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, kode: str, nama: str):
        self.kode, self.nama = kode, nama
        self.desa = sql.fetch(con, "ingest/desa_ref_desa", kode_kab=kode).to_dict("records")
        self.desa_norm = [norm_desa(d["nama"]) for d in self.desa]
        self.kec = sql.fetch(con, "ingest/desa_ref_kecamatan", kode_kab=kode).to_dict("records")
        self.kec_norm = [norm_kecamatan(k["nama"]) for k in self.kec]
        alias = sql.fetch(con, "ingest/desa_alias_lookup", kode_kab=kode)
        self.alias = {(k, d): c for k, d, c in zip(alias["kecamatan"], alias["desa"], alias["kode"])}

    def match(self, kec_name: str | None, desa_name: str) -> tuple[str | None, list[tuple[float, int]]]:
        """(code if sure, ranked candidates): stored choice first, then within the kecamatan, then the kabupaten."""
        d, k = norm_desa(desa_name), norm_kecamatan(kec_name)
        stored = self.alias.get((k, d)) or self.alias.get(("", d))
        if stored:
            return stored, []
        kec_i, _ = _best(k, self.kec_norm)
        if kec_i is not None:
            inside = [i for i, x in enumerate(self.desa) if x["kode_kec"] == self.kec[kec_i]["kode"]]
            hit, ranked = _best(d, [self.desa_norm[i] for i in inside])
            if hit is not None:
                return self.desa[inside[hit]]["kode"], []
        hit, ranked = _best(d, self.desa_norm)
        return (self.desa[hit]["kode"] if hit is not None else None), ranked

    def candidates(self, ranked: list[tuple[float, int]], limit: int) -> list[Candidate]:
        return [
            Candidate(self.desa[i]["kode"], self.desa[i]["nama"], self.desa[i]["nama_kec"], int(s))
            for s, i in ranked[:limit]
            if s >= CANDIDATE_MIN_SCORE
        ]

    def reason(self, kec_raw: str, desa_raw: str, ranked: list[tuple[float, int]]) -> str:
        """Why a name was not used, with its best candidates and the command that settles it."""
        found = self.candidates(ranked, REASON_CANDIDATES)
        where = f"di {self.nama}"
        if not found:
            return f"kolom kode_desa: nama desa '{desa_raw}' tidak ditemukan {where}; periksa ejaannya"
        twins = sum(c.skor == 100 for c in found) > 1  # the same name in several kecamatan
        what = "ada di lebih dari satu kecamatan" if twins else "tidak pasti"
        listed = ", ".join(f"{c.nama} (Kec. {c.nama_kec}, {c.kode}, skor {c.skor})" for c in found)
        kec_opt = f' --kecamatan "{kec_raw}"' if kec_raw else ""
        return (
            f"kolom kode_desa: nama desa '{desa_raw}' {what} {where}; kandidat: {listed}; "
            + ("tambahkan kolom kecamatan atau " if twins and not kec_raw else "")
            + "pilih salah satu dengan "
            f'`python -m petakesos desa konfirmasi --kabupaten {self.kode}{kec_opt} --desa "{desa_raw}" --kode KODE`'
        )


def _from_column(con: duckdb.DuckDBPyConnection, kabs: dict[str, str]) -> str | None:
    """The kabupaten named by the file's most frequent nama_kabupaten, if it matches one surely."""
    written = sql.fetch(con, "ingest/desa_kabupaten_names")["kab_raw"]
    if written.empty:
        return None
    kind, core = _norm_kab(written.iloc[0])
    codes = [k for k in kabs if not kind or _norm_kab(kabs[k])[0] == kind]
    hit, _ = _best(core, [_norm_kab(kabs[k])[1] for k in codes])
    return codes[hit] if hit is not None else None


def _from_names(con: duckdb.DuckDBPyConnection, names: set[str]) -> str | None:
    """The kabupaten holding most of the file's distinct desa names exactly (normalised), clearly ahead."""
    ref = sql.fetch(con, "ingest/desa_ref_desa", kode_kab="")
    holders: dict[str, set[str]] = {}
    for nama, kab in zip(ref["nama"], ref["kode_kab"]):
        holders.setdefault(norm_desa(nama), set()).add(kab)
    counts = Counter(kab for name in names for kab in holders.get(name, ()))
    ranked = counts.most_common(2) + [("", 0)]
    (best, n1), (_, n2) = ranked[0], ranked[1]
    return best if n1 >= DETECT_MIN_SHARE * len(names) and n1 >= DETECT_LEAD * n2 and n1 > 0 else None


def _scope(con: duckdb.DuckDBPyConnection, kabupaten: str | None, names: set[str] | None = None) -> _Kabupaten:
    """The kabupaten to match in: given, else (with `names`) named by a nama_kabupaten column, else holding most
    of the names. ValueError with the reason in Indonesian when unknown or not detectable."""
    ref = sql.fetch(con, "ingest/desa_ref_kabupaten")
    kabs = dict(zip(ref["kode"], ref["nama"]))
    if kabupaten or names is None:
        kode = dotted_kabupaten(kabupaten)
        if kode not in kabs:
            raise ValueError(f"kode kabupaten/kota '{kabupaten}' tidak ada dalam daftar Kemendagri (tulis mis. 35.23)")
    else:
        kode = _from_column(con, kabs) or _from_names(con, names)
        if kode is None:
            raise ValueError("kabupaten/kota berkas tidak dapat dikenali dari isinya")
    return _Kabupaten(con, kode, kabs[kode])


def resolve(con: duckdb.DuckDBPyConnection, kabupaten: str | None) -> NameResult:
    """Replace desa names in temp table raw_rows.kode_desa by codes where sure; fill temp table desa_unsure."""
    sql.execute(con, "ingest/desa_name_rows")
    pairs = sql.fetch(con, "ingest/desa_names_distinct")
    scope, why = None, ""
    if not pairs.empty:
        try:
            scope = _scope(con, kabupaten, {norm_desa(d) for d in pairs["desa_raw"]} - {""})
        except ValueError as exc:
            why = f"{exc}; berikan kabupaten berkas, mis. `--kabupaten 35.23`"
    kodes, reasons = [], []
    for desa_raw, kec_raw in zip(pairs["desa_raw"], pairs["kec_raw"]):
        if scope is None:
            kode, reason = None, f"kolom kode_desa: nama desa '{desa_raw}' tidak dapat dicocokkan karena {why}"
        else:
            kode, ranked = scope.match(kec_raw, desa_raw)
            reason = None if kode else scope.reason(kec_raw, desa_raw, ranked)
        kodes.append(kode)
        reasons.append(reason)
    sql.execute(
        con,
        "ingest/desa_map_create",
        desa_raw=list(pairs["desa_raw"]),
        kec_raw=list(pairs["kec_raw"]),
        kode=kodes,
        alasan=reasons,
    )
    sql.execute(con, "ingest/desa_unsure_create")
    if any(kodes):  # (a file without a kode_desa column has nothing to update, and no such column)
        sql.execute(con, "ingest/desa_apply")
    by_name = int(pairs["n"].sum())
    matched = int(sum(n for n, k in zip(pairs["n"], kodes) if k))
    return NameResult(scope.kode if scope else None, by_name, matched, by_name - matched)


def candidates(
    con: duckdb.DuckDBPyConnection, kabupaten: str, kecamatan_name: str | None, desa_name: str, limit: int = 5
) -> list[Candidate]:
    """Desa of the kabupaten that look most like `desa_name`, best first (those in the named kecamatan first)."""
    scope = _scope(con, kabupaten)
    _, ranked = _best(norm_desa(desa_name), scope.desa_norm)
    kec_i, _ = _best(norm_kecamatan(kecamatan_name), scope.kec_norm)
    kec = scope.kec[kec_i]["kode"] if kec_i is not None else None
    ranked.sort(key=lambda t: (-t[0], scope.desa[t[1]]["kode_kec"] != kec, t[1]))
    return scope.candidates(ranked, limit)


def confirm(
    con: duckdb.DuckDBPyConnection, kabupaten: str, kecamatan_name: str | None, desa_name: str, kode: str
) -> None:
    """Store that `desa_name` (in `kecamatan_name`, if given) of the kabupaten is desa `kode`, for later imports."""
    scope = _scope(con, kabupaten)
    m = _KODE_DESA.match((kode or "").replace(" ", ""))
    dotted = ".".join(m.groups()) if m else kode
    if dotted not in {d["kode"] for d in scope.desa}:
        raise ValueError(f"Kode '{kode}' bukan kode desa/kelurahan di {scope.nama} ({scope.kode}).")
    desa = norm_desa(desa_name)
    if not desa:
        raise ValueError(f"Nama desa '{desa_name}' kosong setelah dirapikan; tulis nama desanya.")
    sql.execute(
        con,
        "ingest/desa_alias_insert",
        kode_kab=scope.kode,
        kecamatan=norm_kecamatan(kecamatan_name),
        desa=desa,
        kode=dotted,
    )
