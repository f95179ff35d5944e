"""Audit: who logged in (or failed), imported, exported or changed users, when and for which wilayah —
filtered, read-only, with a warning when the log was edited outside the app."""

import datetime as dt

import streamlit as st

from petakesos import clock, fmt
from petakesos.auth import audit
from petakesos.ui import access

access.require("admin")

TITLE = "Catatan Audit"
TAMPERED = "Catatan audit telah diubah di luar aplikasi sejak baris {n}."
INTACT = "Rantai catatan utuh: tidak ada baris yang diubah di luar aplikasi."
EMPTY = "Belum ada catatan yang cocok dengan saringan ini."
COLUMNS = {
    "nomor": "No",
    "waktu": "Waktu (WIB)",
    "peristiwa": "Peristiwa",
    "pengguna": "Pengguna",
    "wilayah": "Wilayah",
    "keterangan": "Keterangan",
}

st.title(TITLE)
st.caption(f"Berkas: {fmt.plain(audit.audit_path())}")  # a path from config is never Markdown
if (broken := audit.first_broken_line()) is not None:
    st.error(TAMPERED.format(n=broken), icon=":material/gpp_bad:")
else:
    st.success(INTACT, icon=":material/verified_user:")

today = clock.today()
c1, c2, c3, c4 = st.columns(4)
event = c1.selectbox("Peristiwa", ["", *audit.EVENTS], format_func=lambda e: e or "Semua", key="audit_peristiwa")
who = c2.text_input("Pengguna", key="audit_pengguna", max_chars=64).strip()
wilayah = c3.text_input("Wilayah (kode)", key="audit_wilayah", max_chars=32).strip()
period = c4.date_input(
    "Tanggal", value=(today - dt.timedelta(days=30), today), key="audit_tanggal", format="DD/MM/YYYY"
)
start, end = (period[0], period[-1]) if isinstance(period, tuple) and period else (today, today)

rows = audit.entries(audit.Filter(dari=start, sampai=end, event=event, who=who, wilayah=wilayah))
if rows.empty:
    st.info(EMPTY)
else:
    rows = rows.assign(waktu=rows["waktu"].dt.tz_convert("Asia/Jakarta").dt.strftime("%d/%m/%Y %H.%M.%S"))
    st.dataframe(rows.rename(columns=COLUMNS), hide_index=True, key="audit_tabel")
