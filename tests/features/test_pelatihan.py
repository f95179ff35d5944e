"""Pelatihan queries and logic on the fixture, checked against hand counts and against SQL written
independently here, straight on the psm and pelatihan tables (no marts, no app queries).

Fixture (tests/fixtures/psm.csv, pelatihan.csv), Kecamatan Kenduruan:
  PSM Satu  desa 2001, KTP 2001, SK 2021-05-01, active; Bimtek Dasar 14–17 Nov 2022 passed, CERT-1.
  PSM Dua   desa 2001, KTP 2002, SK 2022-12-31, active; Bimtek Dasar 1–2 Feb 2023 failed.
  PSM Tiga  desa 2002, SK 2022-03-01, left 2022-12-31 (so not counted on 31 Dec 2022).
  PSM Empat desa 2003, SK 2023-01-01, active; Bimtek Lanjutan passed (not Dasar); its Dasar row
            (end before start) is quarantined.
  PSM Lima  desa 2002, SK 2020-01-01, inactive without a date: never counted.
  PSM Muda  desa 2002 (Sokogunung), KTP 2002, born 1 Jan 2010, SK 2023-01-01 (13 at SK), active, no
            training: imported and flagged (under 18 at SK, no Bimtek Dasar), not quarantined.
Age rule tests use their own small export, tests/fixtures/umur (see its README), in a temporary database.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from needs import demo_connection

from petakesos import db, sql
from petakesos.features import pelatihan
from petakesos.features.pelatihan import view

KENDURUAN = "35.23.01"

# Independent of the app queries: one row per year, PSM with SK by 31 Dec and active then, and how many
# of them had passed Bimtek Dasar by then, via correlated subqueries on the raw tables.
INDEPENDENT_YEARLY = """
with years as (select unnest(range(2015, 2026)) as y)
select
    y as tahun,
    (select count(*) from psm p
        where (p.kode_desa = $w or p.kode_desa like $w || '.%')
          and p.tanggal_sk <= make_date(y, 12, 31)
          and (case when p.tanggal_nonaktif is not null then p.tanggal_nonaktif > make_date(y, 12, 31)
                    else p.aktif end)) as aktif,
    (select count(*) from psm p
        where (p.kode_desa = $w or p.kode_desa like $w || '.%')
          and p.tanggal_sk <= make_date(y, 12, 31)
          and (case when p.tanggal_nonaktif is not null then p.tanggal_nonaktif > make_date(y, 12, 31)
                    else p.aktif end)
          and exists (select 1 from pelatihan l where l.nik_hash = p.nik_hash and l.lulus
                        and l.jenis_pelatihan = 'Bimtek Dasar' and l.tanggal_selesai <= make_date(y, 12, 31)))
        as terlatih
