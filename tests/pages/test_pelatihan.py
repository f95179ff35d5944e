"""Pelatihan through Streamlit's AppTest on the fixture database: a single kecamatan and a whole
province, figures equal to hand counts and to SQL written independently on the raw tables.

Kenduruan 2023 (tests/fixtures/psm.csv): Satu (trained), Dua (KTP elsewhere, failed Bimtek), Empat
(no Bimtek Dasar) and Muda (13 at the SK date, no Bimtek) are counted; Satu alone is trained."""

from __future__ import annotations

import json

import pyarrow as pa
from apptest import metrics, open_page
from streamlit.testing.v1 import AppTest

from petakesos import db


def _page(**query) -> AppTest:
    return open_page("pelatihan", **query)


_metrics = metrics


# AppTest gives st.dataframe no key; each table is found by a column only it has.
TABLE_COLUMN = {"syarat": "Alasan", "peta": "% PSM terlatih", "kegiatan": "Penyelenggara"}


def _frames(at: AppTest) -> dict[str, object]:
    found = {}
    for d in at.dataframe:
        for name, column in TABLE_COLUMN.items():
            if column in d.value.columns:
                found[name] = d.value
    return found


def _shown(at: AppTest) -> dict[str, object]:
    """Like _frames, but the text each cell shows (a Styler's display values), not the number it keeps."""
    found = {}
    for d in at.dataframe:
        arrow = d.proto.arrow_data
        shown = (
            pa.ipc.open_stream(arrow.styler.display_values).read_all().to_pandas()
            if arrow.HasField("styler")
            else d.value.astype(str)
        )
        for name, column in TABLE_COLUMN.items() | {"ringkas": "PSM tidak memenuhi"}.items():
            if column in d.value.columns:
                found[name] = shown
    return found


def _map_payload(at: AppTest) -> tuple[list[str], dict]:
    """What the page sent to the map component (ui.map_panel): polygon codes and the values payload
    (per polygon tooltip text 't', legend, 'nd_label' for places without a value)."""
    (instance,) = [e for e in at.get("component_instance")]
    args = json.loads(instance.proto.json_args)
    return json.loads(args["geo"])["k"], json.loads(args["values"])


