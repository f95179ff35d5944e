"""The role rules written by hand: the pages of each role, names, masking, the open demo, SSO mapping."""

from __future__ import annotations

import pytest

from petakesos.auth import roles
from petakesos.auth.accounts import AccountError, check_email

ANALYSIS = ["beranda", "peta", "peta_nasional", "cakupan", "kuota", "pelatihan", "bandingkan"]


def test_pages_per_role():
    assert list(roles.pages_for("admin")) == [*ANALYSIS, "impor", "audit"]
    for role in ("provinsi", "kabupaten", "viewer", "tamu"):
        assert list(roles.pages_for(role)) == ANALYSIS
    assert roles.pages_for("penyusup") == ()


def test_names_and_masking():
    assert [r for r in ("admin", "provinsi", "kabupaten", "viewer") if roles.sees_names(r)] == ["admin", "kabupaten"]
    assert [r for r in ("admin", "provinsi", "kabupaten", "viewer") if roles.masking_forced(r)] == ["viewer"]


@pytest.mark.parametrize(
    ("has_accounts", "dataset", "expected"),
    [
        (False, "demo", "open"),
        (False, None, "no_accounts"),
        (False, "nyata", "no_accounts"),
        (True, "demo", "login"),
        (True, None, "login"),
    ],
)
def test_mode(has_accounts, dataset, expected):
    assert roles.mode(has_accounts, dataset) == expected


def test_guest_passes_analysis_pages_only():
    assert roles.allowed("tamu", ("admin", "provinsi", "kabupaten", "viewer"))
    assert not roles.allowed("tamu", ("admin",))
    assert not roles.allowed("viewer", ("admin",))


def test_sso_maps_a_verified_email_to_the_one_account(store):
    store.add("dinsos.tuban", "kabupaten", "35.23", "sandi-yang-panjang", email="Staf@Tuban.example.go.id")
    found = roles.account_for_sso({"email": "staf@tuban.example.go.id", "email_verified": True}, store.by_email)
    assert found.username == "dinsos.tuban"
    assert roles.account_for_sso({"email": "STAF@tuban.example.go.id"}, store.by_email).username == "dinsos.tuban"
    assert roles.account_for_sso({"email": "staf@tuban.example.go.id", "email_verified": False}, store.by_email) is None
    assert roles.account_for_sso({"email": "lain@tuban.example.go.id"}, store.by_email) is None
    assert roles.account_for_sso({}, store.by_email) is None
    assert roles.account_for_sso({"email": "' or 1=1 --"}, store.by_email) is None


def test_an_email_is_one_account_only(store):
    store.add("a.satu", "viewer", "", "sandi-yang-panjang", email="x@example.go.id")
    with pytest.raises(AccountError):
        store.add("a.dua", "viewer", "", "sandi-yang-panjang", email="X@example.go.id")
    with pytest.raises(AccountError):
        check_email("bukan-email")
    assert store.get("a.satu").email == "x@example.go.id"
