"""The audit log: append-only JSON lines with a hash chain, read back through the named query."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from petakesos import clock
from petakesos.auth import audit


def _clock(hour: int):
    return lambda: datetime(2026, 3, 2, hour, 0, tzinfo=UTC)


@pytest.fixture()
def log(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit.record("masuk", "dinsos.tuban", "35.23", "", path=path, clock=_clock(1))
    audit.record("masuk_gagal", "x'; drop table meta;--\n\x1b[31m", "", "kata sandi salah", path=path, clock=_clock(2))
    audit.record("ekspor", "dinsos.tuban", "35.23", "cakupan.xlsx", path=path, clock=_clock(3))
    audit.record("impor", "admin", "35.24", "pmks.csv: 12 baris", path=path, clock=_clock(20))  # 3 March WIB
    return path


def test_lines_are_numbered_chained_and_cleaned(log):
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["no"] for x in lines] == [1, 2, 3, 4]
    assert json.loads(lines[0])["sebelum"] == "0" * 64
    assert json.loads(lines[1])["pengguna"] == "x'; drop table meta;--  [31m"  # newline and ESC made spaces
    assert audit.first_broken_line(log) is None


def test_an_edit_outside_the_app_is_found_at_its_line(log):
    lines = log.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("masuk_gagal", "masuk")
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert audit.first_broken_line(log) == 2


def test_a_removed_line_breaks_the_chain(log):
    lines = log.read_text(encoding="utf-8").splitlines()
    del lines[0]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert audit.first_broken_line(log) == 1


def test_the_next_line_after_a_foreign_line_still_appends(log):
    with log.open("a", encoding="utf-8") as out:
        out.write("bukan json\n")
    audit.record("keluar", "admin", path=log)
    assert audit.first_broken_line(log) == 5
    assert len(log.read_text(encoding="utf-8").splitlines()) == 6


def test_unknown_event_is_refused(tmp_path):
    with pytest.raises(ValueError):
        audit.record("hapus", "admin", path=tmp_path / "a.jsonl")


def test_long_fields_are_cut(tmp_path):
    entry = audit.record("masuk_gagal", "a" * 100_000, detail="b" * 100_000, path=tmp_path / "a.jsonl")
    assert len(entry["pengguna"]) == 64 and len(entry["keterangan"]) == audit.MAX_TEXT


def _all(**kw):
    return audit.Filter(dari=date(2026, 1, 1), sampai=date(2026, 12, 31), **kw)


def test_query_filters_by_event_user_wilayah_and_date(log):
    assert audit.entries(_all(), log)["nomor"].tolist() == [4, 3, 2, 1]  # newest first
    assert audit.entries(_all(event="ekspor"), log)["keterangan"].tolist() == ["cakupan.xlsx"]
    assert audit.entries(_all(who="admin"), log)["nomor"].tolist() == [4]
    assert audit.entries(_all(wilayah="35.23"), log)["nomor"].tolist() == [3, 1]
    # 20:00 UTC on 2 March is 3 March in Jakarta (WIB, UTC+7).
    only_3_march = audit.Filter(dari=date(2026, 3, 3), sampai=date(2026, 3, 3))
    assert audit.entries(only_3_march, log)["nomor"].tolist() == [4]


def test_query_survives_a_foreign_line_and_a_missing_file(log, tmp_path):
    with log.open("a", encoding="utf-8") as out:
        out.write("{bukan json\n")
    assert audit.entries(_all(), log)["nomor"].tolist() == [4, 3, 2, 1]
    assert audit.entries(_all(), tmp_path / "tidak_ada.jsonl").empty


def test_the_app_has_no_code_that_rewrites_the_log():
    text = Path(audit.__file__).read_text(encoding="utf-8")
    assert "O_TRUNC" not in text and "write_text" not in text and "unlink" not in text


def test_an_evening_entry_on_a_utc_server_is_found_under_todays_wib_date(tmp_path, monkeypatch):
    evening_utc = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)  # 00:30 WIB on 4 December
    monkeypatch.setattr(clock, "utc_now", lambda: evening_utc)
    path = tmp_path / "audit.jsonl"
    audit.record("masuk", "admin", path=path, clock=clock.utc_now)
    assert clock.today() == date(2026, 12, 4)
    found = audit.entries(audit.Filter(dari=clock.today(), sampai=clock.today()), path)
    assert found["peristiwa"].tolist() == ["masuk"]
