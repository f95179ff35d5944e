"""The sidebar every page starts from: wilayah and year pickers kept in the URL and across page clicks,
the link messages, the demo-data banner and the attribution. The pickers offer only the signed-in user's
wilayah (session key `petakesos_scope`): levels the scope fixes are shown but cannot be changed, and a
link to a wilayah outside it opens the user's own (the queries are limited by `sql.run` regardless)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from petakesos import data, db, wilayah
from petakesos.auth.scope import effective_scope
from petakesos.fmt import literal, plain

ATTRIBUTION = (
    "Batas desa/kelurahan: cahyadsn/wilayah_boundaries (MIT, © Cahya DSN); kode & nama wilayah: "
    "cahyadsn/wilayah (MIT, © Cahya DSN), sesuai Kepmendagri No 300.2.2-2138 Tahun 2025 (updated by "
    "300.2.2-2430 Tahun 2025). Batas bersifat indikatif, bukan batas definitif."
)
DEMO_BANNER = (
    "**Data contoh (sintetis)** — semua nama, NIK dan kasus di dasbor ini dibuat-buat untuk peragaan. "
    "Desa dan jumlah penduduk kabupaten nyata; angka PSM dan pelatihan meniru angka yang diketahui."
)
_ALL = ""
SCOPE_KEY = "petakesos_scope"  # read by data.query too; set by the login page ('' = every wilayah)


@dataclass(frozen=True)
class Filters:
    """What every page reads: the wilayah scope (dotted code, '' = all), year and display name."""

    wilayah: str
    tahun: int
    nama: str
    tingkat: str  # 'nasional', 'prov', 'kab', 'kec'
    samarkan_kecil: bool


def _options(parent: str, tingkat: int) -> dict[str, str]:
    """Every wilayah of the code list under `parent`, with data or not (a page says when there is none:
    ui.no_data)."""
    frame = data.query("app/nasional_wilayah_children", wilayah=parent, tingkat=tingkat)
    return dict(zip(frame["kode"], frame["nama"]))


def user_scope() -> str:
    """The signed-in user's wilayah ('' = every wilayah, also before any login exists)."""
    value = st.session_state.get(SCOPE_KEY, _ALL)
    return value if isinstance(value, str) else _ALL


def fixed_code(scope: str, tingkat: int) -> str | None:
    """The code the user's scope fixes at level `tingkat` (1 prov, 2 kab, 3 kec), or None when the user
    may choose there ('35.23' fixes the province '35' and the kabupaten '35.23', not the kecamatan)."""
    parts = scope.split(".") if scope else []
    return ".".join(parts[:tingkat]) if len(parts) >= tingkat else None


def clamp(scope: str, code: str) -> tuple[str, str | None]:
    """The wilayah to show for a requested `code`: itself inside the scope, else the scope (a wider or an
    outside request) with a message; a desa scope shows its kecamatan's picker level."""
    allowed = effective_scope(scope, code)
    if allowed == code:
        return code, None
    shown = ".".join(scope.split(".")[:3])
    return shown, f"Akun ini hanya dapat melihat {plain(display_name(shown))}. Ditampilkan: wilayah itu."


_PICKERS = ("pilih_prov", "pilih_kab", "pilih_kec", "pilih_tahun")
# Streamlit forgets a widget's value when another page draws it (widget ids differ per page), so the
# chosen wilayah and year live in these plain session keys and are handed back to the widgets each run.
_KEPT = "tetap_"
_NOTICE = "pesan_alamat"


def move_pickers(target: dict[str, str]) -> None:
    """Set the sidebar pickers (e.g. a map click that zooms); call before page_filters or as a callback."""
    for key, value in target.items():
        st.session_state[key] = value
        st.session_state[_KEPT + key] = value


def _remember(key: str) -> None:
    st.session_state[_KEPT + key] = st.session_state[key]


def _wilayah_from_url(raw: str) -> tuple[str, str | None]:
    """The code the link asks for, as far as it is known, and a message when it is not used as given."""
    if raw.strip() == "":
        return "", None
    try:
        code = wilayah.normalize(raw)
    except wilayah.InvalidWilayah:
        return "", f"Kode wilayah di alamat tidak dikenal: {literal(raw[:60])}. Ditampilkan: Semua provinsi."
    if data.query("app/wilayah_names", wilayah=code).empty:
        return "", f"Kode wilayah {plain(code)} tidak ada dalam daftar wilayah. Ditampilkan: Semua provinsi."
    if wilayah.level(code) == "desa":
        kec = code.rsplit(".", 1)[0]
        return kec, (
            f"Kode {plain(code)} adalah desa/kelurahan; halaman ini memilih sampai kecamatan. "
            f"Ditampilkan: {plain(display_name(kec))}."
        )
    return code, None


def _year_from_url(raw: str) -> tuple[int | None, str | None]:
    if raw.strip() == "":
        return None, None
    try:
        return int(raw), None
    except ValueError:
        return None, f"Tahun di alamat tidak dikenal: {literal(raw[:20])}."


def _level_picker(tingkat: int, label: str, parent: str, key: str, all_label: str) -> str:
    """One wilayah picker: fixed (shown, disabled) where the user's scope decides, a choice below it."""
    fixed = fixed_code(user_scope(), tingkat)
    if fixed is None:
        return _picker(label, _options(parent, tingkat), key, all_label)
    st.session_state[key] = fixed
    name = data.query("app/wilayah_names", wilayah=fixed)
    label_of = dict(zip(name["kode"], name["nama"]))
    st.sidebar.selectbox(label, [fixed], key=key, disabled=True, format_func=lambda c: label_of.get(c, c))
    return fixed


