"""Pelatihan through Streamlit's AppTest on the fixture database: a single kecamatan and a whole
province, figures equal to hand counts and to SQL written independently on the raw tables."""

from __future__ import annotations

import duckdb
from apptest import metrics, open_page
from streamlit.testing.v1 import AppTest




def _page(**query) -> AppTest:
    return open_page("pelatihan", **query)


_metrics = metrics


# AppTest gives st.dataframe no key; each table is found by a column only it has.
TABLE_COLUMN = {"syarat": "Alasan", "peta": "% PSM aktif dengan Bimtek Dasar", "kegiatan": "Penyelenggara"}


def _frames(at: AppTest) -> dict[str, object]:
    found = {}
    for d in at.dataframe:
        for name, column in TABLE_COLUMN.items():
            if column in d.value.columns:
                found[name] = d.value
    return found


def test_single_kecamatan_shows_hand_counted_figures(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    assert not at.exception
    m = _metrics(at)
    assert m["PSM aktif"] == "3"  # Satu, Dua, Empat
    assert m["PSM dengan Bimtek Dasar"] == "33,3%"  # only Satu
    assert m["Sudah / belum Bimtek Dasar"] == "1 / 2"
    assert m["Lulus Bimtek Dasar tahun ini"] == "0"  # Satu passed in 2022, Dua failed in 2023
    assert m["Median tunggu SK → Bimtek Dasar"] == "18 bulan"  # 1 May 2021 → 17 Nov 2022
    assert m["Belum memenuhi syarat"] == "2"
    deltas = {x.label: x.delta for x in at.metric}
    assert deltas["PSM dengan Bimtek Dasar"] == "-16,7 poin dari 2022"  # 50 % → 33,3 %
    assert "Kecamatan Kenduruan" in at.subheader[0].value


def test_kecamatan_eligibility_list_has_names_and_reasons_but_no_nik(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    listed = _frames(at)["syarat"].set_index("Nama")
    assert sorted(listed.index) == ["PSM Dua", "PSM Empat"]
    assert "KTP bukan di desa tempat bertugas" in listed.loc["PSM Dua", "Alasan"]
    assert listed.loc["PSM Empat", "Alasan"] == "Belum lulus Bimtek Dasar"
    for frame in (d.value for d in at.dataframe):
        assert not {"nik", "nik_hash", "nik_psm"} & {str(c).lower() for c in frame.columns}


def test_kecamatan_map_table_is_per_desa_with_psm_counts_shown(world):
    # Masking is for PMKS case counts; PSM are appointed by a public SK, so their counts stay visible.
    at = _page(wilayah="35.23.01", tahun="2023")
    table = _frames(at)["peta"]
    assert len(table) == 9 and table.columns[0] == "Desa/Kelurahan"
    jlodro = table.set_index("Desa/Kelurahan").loc["Jlodro"]
    assert jlodro["PSM aktif"] == 2 and jlodro["% PSM aktif dengan Bimtek Dasar"] == 50.0


def test_events_table_lists_the_fixture_trainings(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    events = _frames(at)["kegiatan"]
    assert events["Tanggal mulai"].tolist() == ["1 Juni 2023", "1 Februari 2023", "14 November 2022"]
    assert events["Lulus"].tolist() == [1, 0, 1]


def test_every_chart_has_an_excel_download(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    charts = at.get("plotly_chart")
    buttons = [b for b in at.get("download_button")]
    assert len(charts) >= 5
    # One Excel per chart, plus the eligibility list and the map table.
    assert len(buttons) == len(charts) + 2


def test_whole_province_works_and_equals_independent_sql(world):
    at = _page(wilayah="35", tahun="2022")
    assert not at.exception
    assert at.subheader[0].value.startswith("Jawa Timur")
    # Written here, on the raw tables: PSM with SK by 31 Dec 2022, active then, and those with a passed
    # Bimtek Dasar by then.
    con = duckdb.connect(str(world.db_path), read_only=True)
    aktif, terlatih = con.execute("""
        select count(*), count(*) filter (where exists (
            select 1 from pelatihan l where l.nik_hash = p.nik_hash and l.lulus
              and l.jenis_pelatihan = 'Bimtek Dasar' and l.tanggal_selesai <= date '2022-12-31'))
        from psm p
        where p.kode_desa like '35.%' and p.tanggal_sk <= date '2022-12-31'
          and (p.tanggal_nonaktif > date '2022-12-31' or (p.tanggal_nonaktif is null and p.aktif))
    """).fetchone()
    con.close()
    assert (aktif, terlatih) == (2, 1)  # Satu and Dua; Satu trained
    m = _metrics(at)
    assert m["PSM aktif"] == str(aktif)
    assert m["Sudah / belum Bimtek Dasar"] == f"{terlatih} / {aktif - terlatih}"
    assert m["PSM dengan Bimtek Dasar"] == "50,0%"
    assert m["Lulus Bimtek Dasar tahun ini"] == "1"


def test_province_map_switches_between_kecamatan_and_kabupaten(world):
    at = _page(wilayah="35", tahun="2023")
    assert at.radio(key="pl_peta_tingkat").value == 3
    kec = _frames(at)["peta"]
    assert kec.columns[0] == "Kecamatan"
    assert kec.iloc[0]["Kode"] == "35.23.01"  # the one kecamatan with PSM comes first
    at.radio(key="pl_peta_tingkat").set_value(2).run()
    assert not at.exception
    kab = _frames(at)["peta"]
    assert kab.columns[0] == "Kabupaten/Kota"
    assert kab.set_index("Kode").loc["35.23", "PSM aktif"] == 3


def test_all_provinces_and_a_monthly_view(world):
    at = _page(tahun="2023")
    assert not at.exception
    assert _metrics(at)["PSM aktif"] == "3"
    at.radio(key="pl_periode").set_value("bulan").run()
    assert not at.exception


def test_kecamatan_without_psm_says_so(world):
    at = _page(wilayah="35.23.02", tahun="2023")  # Jatirogo
    assert not at.exception
    assert any("Belum ada PSM" in i.value for i in at.info)
