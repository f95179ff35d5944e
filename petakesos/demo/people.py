"""Invented people for the demo exports: names, birth dates, fake NIKs and phone numbers.

Everything here is synthetic. The NIK layout follows Dukcapil's (kecamatan code, DDMMYY of birth
with DD+40 for women, 4-digit serial) so the importer's checks are exercised, but no NIK is real.
"""

from __future__ import annotations

import zlib

import numpy as np

# Dates are handled as numpy datetime64[D] throughout the demo modules.
END = np.datetime64("2025-12-31", "D")
DAY = np.timedelta64(1, "D")

# Older-generation names (born before 1995) lean Javanese; younger ones are today's common names.
_M_OLD = [
    "Sutrisno",
    "Suparman",
    "Sugiyono",
    "Slamet",
    "Supriyadi",
    "Bambang",
    "Joko",
    "Agus",
    "Budi",
    "Heru",
    "Wahyu",
    "Eko",
    "Teguh",
    "Hadi",
    "Sumarno",
    "Parno",
    "Suwarno",
    "Mulyono",
    "Darmaji",
    "Paiman",
    "Tukiman",
    "Sarwono",
    "Sukirno",
    "Ahmad",
    "Abdul",
    "Imam",
    "Rahmat",
    "Syaiful",
    "Arif",
    "Yusuf",
    "Hendra",
    "Rudi",
    "Yanto",
    "Sugeng",
    "Warsito",
    "Purwanto",
    "Haryanto",
    "Wahyudi",
    "Gunawan",
    "Kasmari",
    "Sumadi",
    "Suyatno",
    "Tarno",
    "Wagiman",
    "Jumadi",
    "Karyono",
    "Sukardi",
    "Mujiono",
    "Rohmat",
    "Nurhadi",
    "Zainal",
    "Sholikin",
    "Mashuri",
    "Rasimin",
    "Kusnadi",
    "Darsono",
    "Ngadiman",
    "Paijo",
    "Samsul",
    "Anwar",
]
_M_NEW = [
    "Rizky",
    "Fajar",
    "Dimas",
    "Bayu",
    "Aditya",
    "Rafi",
    "Alif",
    "Farhan",
    "Arkan",
    "Raka",
    "Daffa",
    "Zaki",
    "Ilham",
    "Naufal",
    "Galih",
    "Yoga",
    "Andika",
    "Reza",
    "Bima",
    "Azka",
    "Hafiz",
    "Keenan",
    "Fikri",
    "Akbar",
    "Ridho",
    "Satria",
    "Yusril",
    "Haikal",
    "Rayyan",
    "Dafa",
    "Gilang",
    "Arya",
    "Abimanyu",
    "Fauzan",
    "Rehan",
]
_F_OLD = [
    "Siti",
    "Sri",
    "Sumiati",
    "Suminah",
    "Painem",
    "Sulastri",
    "Suwarni",
    "Sunarti",
    "Kasiyem",
    "Tumini",
    "Parmi",
    "Ngatini",
    "Sukarni",
    "Wartini",
    "Juariyah",
    "Aminah",
    "Fatimah",
    "Khotijah",
    "Maryam",
    "Rohmah",
    "Nurhayati",
    "Yuliani",
    "Endang",
    "Ratna",
    "Wahyuni",
    "Puji",
    "Tri",
    "Rusmini",
    "Dewi",
    "Umi",
    "Rina",
    "Nining",
    "Eni",
    "Mardiyah",
    "Halimah",
    "Sumarni",
    "Tukinem",
    "Sarinah",
    "Musripah",
    "Kartini",
    "Marsini",
    "Samini",
    "Suyati",
    "Winarsih",
    "Supini",
    "Lasmi",
    "Muntamah",
    "Sholikhah",
]
_F_NEW = [
    "Aisyah",
    "Putri",
    "Nabila",
    "Salsabila",
    "Zahra",
    "Anisa",
    "Dinda",
    "Aulia",
    "Nadia",
    "Alya",
    "Kirana",
    "Naura",
    "Syifa",
    "Amelia",
    "Citra",
    "Intan",
    "Keisha",
    "Azzahra",
    "Tiara",
    "Rahma",
    "Fitri",
    "Ayu",
    "Nayla",
    "Adinda",
    "Khansa",
    "Najwa",
    "Zaskia",
    "Fika",
    "Laila",
    "Shinta",
    "Vina",
    "Yuni",
]
# Lampung-flavoured given names (Malay/Lampung rather than Javanese), used for a share in Lampung.
_M_LPG = [
    "Rusli",
    "Zulkifli",
    "Herman",
    "Syahrial",
    "Azhari",
    "Hasanudin",
    "Ismail",
    "Rizal",
    "Firdaus",
    "Syamsul",
    "Marzuki",
    "Effendi",
    "Darwin",
    "Harun",
    "Junaidi",
    "Mansyur",
    "Ridwan",
    "Syahbudin",
    "Fahrurozi",
    "Erwin",
]
_F_LPG = [
    "Rosmawati",
    "Yusnani",
    "Nurlela",
    "Asnawati",
    "Zubaidah",
    "Rosida",
    "Masnah",
    "Nuraini",
    "Ermawati",
    "Yusmaniar",
    "Hasanah",
    "Rusmala",
    "Darmawati",
    "Helmawati",
    "Juwita",
]
_SUR_U = [
    "Santoso",
    "Wibowo",
    "Prasetyo",
    "Susanto",
    "Purnomo",
    "Hidayat",
    "Setiawan",
    "Nugroho",
    "Kurniawan",
    "Susilo",
    "Utomo",
    "Hartono",
    "Wijaya",
    "Pratama",
    "Hermawan",
    "Suryadi",
    "Kusuma",
    "Fauzi",
    "Sulistyo",
    "Mulyadi",
    "Rohman",
    "Ansori",
    "Hakim",
    "Zuhri",
    "Maulidi",
]
_SUR_M = ["Saputra", "Maulana", "Ramadhan", "Firmansyah", "Syahputra", "Hidayatullah", "Prabowo", "Nur", "Wahid"]
_SUR_F = [
    "Saputri",
    "Handayani",
    "Wulandari",
    "Rahayu",
    "Ningsih",
    "Astuti",
    "Rahmawati",
    "Anggraini",
    "Fitriani",
    "Susanti",
]
_SUR_LPG = ["Hadikusuma", "Kesuma", "Sanjaya", "Rajasa", "Syahbana", "Irawan", "Adiwijaya", "Gumay", "Saleh", "Hasan"]

