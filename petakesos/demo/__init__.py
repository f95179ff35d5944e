"""Write the deterministic synthetic demo exports ("Data contoh (sintetis)") in data/README.md formats.

Files: penduduk_desa.csv (all villages × 2021–2025) and per province PP pmks_kasus_PP.csv,
psm_PP.csv (Lampung's as psm_18.xlsx, to exercise the XLSX reader) and pelatihan_PP.csv.
Every random stream is keyed by seed, purpose and place, so output bytes depend only on the seed
and the shared geography, and a province's rows do not change when other provinces are left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from petakesos.demo import pmks as demo_pmks
from petakesos.demo import population as demo_population
from petakesos.demo import psm as demo_psm
from petakesos.demo.people import assign_niks, make_names, rng_for
from petakesos.geo.build import read_upper, upper_files, upper_root

XLSX_PROVINCES = ("18",)
PMKS_COLUMNS = [
    "nik",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_pmks",
    "kode_desa",
    "tanggal_catat",
    "status",
    "tanggal_selesai",
    "sumber",
]
PSM_COLUMNS = [
    "nik",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_desa",
    "kode_desa_ktp",
    "no_sk",
    "tanggal_sk",
    "aktif",
    "tanggal_nonaktif",
    "no_hp",
]
PELATIHAN_COLUMNS = [
    "nik_psm",
    "jenis_pelatihan",
    "tanggal_mulai",
    "tanggal_selesai",
    "penyelenggara",
    "lulus",
    "no_sertifikat",
]
_DATE_COLUMNS = {"tanggal_lahir", "tanggal_catat", "tanggal_selesai", "tanggal_sk", "tanggal_nonaktif", "tanggal_mulai"}


def available_provinces(shared_geo_dir: Path) -> tuple[str, ...]:
    """Province codes that have a desa_PP_*.parquet boundary file."""
    return tuple(sorted({p.name.split("_")[1] for p in Path(shared_geo_dir).glob("desa_*_*.parquet")}))


def load_villages(shared_geo_dir: Path, provinces: tuple[str, ...]) -> pd.DataFrame:
    """One row per desa/kelurahan of the provinces, with centroid and area.

    Villages without a polygon take their kecamatan's mean centroid and median area; in a province without
    village polygons, a point and a share of their kecamatan (_from_upper_polygons).
    """
    geo = Path(shared_geo_dir)
    codes = pd.read_csv(geo / "wilayah_kemendagri_2025.csv", dtype=str, keep_default_na=False)
    v = codes[(codes["tingkat"] == "4") & codes["kode_prov"].isin(provinces)]
    v = v[["kode", "jenis", "kode_prov", "kode_kab", "kode_kec", "nama_prov", "nama_kab"]]
    v = v.rename(columns={"kode": "kode_desa"})
    columns = ["kode_desa", "lat", "lng", "luas_km2"]
    files = [p for p in sorted(geo.glob("desa_*_*.parquet")) if p.name.split("_")[1] in provinces]
    empty = pd.DataFrame({c: pd.Series(dtype=str if c == "kode_desa" else float) for c in columns})
    coords = pd.concat([empty, *(pd.read_parquet(p, columns=columns) for p in files)], ignore_index=True)
    v = v.merge(coords, on="kode_desa", how="left").sort_values("kode_desa", kind="stable")
    v["has_polygon"] = v["lat"].notna()
    by_kec = v.groupby("kode_kec")
    for col, how in (("lat", "mean"), ("lng", "mean"), ("luas_km2", "median")):
        v[col] = v[col].fillna(by_kec[col].transform(how))
    v = _from_upper_polygons(v, geo)
    v["is_kel"] = v["jenis"] == "Kelurahan"
    v["kec6"] = v["kode_kec"].str.replace(".", "", regex=False).astype(np.int64)
    return v.reset_index(drop=True)


def _from_upper_polygons(v: pd.DataFrame, geo: Path) -> pd.DataFrame:
    """Desa of a kecamatan without any village polygon (a province with no desa_PP file) take a point inside
    their kecamatan (else kabupaten) polygon and an equal share of its area, from shared/geo's upstream
    kecamatan/kabupaten files; rows of villages with polygons are left exactly as they were."""
    missing = v["lat"].isna()
    root = upper_root(geo / "upstream" / "wilayah_boundaries")
    if not missing.any() or root is None:
        if missing.any():
            raise FileNotFoundError(f"Tidak ada batas desa atau kecamatan untuk {v.loc[missing, 'kode_kec'].iloc[0]}.")
        return v
    provinces = set(v.loc[missing, "kode_prov"])
    for level in ("kec", "kab"):
        key = f"kode_{level}"
        todo = v["lat"].isna()
        if not todo.any():
            break
        units, _ = read_upper(upper_files(root, level, provinces), level)
        units = units[units["kode"].isin(set(v.loc[todo, key]))]
        if units.empty:
            continue
        point = units.geometry.representative_point()
        km2 = units.to_crs("EPSG:6933").area / 1e6
        per_unit = pd.DataFrame({key: units["kode"], "_lat": point.y, "_lng": point.x, "_km2": km2.to_numpy()})
        rows = v.loc[todo, [key]].merge(per_unit, on=key, how="left")
        rows["_km2"] = rows["_km2"] / rows.groupby(key)[key].transform("size")
        v.loc[todo, "lat"], v.loc[todo, "lng"] = rows["_lat"].to_numpy(), rows["_lng"].to_numpy()
        v.loc[todo, "luas_km2"] = rows["_km2"].to_numpy()
    if v["lat"].isna().any():
        raise FileNotFoundError(f"Tidak ada batas wilayah untuk desa {v.loc[v['lat'].isna(), 'kode_desa'].iloc[0]}.")
    return v


def load_kab_population(shared_geo_dir: Path) -> pd.DataFrame:
    """Real 2025 population per kab/kota (kode, penduduk_laki, penduduk_total as integers)."""
    pop = pd.read_csv(Path(shared_geo_dir) / "penduduk_luas_prov_kabkota_2025.csv", dtype=str)
    # Rows with empty figures exist elsewhere in the file (e.g. '11.1'); only usable rows are kept.
    pop = pop[(pop["tingkat"] == "2") & pop["penduduk_total"].notna()].copy()
    for col in ("penduduk_laki", "penduduk_perempuan", "penduduk_total"):
        pop[col] = pop[col].astype(np.int64)
    return pop[["kode", "penduduk_laki", "penduduk_perempuan", "penduduk_total"]]


def _dates(values) -> np.ndarray:
    text = np.datetime_as_string(np.asarray(values, dtype="datetime64[D]"), unit="D")
    return np.where(text == "NaT", "", text)


def _people(persons: pd.DataFrame, seed: int, purpose: str) -> pd.DataFrame:
    """Names and sex letters per person, drawn per province so provinces stay independent."""
    names = np.empty(len(persons), dtype=object)
    for prov, idx in persons.groupby("prov", sort=True).indices.items():
        p = persons.iloc[idx]
        names[idx] = make_names(
            rng_for(seed, purpose, int(prov)),
            p["female"].to_numpy(),
            p["birth"].to_numpy(),
            np.full(idx.size, prov == "18"),
        )
    return persons.assign(nama=names, jenis_kelamin=np.where(persons["female"], "P", "L"))


def generate(shared_geo_dir: Path, seed: int, provinces: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """All demo tables as frames: penduduk, psm, pelatihan and pmks (each with a `prov` column)."""
    villages = load_villages(shared_geo_dir, provinces)
    kab_pop = load_kab_population(shared_geo_dir)
    missing = sorted(set(villages["kode_kab"]) - set(kab_pop["kode"]))
    if missing:
        raise ValueError(f"no 2025 population for kab/kota {missing}")
    penduduk = demo_population.population(villages, kab_pop, seed)
    pop25 = penduduk.loc[penduduk["tahun"] == 2025, ["kode_desa", "penduduk"]]
    villages = villages.merge(pop25.rename(columns={"penduduk": "pop25"}), on="kode_desa")

    psm_frames, training_frames, offset = [], [], 0
    for kode_kab, idx in villages.groupby("kode_kab", sort=True).indices.items():
        psm, training = demo_psm.psm_for_kab(villages.iloc[idx], kode_kab, seed)
        psm_frames.append(psm.assign(prov=kode_kab[:2]))
        training_frames.append(training.assign(row=training["row"] + offset))
        offset += len(psm)
    psm = pd.concat(psm_frames, ignore_index=True)
    training = pd.concat(training_frames, ignore_index=True)

    case_persons, case_rows, offset = [], [], 0
    for prov in provinces:
        persons, rows = demo_pmks.cases(villages[villages["kode_prov"] == prov], prov, seed)
        case_persons.append(persons.assign(pid=persons["pid"] + offset, prov=prov))
        case_rows.append(rows.assign(pid=rows["pid"] + offset, prov=prov))
        offset += len(persons)
    persons = pd.concat(case_persons, ignore_index=True)
    cases = pd.concat(case_rows, ignore_index=True)

    # One NIK pass over PSM and case persons together keeps the two groups disjoint.
    kec6 = np.concatenate([psm["kec6"].to_numpy(), persons["kec6"].to_numpy()])
    birth = np.concatenate([psm["birth"].to_numpy(), persons["birth"].to_numpy()])
    female = np.concatenate([psm["female"].to_numpy(), persons["female"].to_numpy()])
    nik, birth = assign_niks(kec6, birth, female)
    psm = _people(psm.assign(nik=nik[: len(psm)], birth=birth[: len(psm)]), seed, "names-psm")
    persons = _people(persons.assign(nik=nik[len(psm) :], birth=birth[len(psm) :]), seed, "names-pmks")

    psm = psm.rename(columns={"birth": "tanggal_lahir"})
    training = training.assign(
        nik_psm=psm["nik"].to_numpy()[training["row"]], prov=psm["prov"].to_numpy()[training["row"]]
    )
    cases = cases.merge(persons[["pid", "nik", "nama", "jenis_kelamin", "birth"]], on="pid")
    cases = cases.rename(columns={"birth": "tanggal_lahir"})
    return {"penduduk": penduduk, "psm": psm, "pelatihan": training, "pmks": cases}


def _as_text(frame: pd.DataFrame, columns: list[str], order: list[str]) -> pd.DataFrame:
    out = frame.sort_values(order, kind="stable")[columns].copy()
    for col in columns:
        out[col] = _dates(out[col]) if col in _DATE_COLUMNS else out[col].astype(str)
    return out.reset_index(drop=True)


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def _write_xlsx(frame: pd.DataFrame, path: Path) -> Path:
    """First sheet, codes as text cells, dates as real Excel dates; fixed metadata for stable bytes."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": dt.datetime(2025, 12, 31), "author": "Peta Kesos (data contoh)"})
    ws = wb.add_worksheet("PSM")
    date_fmt, text_fmt = wb.add_format({"num_format": "yyyy-mm-dd"}), wb.add_format({"num_format": "@"})
    ws.write_row(0, 0, list(frame.columns))
    for c, col in enumerate(frame.columns):
        is_date = col in _DATE_COLUMNS
        ws.set_column(c, c, 12 if is_date else 18, date_fmt if is_date else text_fmt)
        for r, value in enumerate(frame[col].tolist(), start=1):
            if value == "":
                continue
            if is_date:
                ws.write_datetime(r, c, dt.datetime.fromisoformat(value), date_fmt)
            else:
                ws.write_string(r, c, value, text_fmt)
    wb.close()
    return path


