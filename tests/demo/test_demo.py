"""The synthetic demo exports: valid rows, real population totals and the known PSM figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from needs import require

from petakesos.config import REPO_ROOT, settings
from petakesos.demo import write_demo_exports

SHARED_GEO = settings().shared_geo_dir
CATEGORIES = REPO_ROOT / "data" / "pmks_categories.csv"


@pytest.fixture(scope="module", autouse=True)
def _shared_geo():
    require(SHARED_GEO / "wilayah_kemendagri_2025.csv", "Daftar kode wilayah (shared/geo)")


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo_full")
    write_demo_exports(SHARED_GEO, out)
    return out


@pytest.fixture(scope="session")
def lampung_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo_18")
    write_demo_exports(SHARED_GEO, out, provinces=("18",))
    return out


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def pmks(demo_dir) -> pd.DataFrame:
    return pd.concat([_csv(p) for p in sorted(demo_dir.glob("pmks_kasus_*.csv"))], ignore_index=True)


@pytest.fixture(scope="session")
def psm(demo_dir) -> pd.DataFrame:
    frames = [_csv(p) for p in sorted(demo_dir.glob("psm_*.csv"))]
    for p in sorted(demo_dir.glob("psm_*.xlsx")):
        x = pd.read_excel(p, dtype=str).fillna("")
        for col in ("tanggal_lahir", "tanggal_sk", "tanggal_nonaktif"):
            x[col] = x[col].str[:10]  # Excel dates come back as '2022-08-01 00:00:00'
        frames.append(x)
    out = pd.concat(frames, ignore_index=True)
    return out.assign(kab=out["kode_desa"].str[:5])


@pytest.fixture(scope="session")
def pelatihan(demo_dir, psm) -> pd.DataFrame:
    rows = pd.concat([_csv(p) for p in sorted(demo_dir.glob("pelatihan_*.csv"))], ignore_index=True)
    return rows.merge(psm[["nik", "kab", "tanggal_sk", "tanggal_nonaktif"]], left_on="nik_psm", right_on="nik")


@pytest.fixture(scope="session")
def penduduk(demo_dir) -> pd.DataFrame:
    return _csv(demo_dir / "penduduk_desa.csv")


@pytest.fixture(scope="session")
def villages() -> pd.DataFrame:
    codes = pd.read_csv(SHARED_GEO / "wilayah_kemendagri_2025.csv", dtype=str, keep_default_na=False)
    return codes[(codes["tingkat"] == "4") & codes["kode_prov"].isin(["18", "33", "35"])]


def _age_years(birth: pd.Series, on: pd.Series) -> pd.Series:
    b, d = pd.to_datetime(birth), pd.to_datetime(on)
    before_birthday = (d.dt.month < b.dt.month) | ((d.dt.month == b.dt.month) & (d.dt.day < b.dt.day))
    return d.dt.year - b.dt.year - before_birthday.astype(int)


def _active_on(psm: pd.DataFrame, day: str) -> pd.DataFrame:
    """PSM counted in a year, as data/README.md defines it (day = 31 December of that year)."""
    stays = ((psm["aktif"] == "Y") & (psm["tanggal_nonaktif"] == "")) | (psm["tanggal_nonaktif"] > day)
    return psm[(psm["tanggal_sk"] <= day) & stays]


def test_files_written(demo_dir):
    names = sorted(p.name for p in demo_dir.iterdir())
    assert names == [
        "pelatihan_18.csv",
        "pelatihan_33.csv",
        "pelatihan_35.csv",
        "penduduk_desa.csv",
        "pmks_kasus_18.csv",
        "pmks_kasus_33.csv",
        "pmks_kasus_35.csv",
        "psm_18.xlsx",
        "psm_33.csv",
        "psm_35.csv",
    ]


def test_penduduk_covers_every_village_and_year(penduduk, villages):
    assert len(penduduk) == len(villages) * 5
    assert set(penduduk["kode_desa"]) == set(villages["kode"])
    assert sorted(penduduk["tahun"].unique()) == ["2021", "2022", "2023", "2024", "2025"]
    # Two of the 11 Lampung desa without a polygon still get figures.
    assert {"18.09.02.2020", "18.12.06.2010"} <= set(penduduk["kode_desa"])
    p = penduduk[["penduduk", "laki_laki", "perempuan"]].astype(int)
    assert (p["laki_laki"] + p["perempuan"] == p["penduduk"]).all()
    assert (p["penduduk"] > 0).all()


def test_penduduk_2025_sums_to_real_kab_totals(penduduk):
    y25 = penduduk[penduduk["tahun"] == "2025"]
    by_kab = y25.assign(n=y25["penduduk"].astype(int)).groupby(y25["kode_desa"].str[:5])["n"].sum()
    # Figures from shared/geo/SOURCES.md section 5.
    assert by_kab["35.08"] == 1_116_231
    assert by_kab["35.24"] == 1_367_503
    assert by_kab["35.23"] == 1_266_396
    assert by_kab["33.12"] == 1_057_495
    assert by_kab["18.01"] == 1_124_683
    real = pd.read_csv(SHARED_GEO / "penduduk_luas_prov_kabkota_2025.csv", dtype=str)
    real = real.set_index("kode")["penduduk_total"].astype("Int64")
    assert all(by_kab[k] == real[k] for k in by_kab.index)


def test_penduduk_grows_but_not_wildly(penduduk):
    totals = penduduk.assign(n=penduduk["penduduk"].astype(int)).groupby("tahun")["n"].sum()
    growth = totals["2025"] / totals["2021"] - 1
    assert 0.02 < growth < 0.06


def test_every_kode_desa_is_known(pmks, psm, villages):
    known = set(villages["kode"])
    assert set(pmks["kode_desa"]) <= known
    assert set(psm["kode_desa"]) <= known
    assert set(psm["kode_desa_ktp"]) <= known


def test_niks_are_16_digits_and_one_per_person(pmks, psm):
    people = pd.concat([pmks, psm])[["nik", "nama", "jenis_kelamin", "tanggal_lahir"]]
    assert people["nik"].str.fullmatch(r"\d{16}").all()
    assert (people.drop_duplicates().groupby("nik").size() == 1).all()
    assert psm["nik"].is_unique
    assert not set(psm["nik"]) & set(pmks["nik"])


def test_nik_encodes_kecamatan_birth_date_and_sex(pmks):
    sample = pmks.iloc[::97]
    birth = pd.to_datetime(sample["tanggal_lahir"])
    day = birth.dt.day + np.where(sample["jenis_kelamin"] == "P", 40, 0)
    expected = day.map("{:02d}".format) + birth.dt.strftime("%m%y")
    assert (sample["nik"].str[6:12] == expected).all()
    assert (sample["nik"].str[:6] == sample["kode_desa"].str.replace(".", "").str[:6]).all()


def test_pmks_rows_pass_import_checks(pmks):
    known = set(pd.read_csv(CATEGORIES, dtype=str)["kode"])
    assert set(pmks["kode_pmks"]) <= known
    assert set(pmks["status"]) == {"aktif", "ditangani", "dirujuk", "selesai"}
    assert set(pmks["jenis_kelamin"]) == {"L", "P"}
    assert set(pmks["sumber"]) == {"SIKS-NG", "Musdes", "Laporan PSM"}
    assert pmks["tanggal_catat"].between("2018-01-01", "2025-12-31").all()  # register opened in 2018
    assert (pmks["tanggal_lahir"] >= "1900-01-01").all()
    assert (pmks["tanggal_lahir"] <= pmks["tanggal_catat"]).all()
    closed = pmks["status"] == "selesai"
    assert (pmks.loc[~closed, "tanggal_selesai"] == "").all()
    done = pmks[closed]
    assert ((done["tanggal_selesai"] >= done["tanggal_catat"]) & (done["tanggal_selesai"] <= "2025-12-31")).all()
    assert not pmks.duplicated(["nik", "kode_pmks", "kode_desa", "tanggal_catat"]).any()


def test_pmks_ages_fit_categories(pmks):
    age = _age_years(pmks["tanggal_lahir"], pmks["tanggal_catat"])
    anak = pmks["kode_pmks"].isin(["01", "02", "03", "04", "05", "06", "07"])
    assert (age[anak] < 18).all()
    assert (age[pmks["kode_pmks"] == "01"] < 5).all()
    assert (age[pmks["kode_pmks"] == "08"] >= 60).all()


def test_pmks_volume_and_category_mix(pmks, penduduk):
    pop = penduduk.loc[penduduk["tahun"] == "2025", "penduduk"].astype(int).sum()
    assert 8 <= len(pmks) / pop * 1000 <= 12
    assert len(pmks) <= 900_000
    counts = pmks["kode_pmks"].value_counts()
    assert counts.index[0] == "24"
    assert {"08", "09"} <= set(counts.index[:4])
    assert counts["18"] < counts["09"] / 50
    java = pmks[pmks["kode_desa"].str[:2].isin(["33", "35"])]
    assert (java["kode_pmks"] != "26").all()


def test_urban_categories_are_denser_in_kelurahan(pmks, penduduk):
    y25 = penduduk[penduduk["tahun"] == "2025"]
    kel = y25["kode_desa"].str[9] == "1"
    pop_kel, pop_desa = y25.loc[kel, "penduduk"].astype(int).sum(), y25.loc[~kel, "penduduk"].astype(int).sum()
    street = pmks[pmks["kode_pmks"].isin(["11", "12", "13"])]
    in_kel = (street["kode_desa"].str[9] == "1").sum()
    assert in_kel / pop_kel > 3 * (len(street) - in_kel) / pop_desa


def test_psm_rows_pass_import_checks(psm):
    assert (_age_years(psm["tanggal_lahir"], psm["tanggal_sk"]) >= 18).all()
    assert set(psm["aktif"]) == {"Y", "T"}
    assert ((psm["aktif"] == "T") == (psm["tanggal_nonaktif"] != "")).all()
    left = psm[psm["tanggal_nonaktif"] != ""]
    assert (left["tanggal_nonaktif"] >= left["tanggal_sk"]).all()
    assert psm["tanggal_sk"].between("2015-01-01", "2025-12-31").all()
    assert psm["no_hp"].str.fullmatch(r"08\d{9,10}").all()
    assert (psm["kode_desa_ktp"].str[:8] == psm["kode_desa"].str[:8]).all()
    assert 0.02 < (psm["kode_desa_ktp"] != psm["kode_desa"]).mean() < 0.08


def test_pelatihan_rows_pass_import_checks(pelatihan):
    assert pelatihan["nik_psm"].str.fullmatch(r"\d{16}").all()
    assert (pelatihan["tanggal_selesai"] >= pelatihan["tanggal_mulai"]).all()
    assert (pelatihan["tanggal_mulai"] >= pelatihan["tanggal_sk"]).all()
    assert set(pelatihan["lulus"]) == {"Y", "T"}
    assert (pelatihan.loc[pelatihan["lulus"] == "T", "no_sertifikat"] == "").all()
    assert ((pelatihan["lulus"] == "Y") & (pelatihan["no_sertifikat"] == "")).any()
    assert {"Bimtek Dasar", "Bimtek Lanjutan"} <= set(pelatihan["jenis_pelatihan"])
    assert not pelatihan.duplicated(["nik_psm", "jenis_pelatihan", "tanggal_mulai"]).any()


def test_tuban_one_psm_per_village_from_2022(psm, pelatihan):
    tuban = psm[psm["kab"] == "35.23"]
    assert len(tuban) == 328
    assert tuban["kode_desa"].nunique() == 328
    assert (tuban["tanggal_sk"].str[:4] == "2022").all()
    assert len(_active_on(tuban, "2022-12-31")) == 328
    assert len(_active_on(tuban, "2021-12-31")) == 0
    dasar = pelatihan[(pelatihan["kab"] == "35.23") & (pelatihan["jenis_pelatihan"] == "Bimtek Dasar")]
    assert set(dasar["tanggal_mulai"]) == {"2022-11-14"}
    assert set(dasar["penyelenggara"]) == {"Dinas Sosial Kabupaten Tuban"}
    certified = dasar[(dasar["lulus"] == "Y") & (dasar["no_sertifikat"] != "")]
    assert 0.88 <= certified["nik_psm"].nunique() / 328 <= 0.92


def test_lampung_selatan_grows_from_27_to_77(psm, pelatihan):
    lamsel = psm[psm["kab"] == "18.01"]
    before = lamsel[lamsel["tanggal_sk"] < "2025-01-01"]
    assert len(before) == 27 and before["kode_desa"].nunique() == 27
    active = _active_on(lamsel, "2025-12-31")
    assert len(active) == 77 and active["kode_desa"].nunique() == 77
    assert 260 - active["kode_desa"].nunique() == 183
    assert len(_active_on(lamsel, "2024-12-31")) == 27
    dasar_2025 = pelatihan[
        (pelatihan["kab"] == "18.01")
        & (pelatihan["jenis_pelatihan"] == "Bimtek Dasar")
        & (pelatihan["tanggal_mulai"].str[:4] == "2025")
        & (pelatihan["lulus"] == "Y")
    ]
    assert len(dasar_2025) > 0
    assert (dasar_2025["tanggal_sk"] >= "2025-01-01").all()


def test_known_bimtek_dates(pelatihan):
    dasar = pelatihan[pelatihan["jenis_pelatihan"] == "Bimtek Dasar"]
    lamongan = dasar[(dasar["kab"] == "35.24") & (dasar["tanggal_mulai"] == "2024-09-18")]
    assert len(lamongan) == 50 and lamongan["nik_psm"].nunique() == 50
    assert "2022-06-07" in set(dasar.loc[dasar["kab"] == "33.12", "tanggal_mulai"])
    assert "2025-06-26" in set(dasar.loc[dasar["kab"] == "35.08", "tanggal_mulai"])


def test_other_kabupaten_vary(psm, pelatihan, penduduk):
    n_villages = penduduk[penduduk["tahun"] == "2025"].groupby(penduduk["kode_desa"].str[:5]).size()
    active = _active_on(psm, "2025-12-31")
    coverage = active.groupby("kab")["kode_desa"].nunique() / n_villages
    assert coverage.min() >= 0.2 and coverage.max() <= 1.0
    assert coverage.quantile(0.9) - coverage.quantile(0.1) > 0.3
    assert (psm.groupby("kode_desa").size() > 1).any()
    organisers = set(pelatihan["penyelenggara"])
    assert any(o.startswith("Dinas Sosial Kota ") for o in organisers)
    assert any(o.startswith("Dinas Sosial Provinsi ") for o in organisers)
    trained = pelatihan[(pelatihan["jenis_pelatihan"] == "Bimtek Dasar") & (pelatihan["lulus"] == "Y")]
    share = trained[trained["nik_psm"].isin(active["nik"])].groupby("kab")["nik_psm"].nunique()
    share = (share / active.groupby("kab").size()).fillna(0)
    assert share.quantile(0.1) < 0.35 and share.quantile(0.9) > 0.75


def test_xlsx_has_text_codes_and_real_dates(demo_dir):
    ws = openpyxl.load_workbook(demo_dir / "psm_18.xlsx", read_only=True).worksheets[0]
    header, first = list(ws.iter_rows(min_row=1, max_row=2, values_only=True))
    row = dict(zip(header, first))
    assert isinstance(row["nik"], str) and len(row["nik"]) == 16
    assert isinstance(row["kode_desa"], str) and row["kode_desa"].startswith("18.")
    assert isinstance(row["tanggal_sk"], dt.datetime)


def test_same_seed_same_bytes_and_provinces_independent(demo_dir, lampung_dir):
    for name in ("pmks_kasus_18.csv", "psm_18.xlsx", "pelatihan_18.csv"):
        assert (lampung_dir / name).read_bytes() == (demo_dir / name).read_bytes(), name
    full = (demo_dir / "penduduk_desa.csv").read_text().splitlines()
    only = (lampung_dir / "penduduk_desa.csv").read_text().splitlines()
    assert only == [full[0]] + [line for line in full[1:] if line.startswith("18.")]


def test_other_seed_differs(tmp_path, lampung_dir):
    write_demo_exports(SHARED_GEO, tmp_path, seed=7, provinces=("18",))
    assert (tmp_path / "pmks_kasus_18.csv").read_bytes() != (lampung_dir / "pmks_kasus_18.csv").read_bytes()