_FIRST_POOLS = (_M_OLD, _M_NEW, _F_OLD, _F_NEW, _M_LPG, _F_LPG)
_SUR_POOLS = (_SUR_U + _SUR_M, _SUR_U + _SUR_F, _SUR_LPG)

_PHONE_PREFIXES = np.array(
    ["0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0858", "0877", "0878", "0895", "0896", "0831"]
)


def rng_for(seed: int, purpose: str, key: int = 0) -> np.random.Generator:
    """A generator for one purpose and one key (province or kab code).

    Keying streams by purpose and place keeps a kabupaten's rows identical whether or not other
    provinces are generated in the same run.
    """
    return np.random.default_rng([seed, zlib.crc32(purpose.encode()), key])


def _pick(rng: np.random.Generator, pools: tuple[list[str], ...], pool_id: np.ndarray) -> np.ndarray:
    flat = np.array([name for pool in pools for name in pool])
    lengths = np.array([len(pool) for pool in pools])
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    idx = offsets[pool_id] + (rng.random(pool_id.size) * lengths[pool_id]).astype(np.int64)
    return flat[idx]


def make_names(rng: np.random.Generator, female: np.ndarray, birth: np.ndarray, lampung: np.ndarray) -> np.ndarray:
    """One invented name per person; older people more often carry a single (Javanese) name."""
    n = female.size
    young = birth >= np.datetime64("1995-01-01", "D")
    first_pool = female.astype(np.int64) * 2 + young.astype(np.int64)
    lpg_first = lampung & (rng.random(n) < 0.2) & ~young
    first_pool = np.where(lpg_first, 4 + female.astype(np.int64), first_pool)
    first = _pick(rng, _FIRST_POOLS, first_pool)

    sur_pool = np.where(lampung & (rng.random(n) < 0.25), 2, female.astype(np.int64))
    sur = _pick(rng, _SUR_POOLS, sur_pool)
    single = rng.random(n) < np.where(young, 0.05, 0.3)
    return np.where(single, first, np.char.add(np.char.add(first, " "), sur))


def birth_from_age(catat: np.ndarray, age_days: np.ndarray) -> np.ndarray:
    """Birth date for an age in days at a reference date."""
    return catat - age_days.astype(np.int64) * DAY


def _date_parts(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.asarray(d, dtype="datetime64[D]")
    years = d.astype("datetime64[Y]").astype(np.int64) + 1970
    months = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    days = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return years, months, days


def assign_niks(kec6: np.ndarray, birth: np.ndarray, female: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fake 16-digit NIKs, unique over all persons given, and the (possibly bumped) birth dates.

    The serial counts persons per (kecamatan, DDMMYY) in the order given. If a serial would pass
    9999 the person's birth date moves one day earlier and the counting repeats; with demo volumes
    this never loops more than once.
    """
    birth = np.asarray(birth, dtype="datetime64[D]").copy()
    for _ in range(10):
        years, months, days = _date_parts(birth)
        dd = days + np.where(female, 40, 0)
        prefix = kec6.astype(np.int64) * 1_000_000 + dd * 10_000 + months * 100 + years % 100
        order = np.argsort(prefix, kind="stable")
        sorted_prefix = prefix[order]
        starts = np.r_[True, sorted_prefix[1:] != sorted_prefix[:-1]]
        group_start = np.maximum.accumulate(np.where(starts, np.arange(prefix.size), 0))
        serial = np.empty(prefix.size, dtype=np.int64)
        serial[order] = np.arange(prefix.size) - group_start + 1
        over = serial > 9999
        if not over.any():
            nik = prefix * 10_000 + serial
            return nik.astype(str), birth
        birth[over] -= DAY
    raise RuntimeError("NIK serials exhausted")


def make_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """Fake mobile numbers such as 081234567890 (12-13 digits, text)."""
    prefix = _PHONE_PREFIXES[rng.integers(0, _PHONE_PREFIXES.size, n)]
    digits = np.where(rng.random(n) < 0.6, 8, 7)
    number = rng.integers(0, 10**8, n) // np.where(digits == 8, 1, 10)
    body = np.array([f"{v:0{w}d}" for v, w in zip(number.tolist(), digits.tolist())])
    return np.char.add(prefix, body)