def write_demo_exports(
    shared_geo_dir: Path, out_dir: Path, seed: int = 20251, provinces: tuple[str, ...] | None = None
) -> list[Path]:
    """Write the demo export files into out_dir and return their paths (sorted).

    provinces restricts generation (e.g. ('35',)) for fast tests; by default every province with a
    desa_PP_*.parquet file in shared_geo_dir.
    """
    shared_geo_dir, out_dir = Path(shared_geo_dir), Path(out_dir)
    provinces = tuple(sorted(provinces or available_provinces(shared_geo_dir)))
    frames = generate(shared_geo_dir, seed, provinces)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [_write_csv(frames["penduduk"], out_dir / "penduduk_desa.csv")]
    for prov in provinces:
        pmks = frames["pmks"][frames["pmks"]["prov"] == prov]
        paths.append(
            _write_csv(
                _as_text(pmks, PMKS_COLUMNS, ["kode_desa", "tanggal_catat", "kode_pmks", "nik"]),
                out_dir / f"pmks_kasus_{prov}.csv",
            )
        )
        psm = _as_text(frames["psm"][frames["psm"]["prov"] == prov], PSM_COLUMNS, ["kode_desa", "tanggal_sk", "nik"])
        if prov in XLSX_PROVINCES:
            paths.append(_write_xlsx(psm, out_dir / f"psm_{prov}.xlsx"))
        else:
            paths.append(_write_csv(psm, out_dir / f"psm_{prov}.csv"))
        training = frames["pelatihan"][frames["pelatihan"]["prov"] == prov]
        paths.append(
            _write_csv(
                _as_text(training, PELATIHAN_COLUMNS, ["tanggal_mulai", "penyelenggara", "jenis_pelatihan", "nik_psm"]),
                out_dir / f"pelatihan_{prov}.csv",
            )
        )
    return sorted(paths)