def _picker(label: str, options: dict[str, str], key: str, all_label: str) -> str:
    codes = [_ALL, *options]
    if st.session_state.get(key) not in codes:
        st.session_state[key] = _ALL
    return st.sidebar.selectbox(
        label,
        codes,
        key=key,
        on_change=_remember,
        args=(key,),
        format_func=lambda c: all_label if c == _ALL else options[c],
    )


def _first_visit() -> None:
    """Take the wilayah and year from the link once per session; explain anything not used as given."""
    code, wil_msg = _wilayah_from_url(st.query_params.get("wilayah", ""))
    code, scope_msg = clamp(user_scope(), code)
    wil_msg = scope_msg or wil_msg
    year, year_msg = _year_from_url(st.query_params.get("tahun", ""))
    parts = code.split(".") if code else []
    for i, key in enumerate(_PICKERS[:3]):
        st.session_state[_KEPT + key] = ".".join(parts[: i + 1]) if len(parts) > i else _ALL
    st.session_state[_KEPT + "pilih_tahun"] = year
    st.session_state[_NOTICE] = {"pesan": [m for m in (wil_msg, year_msg) if m], "tahun_diminta": year}
    st.session_state["filters_from_url"] = True


def render_sidebar() -> Filters:
    """Draw the pickers, keep them in the query string and remember the Filters for the pages."""
    if "filters_from_url" not in st.session_state:
        _first_visit()
    for key in _PICKERS:
        if _KEPT + key in st.session_state:
            st.session_state[key] = st.session_state[_KEPT + key]

    st.sidebar.header("Wilayah")
    prov = _level_picker(1, "Provinsi", _ALL, "pilih_prov", "Semua provinsi")
    kab = _level_picker(2, "Kabupaten/Kota", prov, "pilih_kab", "Semua kabupaten/kota") if prov else _ALL
    kec = _level_picker(3, "Kecamatan", kab, "pilih_kec", "Semua kecamatan") if kab else _ALL
    code = kec or kab or prov

    years = data.query("app/tahun_with_data", wilayah=code)["tahun"].astype(int).tolist() or [2025]
    notice = st.session_state.get(_NOTICE, {})
    messages = notice.get("pesan", [])
    asked = notice.get("tahun_diminta")
    if asked is not None and asked not in years:
        messages = [
            *messages,
            f"Tahun {asked} tidak tersedia untuk wilayah ini (tersedia {years[0]}–{years[-1]}). "
            f"Ditampilkan: {years[-1]}.",
        ]
    if st.session_state.get("pilih_tahun") not in years:
        st.session_state["pilih_tahun"] = years[-1]
    st.sidebar.header("Periode")
    year = st.sidebar.selectbox("Tahun", years, key="pilih_tahun", on_change=_remember, args=("pilih_tahun",))
    forced = st.session_state.get("petakesos_role") == "viewer"  # the public: masking always on
    hide_small = forced or st.sidebar.toggle(
        'Samarkan angka kecil (1–4 ditampilkan "<5")', value=True, key="samarkan_kecil"
    )
    for key, value in zip(_PICKERS, (prov, kab, kec, year)):
        st.session_state[_KEPT + key] = value

    st.query_params.from_dict({"wilayah": code, "tahun": str(year)} if code else {"tahun": str(year)})
    filters = Filters(
        wilayah=code, tahun=int(year), nama=display_name(code), tingkat=wilayah.level(code), samarkan_kecil=hide_small
    )
    # The link's messages stay while the view is the one the link led to, and go once the user moves on.
    if notice.get("untuk", (code, year)) != (code, year):
        messages = []
    st.session_state[_NOTICE] = {"pesan": messages, "untuk": (code, year)}
    for message in messages:
        st.warning(message, icon=":material/link_off:")
    return filters


def _leave_legacy_pages_mode() -> None:
    """Make a shared link such as /peta work on a freshly started server.

    Until app.py has called st.navigation once, Streamlit treats a folder named pages/ as its old
    automatic multipage layout and runs the page file alone (no page config, file names in the
    sidebar). Switching that off and rerunning lets app.py route the link to the real page.
    Proved by tests/e2e/test_links_browser.py (a /peta link on a server no browser has visited yet).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_filters(banner: bool = True) -> Filters:
    """Start every page: the sidebar pickers, the demo-data banner and the attribution.

    `banner=False` only where the page says "Data contoh (sintetis)" itself (the map footer in the
    Peta page's presentation mode).

    Called by each page rather than by app.py so that a page also works when run on its own
    (Streamlit's AppTest reruns the page script alone after a widget changes).
    """
    _leave_legacy_pages_mode()
    try:
        filters = render_sidebar()
    except db.StoreProblem as problem:  # missing, unreadable or of an older schema: what to do, as plain text
        st.error(plain(problem.message), icon=":material/database:")
        st.stop()
    if banner:
        dataset_banner()
    st.sidebar.caption(ATTRIBUTION)
    return filters


def display_name(code: str) -> str:
    """'Kabupaten Tuban, Jawa Timur' for '35.23'; 'Semua provinsi' for ''."""
    if code == _ALL:
        return "Semua provinsi"
    info = data.query("app/wilayah_names", wilayah=code)
    if info.empty:
        return code
    return wilayah.display_name(info.iloc[0])


def dataset_banner() -> None:
    """Say plainly, on every page, when the data are the synthetic demo set."""
    meta = data.query("app/dataset_meta")
    if (meta["key"] == "dataset").any() and meta.loc[meta["key"] == "dataset", "value"].iloc[0] == "demo":
        st.warning(DEMO_BANNER, icon="⚠️")


def page_heading(title: str, filters: Filters) -> None:
    """The page title and, under it, the wilayah and year it shows."""
    st.title(title)
    st.subheader(f"{plain(filters.nama)} — {filters.tahun}")
