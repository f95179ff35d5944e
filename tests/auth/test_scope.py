"""The scope rule: a requested wilayah intersected with the user's own; None means nothing may be returned."""

from __future__ import annotations

import pytest

from petakesos.auth.scope import effective_scope

# Written by hand: (user scope, requested, effective).
TABLE = [
    ("35.23", "", "35.23"),  # "everything" narrows to the user's kabupaten
    ("35.23", "35", "35.23"),  # the province of the user narrows too
    ("35.23", "35.23", "35.23"),
    ("35.23", "35.23.01", "35.23.01"),  # a kecamatan inside
    ("35.23", "35.23.01.2001", "35.23.01.2001"),  # a desa inside
    ("35.23", "35.24", None),  # Lamongan is outside Tuban
    ("35.23", "33", None),  # another province
    ("35.23", "35.24.01", None),
    ("35", "35.23", "35.23"),  # a provinsi user picks a kabupaten of the province
    ("35", "", "35"),
    ("35", "33.12", None),
    ("", "35.23", "35.23"),  # admin: anything
    ("", "", ""),
    ("", "18.01.02.2003", "18.01.02.2003"),
    ("35.23", "3523", "35.23"),  # codes without dots are the same codes
    ("35.23", "352301", "35.23.01"),
    ("35.2", "35.23", None),  # '35.2' is not a code and never a prefix of '35.23'
    ("35.23", "35.2", None),
    ("35.23", "35.230", None),
    ("35.23", "35.23' OR '1'='1", None),  # hostile text is nothing, not everything
    ("", "35.23' OR '1'='1", None),
    ("", "../../etc/passwd", None),
    ("35.23", "9" * 5000, None),
    ("35.23", None, "35.23"),  # no request: the user's own scope
]


@pytest.mark.parametrize("user, requested, expected", TABLE)
def test_effective_scope(user, requested, expected):
    assert effective_scope(user, requested) == expected


def test_a_prefix_of_the_text_is_not_containment():
    assert effective_scope("35.2", "35.23") is None
    assert effective_scope("35.23", "35.231") is None


def test_a_missing_user_scope_is_no_access_not_everything():
    assert effective_scope(None, "35.23") is None
    assert effective_scope(None, "") is None