from years
order by y
"""


def _independent(con, scope: str) -> pd.DataFrame:
    return con.execute(INDEPENDENT_YEARLY, {"w": scope}).df().set_index("tahun")


# ---- queries on the fixture, hand counts ---------------------------------------------------------


def test_monthly_trend_counts_psm_at_each_month_end(con):
    tren = sql.run(con, "app/psm_trained_by_unit_bulan", wilayah=KENDURUAN)
    assert set(tren["kode_unit"]) == {KENDURUAN} and set(tren["nama_unit"]) == {"Kenduruan"}
    by_month = tren.assign(bulan=pd.to_datetime(tren["bulan"]).dt.strftime("%Y-%m")).set_index("bulan")
    expected = {  # month: (counted, trained, certified, newly trained)
        "2021-04": (0, 0, 0, 0),
        "2021-05": (1, 0, 0, 0),  # Satu's SK
        "2022-03": (2, 0, 0, 0),  # + Tiga
        "2022-10": (2, 0, 0, 0),
        "2022-11": (2, 1, 1, 1),  # Satu passes 17 Nov
        "2022-12": (2, 1, 1, 0),  # Tiga leaves 31 Dec, Dua's SK 31 Dec
        "2023-01": (4, 1, 1, 0),  # + Empat and Muda
        "2023-12": (4, 1, 1, 0),  # Dua failed in Feb; Empat only has Lanjutan; Muda untrained
    }
    for month, figures in expected.items():
        row = by_month.loc[month]
        assert (row["psm_aktif"], row["psm_terlatih"], row["psm_bersertifikat"], row["terlatih_baru"]) == figures, month
    assert tren["terlatih_baru"].sum() == 1


def test_yearly_series_equals_hand_counts_and_beranda(con):
    yearly = pelatihan.yearly_total(sql.run(con, "app/psm_trained_by_unit_bulan", wilayah=KENDURUAN)).set_index("tahun")
    assert yearly.index.tolist() == [2021, 2022, 2023]  # from May 2021, the first counted PSM (Lima never counts)
    assert yearly.loc[2021, ["psm_aktif", "psm_terlatih", "terlatih_baru"]].tolist() == [1, 0, 0]
    assert yearly.loc[2022, ["psm_aktif", "psm_terlatih", "terlatih_baru"]].tolist() == [2, 1, 1]
    assert yearly.loc[2023, ["psm_aktif", "psm_terlatih", "terlatih_baru"]].tolist() == [4, 1, 0]
    assert yearly.loc[2022, "persen_terlatih"] == 50.0
    assert yearly.loc[2023, "persen_terlatih"] == 25.0
    for tahun in (2021, 2022, 2023):
        row = sql.run(con, "app/headline_figures", wilayah=KENDURUAN, tahun=tahun).iloc[0]
        assert (row["psm_aktif"], row["psm_terlatih"]) == tuple(yearly.loc[tahun, ["psm_aktif", "psm_terlatih"]])


@pytest.mark.parametrize("scope", [KENDURUAN, "35.23", "35", ""])
def test_yearly_series_equals_independent_sql_on_the_fixture(con, scope):
    yearly = pelatihan.yearly_total(sql.run(con, "app/psm_trained_by_unit_bulan", wilayah=scope)).set_index("tahun")
    independent = _independent(con, scope or "35")
    for tahun, row in yearly.iterrows():
        assert (row["psm_aktif"], row["psm_terlatih"]) == tuple(independent.loc[tahun, ["aktif", "terlatih"]]), tahun


def test_trend_units_are_one_level_below_the_scope(con):
    assert set(sql.run(con, "app/psm_trained_by_unit_bulan", wilayah="")["kode_unit"]) == {"35"}
    assert set(sql.run(con, "app/psm_trained_by_unit_bulan", wilayah="35")["kode_unit"]) == {"35.23"}
    assert set(sql.run(con, "app/psm_trained_by_unit_bulan", wilayah="35.23")["kode_unit"]) == {KENDURUAN}
    assert sql.run(con, "app/psm_trained_by_unit_bulan", wilayah="35.23.02").empty  # Jatirogo: no PSM


def test_events_are_jenis_organiser_and_start_date(con):
    ev = pelatihan.events(sql.run(con, "app/training_events", wilayah=KENDURUAN))
    got = [
        (r.jenis_pelatihan, r.penyelenggara, r.tanggal_mulai.date().isoformat(), r.peserta, r.lulus, r.bersertifikat)
        for r in ev.itertuples()
    ]
    assert got == [
        ("Bimtek Dasar", "Dinas Sosial Kabupaten Tuban", "2022-11-14", 1, 1, 1),
        ("Bimtek Dasar", "Dinas Sosial Kabupaten Tuban", "2023-02-01", 1, 0, 0),
        ("Bimtek Lanjutan", "Dinas Sosial Provinsi Jawa Timur", "2023-06-01", 1, 1, 1),
    ]
    assert ev["persen_lulus"].tolist() == [100.0, 0.0, 100.0]
    assert sql.run(con, "app/training_events", wilayah="35.23.02").empty


def test_psm_of_the_year_never_carry_nik_or_birth_date(con):
    psm = sql.run(con, "app/psm_eligibility", wilayah=KENDURUAN, tahun=2023)
    assert sorted(psm["nama"]) == ["PSM Dua", "PSM Empat", "PSM Muda", "PSM Satu"]
    assert not {"nik", "nik_hash", "nik_psm", "tanggal_lahir"} & set(psm.columns)
    assert psm.set_index("nama").loc["PSM Satu", "umur_saat_sk"] == 31  # born 1 Jan 1990, SK 1 May 2021
    assert psm.set_index("nama").loc["PSM Muda", "umur_saat_sk"] == 13  # born 1 Jan 2010, SK 1 Jan 2023


def test_pipeline_and_waiting_times_2023(con):
    psm = sql.run(con, "app/psm_eligibility", wilayah=KENDURUAN, tahun=2023)
    assert pelatihan.pipeline(psm)["jumlah"].tolist() == [4, 1, 1]
    assert pelatihan.pipeline(psm)["persen"].tolist() == [100.0, 25.0, 25.0]
    # Satu: SK 1 May 2021 → passed 17 Nov 2022 = 18 whole months.
    assert pelatihan.median_wait(psm, 2023) == 18
    hist = pelatihan.wait_histogram(psm, 2023).set_index("rentang")
    # Dua waits 31 Dec 2022 → 31 Dec 2023 (12 months), Empat and Muda 1 Jan → 31 Dec 2023 (11 months).
    assert hist.loc["18–23", "sudah_lulus"] == 1
    assert hist.loc["12–17", "masih_menunggu"] == 1
    assert hist.loc["6–11", "masih_menunggu"] == 2
    assert hist[["sudah_lulus", "masih_menunggu"]].to_numpy().sum() == 4
    assert hist.index.tolist() == ["0–5", "6–11", "12–17", "18–23"]


def test_eligibility_list_names_each_failed_check(con):
    fail_2023 = pelatihan.failing(sql.run(con, "app/psm_eligibility", wilayah=KENDURUAN, tahun=2023)).set_index("Nama")
    assert sorted(fail_2023.index) == ["PSM Dua", "PSM Empat", "PSM Muda"]
    assert fail_2023.loc["PSM Dua", "Alasan"] == (
        "KTP bukan di desa tempat bertugas (KTP: Sokogunung); Sudah ikut Bimtek Dasar, belum lulus"
    )
    assert fail_2023.loc["PSM Empat", "Alasan"] == "Belum lulus Bimtek Dasar"  # Lanjutan is not Dasar
    assert fail_2023.loc["PSM Muda", "Alasan"] == "Umur saat SK di bawah 18 tahun (13 tahun); Belum lulus Bimtek Dasar"
    assert fail_2023.loc["PSM Muda", "Desa/Kelurahan"] == "Sokogunung"
    assert fail_2023.loc["PSM Dua", "Desa/Kelurahan"] == "Jlodro"
    # On 31 Dec 2022 Dua had not sat the Bimtek yet.
    fail_2022 = pelatihan.failing(sql.run(con, "app/psm_eligibility", wilayah=KENDURUAN, tahun=2022))
    assert fail_2022["Nama"].tolist() == ["PSM Dua"]
    assert fail_2022["Alasan"].iloc[0].endswith("Belum lulus Bimtek Dasar")
    summary = pelatihan.check_summary(sql.run(con, "app/psm_eligibility", wilayah=KENDURUAN, tahun=2023))
    assert summary["tidak_memenuhi"].tolist() == [1, 1, 3]  # age: Muda; KTP: Dua; Bimtek: Dua, Empat, Muda


def test_map_values_share_trained_and_no_data_without_psm(con):
    desa = pelatihan.map_values(sql.run(con, "app/psm_trained_by_wilayah", wilayah=KENDURUAN, tahun=2023, tingkat=4))
    assert len(desa) == 9
    v = desa.set_index("kode")["nilai"]
    assert v["35.23.01.2001"] == 50.0  # Satu trained, Dua not
    assert v["35.23.01.2002"] == 0.0  # Muda
    assert v["35.23.01.2003"] == 0.0  # Empat
    assert v.isna().sum() == 6  # no PSM: undefined share, not 0 %
    kec = pelatihan.map_values(sql.run(con, "app/psm_trained_by_wilayah", wilayah="35.23", tahun=2023, tingkat=3))
    assert len(kec) == 20
    assert kec.set_index("kode").loc[KENDURUAN, ["psm_aktif", "psm_terlatih"]].tolist() == [4, 1]
    kab = sql.run(con, "app/psm_trained_by_wilayah", wilayah="35", tahun=2023, tingkat=2)
    assert kab.set_index("kode").loc["35.23", "psm_aktif"] == 4


def test_excel_keeps_numbers_as_numbers_and_dates_without_a_time(con):
    import io

    import openpyxl

    from petakesos import excel

    ev = pelatihan.events(sql.run(con, "app/training_events", wilayah=KENDURUAN))
    table = pelatihan.labelled(ev, {"tanggal_mulai": "Tanggal mulai", "peserta": "Peserta", "persen_lulus": "% lulus"})
    sheet = openpyxl.load_workbook(io.BytesIO(excel.workbook({"Kegiatan": table}))).active
    first = [(c.value, c.number_format) for c in sheet[2]]
    assert first == [(dt.datetime(2022, 11, 14), "YYYY-MM-DD"), (1, "#,##0"), (100, "#,##0")]  # all whole here


def test_ranking_puts_the_lagging_unit_first():
    tren = pd.DataFrame(
        {
            "kode_unit": ["a", "a", "b", "b"],
            "nama_unit": ["A", "A", "B", "B"],
            "bulan": pd.to_datetime(["2024-12-01", "2025-12-01"] * 2),
            "psm_aktif": [10, 10, 10, 20],
            "psm_terlatih": [5, 9, 1, 5],
            "psm_bersertifikat": [0, 0, 0, 0],
            "terlatih_baru": [5, 4, 1, 4],
        }
    )
    ranked = pelatihan.ranking(tren, 2025)
    assert ranked["nama_unit"].tolist() == ["B", "A"]
    assert ranked["persen_terlatih"].tolist() == [25.0, 90.0]
    assert ranked["selisih_poin"].tolist() == [pytest.approx(25 - 46.7), pytest.approx(90 - 46.7)]  # 14 of 30


# ---- age at the SK date: tests/fixtures/umur in a temporary database ------------------------------


@pytest.fixture(scope="module")
def umur_con(world, tmp_path_factory):
    from needs import FIXTURES

    from petakesos.ingest.importer import import_files

    path = tmp_path_factory.mktemp("umur") / "umur.duckdb"
    import_files([FIXTURES / "umur" / n for n in ("psm.csv", "pelatihan.csv")], world, store=path)
    connection = db.connect(path, read_only=True)
    yield connection
    connection.close()


def test_age_at_sk_in_whole_years_with_29_february_birthday_on_1_march(umur_con):
    psm = sql.run(umur_con, "app/psm_eligibility", wilayah=KENDURUAN, tahun=2023).set_index("nama")
    assert psm["umur_saat_sk"].to_dict() == {
        "Kabisat Belum": 17,  # born 29 Feb 2004, SK 28 Feb 2022: the 18th birthday is 1 March 2022
        "Kabisat Sudah": 18,  # SK 1 Mar 2022
        "Lahir Akhir Februari": 18,  # born 28 Feb 2002, SK on the 18th birthday (in a leap year)
        "Kurang Sehari": 17,  # born 15 Jun 2005, SK 14 Jun 2023
        "Tepat Delapan Belas": 18,  # SK 15 Jun 2023, the 18th birthday
    }


def test_psm_under_18_at_sk_are_on_the_follow_up_list_with_their_age(umur_con):
    psm = sql.run(umur_con, "app/psm_eligibility", wilayah=KENDURUAN, tahun=2023)
    listed = pelatihan.failing(psm).set_index("Nama")["Alasan"].to_dict()
    assert listed == {
        "Kabisat Belum": "Umur saat SK di bawah 18 tahun (17 tahun)",
        "Kurang Sehari": "Umur saat SK di bawah 18 tahun (17 tahun)",
    }
    assert pelatihan.check_summary(psm)["tidak_memenuhi"].tolist() == [2, 0, 0]
    assert pelatihan.n_failing(pelatihan.eligibility(psm)) == 2


# ---- pure logic -------------------------------------------------------------------------------


def test_full_months_counts_whole_calendar_months():
    start = pd.Series(pd.to_datetime(["2021-05-01", "2021-05-31", "2022-08-01", "2024-01-15", None]))
    end = pd.Series(pd.to_datetime(["2022-11-17", "2021-06-30", "2022-11-17", "2024-01-14", "2024-01-01"]))
    assert pelatihan.full_months(start, end).tolist()[:4] == [18, 0, 3, -1]
    assert np.isnan(pelatihan.full_months(start, end).iloc[4])


def _psm(**overrides) -> pd.DataFrame:
    row = {
        "nama": "X",
        "kode_desa": "35.23.01.2001",
        "nama_desa": "Jlodro",
        "nama_kec": "Kenduruan",
        "nama_kab": "Kabupaten Tuban",
        "kode_desa_ktp": "35.23.01.2001",
        "nama_desa_ktp": "Jlodro",
        "no_sk": "SK",
        "tanggal_sk": pd.Timestamp("2024-01-10"),
        "umur_saat_sk": 30,
        "tanggal_bimtek": pd.Timestamp("2024-03-01"),
        "tanggal_sertifikat": pd.NaT,
        "kali_ikut_bimtek_dasar": 1,
    }
    row.update(overrides)
    return pd.DataFrame([row])


def test_eligibility_reasons_for_age_and_missing_ktp():
    assert pelatihan.failing(_psm()).empty
    young = pelatihan.failing(_psm(umur_saat_sk=17))
    assert young["Alasan"].tolist() == ["Umur saat SK di bawah 18 tahun (17 tahun)"]
    no_ktp = pelatihan.failing(_psm(kode_desa_ktp=None, nama_desa_ktp=None))
    assert no_ktp["Alasan"].tolist() == ["Desa KTP tidak tercatat"]
    assert pelatihan.n_failing(pelatihan.eligibility(_psm(umur_saat_sk=17))) == 1
    assert pelatihan.failing(_psm().iloc[0:0]).empty


def test_trained_before_sk_waits_zero_months():
    psm = _psm(tanggal_bimtek=pd.Timestamp("2023-06-01"))
    assert pelatihan.median_wait(psm, 2024) == 0


def test_texts_are_indonesian():
    now = pd.Series({"tahun": 2025, "persen_terlatih": 68.8})
    assert pelatihan.delta_text(now, pd.Series({"tahun": 2024, "persen_terlatih": 92.6})) == "-23,8 poin dari 2024"
    assert pelatihan.delta_text(now, pelatihan.year_row(pd.DataFrame(columns=["tahun"]), 2024)) is None
    assert pelatihan.months_text(18.0) == "18 bulan"
    assert pelatihan.months_text(4.5) == "4,5 bulan"
    assert pelatihan.months_text(np.nan) == "–"


_dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_dates, st.one_of(st.none(), _dates), st.booleans()), min_size=1, max_size=30))
def test_pipeline_narrows_and_histogram_counts_everyone(rows):
    psm = pd.DataFrame(
        {
            "tanggal_sk": pd.to_datetime([r[0] for r in rows]),
            "tanggal_bimtek": pd.to_datetime([r[1] for r in rows]),
            "tanggal_sertifikat": pd.to_datetime([r[1] if r[2] else None for r in rows]),
        }
    )
    stages = pelatihan.pipeline(psm)["jumlah"].tolist()
    assert stages[0] >= stages[1] >= stages[2] >= 0 and stages[0] == len(rows)
    hist = pelatihan.wait_histogram(psm, 2025)
    assert hist["sudah_lulus"].sum() == stages[1]
    assert hist["masih_menunggu"].sum() == len(rows) - stages[1]
    assert (hist["bulan_awal"].diff().dropna() == pelatihan.WAIT_BIN_MONTHS).all()


# ---- what the page draws (view): names from the glossary, arithmetic off the page -------------------


def _scope(tingkat="kab", wilayah="35.23", nama="Kabupaten Tuban", tahun=2023):
    return SimpleNamespace(nama=nama, wilayah=wilayah, tahun=tahun, tingkat=tingkat)


def test_metric_cards_use_glossary_names_and_count_the_untrained():
    now = pd.Series({"tahun": 2023, "psm_aktif": 4, "psm_terlatih": 1, "terlatih_baru": 0, "persen_terlatih": 25.0})
    before = pd.Series({"tahun": 2022, "psm_aktif": 2, "psm_terlatih": 1, "terlatih_baru": 1, "persen_terlatih": 50.0})
    cards = {c["label"]: c for c in view.metric_cards(now, before, 18.0, 3)}
    assert list(cards) == [
        "PSM aktif",
        "% PSM terlatih",
        "Sudah / belum Bimtek Dasar",
        "Lulus Bimtek Dasar tahun ini",
        "Median tunggu SK → Bimtek Dasar",
        "Belum memenuhi syarat",
    ]
    assert cards["% PSM terlatih"]["value"] == "25,0%"
    assert cards["% PSM terlatih"]["delta"] == "-25,0 poin dari 2022"
    assert cards["Sudah / belum Bimtek Dasar"]["value"] == "1 / 3"
    assert cards["Median tunggu SK → Bimtek Dasar"]["value"] == "18 bulan"
    assert cards["Belum memenuhi syarat"]["value"] == "3"
    assert cards["PSM aktif"]["help"].startswith("PSM dengan SK bertanggal paling lambat 31 Desember")
    assert all(c["help"] for c in cards.values())


def test_params_and_file_names_say_semua_for_all_provinces():
    assert view.params(_scope(wilayah="", nama="Semua provinsi"), today=dt.date(2026, 1, 2)) == {
        "Wilayah": "Semua provinsi",
        "Kode wilayah": "semua",
        "Tahun": 2023,
        "Dibuat": "2026-01-02",
    }
    assert view.file_name("pelatihan_peta", _scope()) == "pelatihan_peta_35.23_2023.xlsx"
    assert view.file_name("pelatihan_peta", _scope(wilayah="")) == "pelatihan_peta_semua_2023.xlsx"


def test_trend_chart_excel_has_the_glossary_headers():
    yearly = pd.DataFrame(
        {
            "tahun": [2022, 2023],
            "psm_aktif": [2, 4],
            "psm_terlatih": [1, 1],
            "psm_bersertifikat": [1, 1],
            "terlatih_baru": [1, 0],
            "persen_terlatih": [50.0, 25.0],
        }
    )
    chart = view.trend_chart(yearly.iloc[0:0], yearly, "tahun", _scope())
    assert list(chart.table.columns) == [
        "PSM aktif",
        "PSM terlatih (Bimtek Dasar)",
        "PSM bersertifikat",
        "Lulus Bimtek Dasar (baru)",
        "% PSM terlatih",
        "Tahun",
    ]
    assert chart.table["PSM aktif"].tolist() == [2, 4]
    assert (chart.name, chart.key) == ("pelatihan_tren_tahun", "tren_tahun")
    assert chart.config["toImageButtonOptions"]["filename"] == "pelatihan_tren_tahun"
    assert [t.name for t in chart.fig.data] == ["Lulus Bimtek Dasar (baru)", "PSM aktif", "PSM terlatih (Bimtek Dasar)"]
    assert "(tahunan)" in chart.fig.layout.title.text


def test_pipeline_note_counts_who_still_waits():
    stages = pd.DataFrame({"tahap": ["a", "b", "c"], "jumlah": [328, 295, 10], "persen": [100.0, 89.9, 3.0]})
    note = view.pipeline_note(stages, 3.0, 2022)
    assert "31 Desember 2022" in note and "**3 bulan**" in note
    assert "(295 PSM sudah lulus). 33 PSM masih menunggu" in note


def test_map_level_follows_the_scope_and_table_headers_follow_the_level():
    assert [view.map_tingkat(t) for t in ("nasional", "prov", "kab", "kec")] == [2, None, 4, 4]
    peta = pelatihan.map_values(
        pd.DataFrame(
            {
                "kode": ["35.23.01.2004", "35.23.01.2001"],
                "nama": ["Tanpa", "Jlodro"],
                "nama_induk": ["Kenduruan", "Kenduruan"],
                "jumlah_desa": [1, 1],
                "desa_dengan_psm": [0, 1],
                "psm_aktif": [0, 2],
                "psm_terlatih": [0, 1],
                "psm_bersertifikat": [0, 1],
            }
        )
    )
    desa = view.map_table(peta, 4)
    assert list(desa.columns) == [
        "Desa/Kelurahan",
        "Kecamatan",
        "Kode",
        "PSM aktif",
        "PSM terlatih (Bimtek Dasar)",
        "PSM bersertifikat",
        "% PSM terlatih",
    ]
    assert desa["Desa/Kelurahan"].tolist() == ["Jlodro", "Tanpa"]  # lowest share first, no PSM last
    kab = view.map_table(peta, 2)
    assert list(kab.columns[:5]) == [
        "Kabupaten/Kota",
        "Provinsi",
        "Kode",
        "Desa/kelurahan",
        "Desa/kelurahan dengan PSM",
    ]
    assert list(view.map_payload(peta).columns) == ["kode", "nilai", "teks"]
    assert view.clicked_text(peta, "35.23.01.2001") == "**Jlodro**: 1 dari 2 PSM aktif sudah Bimtek Dasar (50,0%)."
    assert view.clicked_text(peta, None) is None and view.clicked_text(peta, "99") is None
    spec = view.map_spec(_scope())
    assert (spec.value_label, spec.no_data_label, spec.subtitle) == (
        "% PSM terlatih",
        "Tanpa PSM",
        "Kabupaten Tuban · 2023",
    )


def test_follow_up_list_headers_come_from_the_glossary():
    young = pelatihan.failing(_psm(umur_saat_sk=17))
    assert list(young.columns) == [
        "Nama",
        "Desa/Kelurahan",
        "Kecamatan",
        "Alasan",
        "Kabupaten/Kota",
        "No SK",
        "Tanggal SK",
        "Kode desa",
    ]
    assert isinstance(young["Tanggal SK"].iloc[0], dt.date)


# ---- the demo database (skipped until it exists) ----------------------------------------------


@pytest.fixture(scope="module")
def demo():

    connection = demo_connection()
    yield connection
    connection.close()


def _monthly(con, scope):
    m = pelatihan.monthly_total(sql.run(con, "app/psm_trained_by_unit_bulan", wilayah=scope))
    return m.assign(bulan=m["bulan"].dt.strftime("%Y-%m")).set_index("bulan")


def test_demo_tuban_jumps_in_november_2022(demo):
    m = _monthly(demo, "35.23")
    assert m.loc["2022-10", "psm_terlatih"] == 0
    assert m.loc["2022-11", "terlatih_baru"] == 295  # 312 attended, 295 passed
    assert m.loc["2022-11", ["psm_aktif", "psm_terlatih"]].tolist() == [328, 295]
    ev = pelatihan.events(sql.run(demo, "app/training_events", wilayah="35.23"))
    nov = ev.loc[(ev["tanggal_mulai"] == "2022-11-14") & (ev["jenis_pelatihan"] == "Bimtek Dasar")].iloc[0]
    assert (nov["peserta"], nov["lulus"], nov["penyelenggara"]) == (312, 295, "Dinas Sosial Kabupaten Tuban")


def test_demo_lampung_selatan_grows_in_2025(demo):
    y = pelatihan.yearly_total(sql.run(demo, "app/psm_trained_by_unit_bulan", wilayah="18.01")).set_index("tahun")
    assert y.loc[2024, "psm_aktif"] == 27 and y.loc[2025, "psm_aktif"] == 77
    assert y.loc[2025, "psm_terlatih"] > y.loc[2024, "psm_terlatih"]
    assert y.loc[2025, "terlatih_baru"] == 28


def test_demo_known_training_events(demo):
    def starts(scope):
        ev = sql.run(demo, "app/training_events", wilayah=scope)
        ev = ev.loc[ev["jenis_pelatihan"] == "Bimtek Dasar"]
        return dict(zip(pd.to_datetime(ev["tanggal_mulai"]).dt.strftime("%Y-%m-%d"), ev["lulus"]))

    assert starts("35.24")["2024-09-18"] == 50  # Lamongan
    assert "2022-06-07" in starts("33.12")  # Wonogiri
    assert "2025-06-26" in starts("35.08")  # Lumajang


@pytest.mark.parametrize("scope", ["35.23", "18.01", "35.24.01", "35", "18"])
def test_demo_figures_equal_independent_sql(demo, scope):
    yearly = pelatihan.yearly_total(sql.run(demo, "app/psm_trained_by_unit_bulan", wilayah=scope)).set_index("tahun")
    independent = _independent(demo, scope)
    for tahun, row in yearly.iterrows():
        assert (row["psm_aktif"], row["psm_terlatih"]) == tuple(independent.loc[tahun, ["aktif", "terlatih"]]), tahun
    for tahun in (2022, 2025):
        stages = pelatihan.pipeline(sql.run(demo, "app/psm_eligibility", wilayah=scope, tahun=tahun))["jumlah"]
        assert stages.iloc[:2].tolist() == independent.loc[tahun, ["aktif", "terlatih"]].tolist()
        peta = sql.run(demo, "app/psm_trained_by_wilayah", wilayah=scope, tahun=tahun, tingkat=3)
        assert [peta["psm_aktif"].sum(), peta["psm_terlatih"].sum()] == independent.loc[
            tahun, ["aktif", "terlatih"]
        ].tolist()