def test_single_kecamatan_shows_hand_counted_figures(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    assert not at.exception
    m = _metrics(at)
    assert m["PSM aktif"] == "4"  # Satu, Dua, Empat, Muda
    assert m["% PSM terlatih"] == "25,0%"  # only Satu
    assert m["Sudah / belum Bimtek Dasar"] == "1 / 3"
    assert m["Lulus Bimtek Dasar tahun ini"] == "0"  # Satu passed in 2022, Dua failed in 2023
    assert m["Median tunggu SK → Bimtek Dasar"] == "18 bulan"  # 1 May 2021 → 17 Nov 2022
    assert m["Belum memenuhi syarat"] == "3"  # Dua, Empat, Muda
    deltas = {x.label: x.delta for x in at.metric}
    assert deltas["% PSM terlatih"] == "-25,0 poin dari 2022"  # 50 % → 25 %
    assert "Kecamatan Kenduruan" in at.subheader[0].value


def test_kecamatan_eligibility_list_has_names_and_reasons_but_no_nik(world):
    at = _page(wilayah="35.23.01", tahun="2023")
    listed = _frames(at)["syarat"].set_index("Nama")
    assert sorted(listed.index) == ["PSM Dua", "PSM Empat", "PSM Muda"]
    assert "KTP bukan di desa tempat bertugas" in listed.loc["PSM Dua", "Alasan"]
    assert listed.loc["PSM Empat", "Alasan"] == "Belum lulus Bimtek Dasar"
    for frame in (d.value for d in at.dataframe):
        assert not {"nik", "nik_hash", "nik_psm"} & {str(c).lower() for c in frame.columns}


def test_psm_under_18_at_sk_is_counted_and_on_the_follow_up_list(world):
    # PSM Muda (born 1 Jan 2010, SK 1 Jan 2023, Sokogunung) used to be quarantined at import, so the age
    # check always showed 0 and Muda vanished from every count.
    at = _page(wilayah="35.23.01", tahun="2023")
    listed = _frames(at)["syarat"].set_index("Nama")
    assert listed.loc["PSM Muda", "Alasan"] == "Umur saat SK di bawah 18 tahun (13 tahun); Belum lulus Bimtek Dasar"
    assert listed.loc["PSM Muda", "Desa/Kelurahan"] == "Sokogunung"
    summary = _shown(at)["ringkas"].set_index("Syarat")["PSM tidak memenuhi"]
    assert summary.tolist() == ["1", "1", "3"]  # age: Muda; KTP: Dua; Bimtek: Dua, Empat, Muda


def test_map_calls_places_without_psm_tanpa_psm_not_missing_data(world):
    # Kenduruan 2023: PSM in Jlodro (2001: Satu trained, Dua not), Sokogunung (2002: Muda) and Jamprong
    # (2003: Empat); the other six desa have no PSM, so their share trained is undefined, not missing.
    at = _page(wilayah="35.23.01", tahun="2023")
    codes, values = _map_payload(at)
    assert values["nd_label"] == "Tanpa PSM" and values["nd"] == 6
    tooltip = dict(zip(codes, values["t"]))
    assert tooltip["35.23.01.2004"] == "Tanpa PSM"
    assert tooltip["35.23.01.2001"] == "50,0% (1 dari 2 PSM aktif)"
    assert tooltip["35.23.01.2002"] == "0,0% (0 dari 1 PSM aktif)"
    assert "Tidak ada data" not in json.dumps(values, ensure_ascii=False)
    assert not any("Tidak ada data" in c.value for c in at.caption)


def test_tables_show_indonesian_numbers_and_keep_numbers(world):
    at = _page(wilayah="35.23", tahun="2023")
    shown, kept = _shown(at), _frames(at)
    jlodro = shown["peta"].set_index("Desa/Kelurahan").loc["Jlodro"]
    assert jlodro["% PSM terlatih"] == "50,0"  # Satu trained, Dua not
    assert jlodro["PSM aktif"] == "2"
    assert kept["peta"].set_index("Desa/Kelurahan").loc["Jlodro", "% PSM terlatih"] == 50.0
    events = shown["kegiatan"]
    assert events["% lulus"].tolist() == ["100,0", "0,0", "100,0"]
    assert events["Peserta"].tolist() == ["1", "1", "1"]


def test_province_table_counts_desa_and_shows_no_share_without_psm(world):
    at = _page(wilayah="35", tahun="2023")
    at.radio(key="pl_peta_tingkat").set_value(2).run()
    kab = _shown(at)["peta"].set_index("Kode")
    assert kab.loc["35.23", "Desa/kelurahan"] == "328"
    assert kab.loc["35.07", "Desa/kelurahan"] == "390"  # Kabupaten Malang: no PSM, desa still counted
    assert kab.loc["35.07", "% PSM terlatih"] == "–"


def test_kecamatan_map_table_is_per_desa_with_psm_counts_shown(world):
    # Masking is for PMKS case counts; PSM are appointed by a public SK, so their counts stay visible.
    at = _page(wilayah="35.23.01", tahun="2023")
    table = _frames(at)["peta"]
    assert len(table) == 9 and table.columns[0] == "Desa/Kelurahan"
    jlodro = table.set_index("Desa/Kelurahan").loc["Jlodro"]
    assert jlodro["PSM aktif"] == 2 and jlodro["% PSM terlatih"] == 50.0


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
    con = db.open_store(world)
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
    assert m["% PSM terlatih"] == "50,0%"
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
    assert kab.set_index("Kode").loc["35.23", "PSM aktif"] == 4


def test_all_provinces_and_a_monthly_view(world):
    at = _page(tahun="2023")
    assert not at.exception
    assert _metrics(at)["PSM aktif"] == "4"
    at.radio(key="pl_periode").set_value("bulan").run()
    assert not at.exception


def test_kecamatan_without_psm_says_so(world):
    at = _page(wilayah="35.23.02", tahun="2023")  # Jatirogo: no PSM, no case, no population row in the fixture
    assert not at.exception
    assert any("Belum ada data untuk Kecamatan Jatirogo" in i.value for i in at.info)
