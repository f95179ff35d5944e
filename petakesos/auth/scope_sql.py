"""How `sql.run` applies a user's wilayah scope to one query: the requested `$wilayah` intersected with the
scope (auth.scope.effective_scope), a request outside it turned into a code no row has, and queries that
cannot be scoped refused. Kept out of sql.py so the rule and its list of scope-free queries sit in auth/.

Scope-free queries (SCOPE_FREE) read no figure of any wilayah:
- `app/wilayah_names`: the name and parents of one code from the Kemendagri code list, which is published
  (Kepmendagri 300.2.2-2138/2025). Intersecting it would relabel a wider code with the user's own name
  (a "Kembali ke Jawa Timur" button reading "Kabupaten Tuban"), and it reveals no data.
- `app/dataset_meta`: the store's label ('demo') and the time of the last import, for the demo banner.
- `app/impor_terakhir`: the newest import's time, file name and kind for the footer (ui/footer.py shows the
  file name only to roles that may open Impor Data).
- `app/impor_pemetaan`: a remembered column mapping (header names only) for the admin's Impor page.
Every other query must take `$wilayah`; one without it is refused (OutsideScope) while a scope is set.
"""

from __future__ import annotations

from petakesos.auth.scope import effective_scope

SCOPE_FREE = frozenset(
    {
        "app/wilayah_names",
        "app/dataset_meta",
        "app/impor_terakhir",  # the footer's last import: a file name and a time, no figure of any wilayah
        "app/impor_pemetaan",  # a remembered column mapping: header names only
    }
)
# Appended to the scope when a request lies outside it: not a code (codes are digits), so `in_wilayah`,
# `kode = $wilayah` and `starts_with(kode, $wilayah || '.')` match no row, and it still starts with the
# scope, so even a query that only compared prefixes would stay inside it.
NOWHERE = ".luar-cakupan"


class OutsideScope(PermissionError):
    """A query that cannot be limited to the user's wilayah (it takes no $wilayah)."""


def restrict(name: str, needed: set[str], scope: str | None, params: dict) -> tuple[dict, bool]:
    """(parameters to bind, whether the rows must be dropped) for query `name` run under `scope`.

    A request inside the scope stays; a wider one (or none) becomes the scope; a disjoint or malformed one
    runs on a code no row has and its rows (even an aggregate's single row) are dropped. A scope that is
    not a Kemendagri code (None, tampered text) is treated like a disjoint request: nothing, never all.
    """
    if name in SCOPE_FREE:
        return params, False
    if "wilayah" not in needed:
        raise OutsideScope(f"Kueri {name} tidak dapat dibatasi ke wilayah pengguna.")
    allowed = effective_scope(scope, params.get("wilayah"))
    if allowed is None:
        return {**params, "wilayah": f"{scope if isinstance(scope, str) else ''}{NOWHERE}"}, True
    return {**params, "wilayah": allowed}, False
