"""Impor Data: upload exports, see what the importer makes of them, import them in a separate process
with a progress bar, read the quality report, confirm unsure desa names, and trace the import history
and the quarantine — so Dinsos staff need no command line."""

import streamlit as st

from petakesos import data, ui
from petakesos.auth import audit
from petakesos.config import settings
from petakesos.features.impor import job, report, text, uploads, view
from petakesos.ui import access, impor_forms, no_data

access.require("admin")
JOB, DONE, PREVIEWS = "impor_job", "impor_hasil", "impor_pratinjau"
filters = ui.page_filters()
no_data.stop_without_data(filters, stop=False)  # the page where data come in stays usable
store = settings().store
ui.page_heading(text.TITLE, filters)
st.caption(text.INTRO)

kab = st.text_input(
    text.KABUPATEN, value=report.kabupaten_of(filters.wilayah), help=text.KABUPATEN_HELP, key="impor_kab"
)
files = st.file_uploader(text.UPLOAD, accept_multiple_files=True, key="impor_berkas")
cache = st.session_state.setdefault(PREVIEWS, {})
previews = uploads.prepared(cache, files or [], store)


chosen = []
for p in previews:
    with st.container(border=True):
        st.text(p.original)
        if p.error:
            st.error(ui.plain(p.error), icon=":material/block:")
        elif (c := impor_forms.choose(p)) is not None:
            chosen.append(c)

running = st.session_state.get(JOB)
ready = bool(chosen) and len(chosen) == len(previews)
if st.button(text.IMPORT_BUTTON, type="primary", disabled=not ready or running is not None, key="impor_mulai"):
    folder = uploads.new_folder(store)
    picked = job.Choices(*([c[k] for c in chosen] for k in ("name", "kind", "mapping")), job.who(st.session_state))
    running = st.session_state[JOB] = {
        "proc": job.start(store, [c["preview"].path for c in chosen], kab.strip() or None, folder, picked),
        "folder": folder,
        "chosen": chosen,
    }
elif previews and not ready:
    st.warning(text.NOTHING_TO_IMPORT)


@st.fragment(run_every=1)
def follow() -> None:
    """Poll the running import once a second (only this fragment reruns, never blocking the page)."""
    state = st.session_state.get(JOB)
    if state is None:
        return
    status = job.poll(state["proc"], state["folder"])
    st.progress(status.fraction, text=ui.plain(status.label))
    if status.done:
        st.session_state[DONE] = {"status": status, "chosen": state["chosen"]}
        audit.record("impor", job.who(st.session_state), kab.strip(), report.audit_detail(status, state["chosen"]))
        uploads.clean([c["preview"] for c in state["chosen"]], state["folder"], store)
        st.session_state[PREVIEWS] = {}
        del st.session_state[JOB]
        data.snapshot.clear()  # the next queries see the import at once
        st.rerun()


if running is not None:
    follow()

finished = st.session_state.get(DONE)
if finished and finished["status"].error:
    st.error(f"{text.REFUSED}: {ui.plain(finished['status'].error)}", icon=":material/block:")
elif finished:
    st.header(text.REPORT_HEADING)
    st.caption(text.REPORT_CAPTION)
    table = report.accounts(finished["status"].result, {})
    ui.table(table, key="impor_laporan")
    for sentence, ok in view.sums(table):
        (st.success if ok else st.warning)(ui.plain(sentence))
    ui.chart(view.accounts_chart(table), config=view.CHART_CONFIG, key="impor_grafik")
    for n, c in enumerate(finished["chosen"]):  # the quarantine of each file (a fixed download: its original)
        bad = data.query("app/impor_karantina", wilayah="", file_name=c["source"], alasan="")
        if bad.empty:
            st.caption(f"{ui.plain(c['source'])}: {text.NO_QUARANTINE}")
            continue
        sheets = lambda bad=bad, h=c["headers"]: {text.QUARANTINE_SHEET: report.original_layout(bad, h)}  # noqa: E731
        label, name = f"{text.QUARANTINE_EXCEL}: {ui.plain(c['source'])}", report.excel_name(c["source"])
        ui.excel_download(label, sheets, None, file_name=name, key=f"impor_unduh_{n}")

st.header(text.DESA_HEADING)
st.caption(text.DESA_CAPTION)
impor_forms.confirm_desa(kab.strip(), filters.wilayah, store)

st.header(text.HISTORY_HEADING)
log = data.query("app/impor_riwayat", wilayah=filters.wilayah)
if log.empty:
    st.caption(text.HISTORY_NONE)
else:
    ui.table(report.history(log), key="impor_riwayat")

st.header(text.QUARANTINE_HEADING)
st.caption(text.QUARANTINE_CAPTION)
every = data.query("app/impor_karantina", wilayah=filters.wilayah, file_name="", alasan="")
left, right = st.columns(2)
chosen_file = left.selectbox(
    text.FILTER_FILE,
    ["", *sorted(set(every["file_name"]))],
    format_func=lambda f: f or text.ALL_FILES,
    key="impor_k_berkas",
)
reason = right.text_input(text.FILTER_REASON, key="impor_k_alasan")
shown = data.query("app/impor_karantina", wilayah=filters.wilayah, file_name=chosen_file, alasan=reason.strip())
ui.table(report.quarantine_list(shown), key="impor_karantina")
