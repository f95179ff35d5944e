"""The wilayah rule of a role: a requested `$wilayah` intersected with the user's scope, so no page, link,
export or flag reaches outside it. Codes compare by their parts, never as text prefixes."""

from __future__ import annotations

from petakesos import wilayah as codes


def _parts(code: str) -> tuple[str, ...]:
    return tuple(code.split(".")) if code else ()


def effective_scope(user_scope: str | None, requested: str | None) -> str | None:
    """The wilayah a query may run on: the requested one when it lies inside the user's scope, the user's
    scope when the request is wider (e.g. '' or the province), None when they do not overlap or a code is
    not a Kemendagri code (the query must then return nothing). '' for the user means no limit; a missing
    user scope (None) means no access, never everything."""
    if not isinstance(user_scope, str):
        return None
    try:
        user = codes.normalize(user_scope)
        asked = codes.normalize(requested)
    except codes.InvalidWilayah:
        return None
    mine, theirs = _parts(user), _parts(asked)
    if theirs[: len(mine)] == mine:
        return asked  # inside (or equal to) the user's scope
    if mine[: len(theirs)] == theirs:
        return user  # wider than the user's scope: narrowed to it
    return None
