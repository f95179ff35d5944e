"""Invented people, cases and PSM on the real desa of Kenduruan and Jatirogo (Tuban), from fixed seeds.

Every row this module returns is valid under data/README.md (NIK of 16 digits, real desa codes, dates in
range, birth before recording, a closing date for every `selesai`), so a corpus file's bad rows are exactly
the ones its case puts in on purpose."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

# Desa of the fixture world (tests/needs.py FIXTURE_KEC), from ../shared/geo/wilayah_kemendagri_2025.csv.
DESA = {
    "01": {  # Kecamatan Kenduruan, 35.23.01
        "2001": "Jlodro", "2002": "Sokogunung", "2003": "Jamprong", "2004": "Tawaran", "2005": "Sidomukti",
        "2006": "Bendonglateng", "2007": "Sidohasri", "2008": "Sidorejo", "2009": "Sokogrenjeng",
    },
    "02": {  # Kecamatan Jatirogo, 35.23.02
        "2001": "Kebonharjo", "2002": "Wangi", "2003": "Ketodan", "2004": "Karangtengah", "2005": "Bader",
        "2006": "Paseyan", "2007": "Besowo", "2008": "Jombok", "2009": "Sadang", "2010": "Wotsogo",
        "2011": "Ngepon", "2012": "Sugihan", "2013": "Sidomulyo", "2014": "Kedungmakam", "2015": "Demit",
        "2016": "Jatiklabang", "2017": "Sekaran", "2018": "Dingil",
    },
}  # fmt: skip

# Official names of the Permensos 8/2012 categories the corpus uses (data/pmks_categories.csv).
PMKS_NAMES = {
    "02": "Anak Terlantar",
    "08": "Lanjut Usia Terlantar",
    "09": "Penyandang Disabilitas",
    "21": "Korban Bencana Alam",
    "23": "Perempuan Rawan Sosial Ekonomi",
    "24": "Fakir Miskin",
}
STATUSES = ("aktif", "ditangani", "dirujuk", "selesai")
SOURCES = ("SIKS-NG", "Musdes", "Laporan PSM")
_MALE = ("Budi", "Slamet", "Sutrisno", "Agus", "Joko", "Wahyu", "Suparman", "Rudi", "Ahmad", "Bambang")
_FEMALE = ("Siti", "Sri", "Suminah", "Wartini", "Dewi", "Sulastri", "Kartini", "Endang", "Rukmini", "Yuliani")
_FAMILY = ("Hartono", "Susanto", "Purnomo", "Setiawan", "Kurniawan", "Prasetyo", "Sugiarto", "Widodo", "Utomo")


def desa_code(kec: str, desa: str) -> str:
    return f"35.23.{kec}.{desa}"


@dataclass(frozen=True)
class Kasus:
    """One PMKS case row in the project's own terms (codes, ISO dates)."""

    nik: str
    nama: str
    jenis_kelamin: str  # 'L' / 'P'
    tanggal_lahir: dt.date
    kode_pmks: str
    kode_desa: str  # dotted
    tanggal_catat: dt.date
    status: str
    tanggal_selesai: dt.date | None
    sumber: str


@dataclass(frozen=True)
class Psm:
    nik: str
    nama: str
    jenis_kelamin: str
    tanggal_lahir: dt.date
    kode_desa: str
    no_sk: str
    tanggal_sk: dt.date
    aktif: bool
    tanggal_nonaktif: dt.date | None


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _person(rng: random.Random, kec: str, serial: int) -> tuple[str, str, str, dt.date]:
    """NIK as Disdukcapil builds it: kab, kec, birth day (+40 for women), month, two-digit year, serial."""
    sex = rng.choice("LP")
    born = _day(rng, dt.date(1945, 1, 1), dt.date(2004, 12, 28))
    day = born.day + (40 if sex == "P" else 0)
    nik = f"3523{kec}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    name = f"{rng.choice(_MALE if sex == 'L' else _FEMALE)} {rng.choice(_FAMILY)}"
    return nik, name, sex, born


def kasus(seed: int, n: int, serial_base: int, kec: str | None = None) -> list[Kasus]:
    """`n` valid cases with distinct NIKs (serials from `serial_base`), in one kecamatan or both."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        k = kec or rng.choice(("01", "02"))
        nik, name, sex, born = _person(rng, k, serial_base + i)
        catat = _day(rng, dt.date(2019, 1, 1), dt.date(2024, 12, 31))
        status = rng.choice(STATUSES)
        selesai = catat + dt.timedelta(days=rng.randint(30, 400)) if status == "selesai" else None
        rows.append(
            Kasus(
                nik=nik,
                nama=name,
                jenis_kelamin=sex,
                tanggal_lahir=born,
                kode_pmks=rng.choice(sorted(PMKS_NAMES)),
                kode_desa=desa_code(k, rng.choice(sorted(DESA[k]))),
                tanggal_catat=catat,
                status=status,
                tanggal_selesai=selesai,
                sumber=rng.choice(SOURCES),
            )
        )
    return rows


def psm(seed: int, n: int, serial_base: int) -> list[Psm]:
    """`n` valid PSM, adults at their SK; every third one no longer active (with the date it stopped)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        k = rng.choice(("01", "02"))
        nik, name, sex, born = _person(rng, k, serial_base + i)
        born = min(born, dt.date(1999, 12, 31))
        nik = f"{nik[:6]}{born.day + (40 if sex == 'P' else 0):02d}{born.month:02d}{born.year % 100:02d}{nik[12:]}"
        sk = _day(rng, dt.date(2020, 1, 1), dt.date(2023, 12, 31))
        aktif = i % 3 != 2
        rows.append(
            Psm(
                nik=nik,
                nama=name,
                jenis_kelamin=sex,
                tanggal_lahir=born,
                kode_desa=desa_code(k, rng.choice(sorted(DESA[k]))),
                no_sk=f"400/{100 + i}/414.106/{sk.year}",
                tanggal_sk=sk,
                aktif=aktif,
                tanggal_nonaktif=None if aktif else sk + dt.timedelta(days=rng.randint(200, 700)),
            )
        )
    return rows


def with_(row, **changes):
    """A copy of a row with some fields changed (to plant a bad or duplicate row on purpose)."""
    return replace(row, **changes)
