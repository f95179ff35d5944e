"""Load run (issue 14 item 3): N browser-like sessions click through the pages of the real app at once.

Each session is a websocket client on /_stcore/stream speaking Streamlit's own protobufs, as the browser
does: it asks for a rerun (BackMsg.rerun_script with the page's script hash, the query string and the
widget states it changed) and times it until the ForwardMsg script_finished. Changes are what users do:
another page, another kabupaten/kota, another year, other PMKS categories. An exception element, a
failed run, a missing page or a run that does not finish in time counts as an error. The server's memory
is read from /proc (resident set, peak and end). Prints p50/p95/max per page; not a test.
Run: python -m petakesos.bench.load [--sessions 25] [--minutes 3] [--json]"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from websockets.sync.client import connect

from petakesos.bench.server import default_env, free_port
from petakesos.config import REPO_ROOT

# Links users open first: a province, kabupaten of the demo story, and the whole country.
START_LINKS = ("wilayah=35&tahun=2025", "wilayah=35.23&tahun=2022", "wilayah=18.01&tahun=2025", "wilayah=33.12")
RUN_TIMEOUT_S = 120  # a rerun that takes longer is an error
TARGET_P95_S = 3.0
THINK_S = (0.5, 2.0)  # seconds a session waits after a page is drawn before its next click


@dataclass
class Tally:
    """Every session's rerun times per page and its errors (appended from the session threads)."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(page, []).append(seconds)
            if error:
                self.errors.append(f"{page}: {error}")


class Session:
    """One browser tab: its websocket, the pages the app offers and the widgets the last run drew."""

    def __init__(self, ws, rng: random.Random) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._back, self._forward = BackMsg, ForwardMsg
        self.ws = ws
        self.rng = rng
        self.pages: dict[str, str] = {}  # page name -> script hash
        self.page = ""  # current page's hash ('' = the default page)
        self.query = rng.choice(START_LINKS)
        self.widgets: dict[str, tuple[str, str, list[str]]] = {}  # label -> (kind, id, options)
        self.steps = 0

    def rerun(self, widget: tuple[str, str, object] | None = None) -> str | None:
        """One rerun of the current page, optionally after one widget changed; returns an error or None."""
        msg = self._back()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page
        if widget is not None:
            kind, widget_id, value = widget
            item = state.widget_states.widgets.add()
            item.id = widget_id
            if kind == "multiselect":
                item.string_array_value.data.extend(value)
            else:
                item.string_value = value
        self.ws.send(msg.SerializeToString())
        self.widgets = {}
        error = None
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "no script_finished within the time limit"
            fwd = self._forward()
            fwd.ParseFromString(self.ws.recv(timeout=remaining))
            kind = fwd.WhichOneof("type")
            if kind == "navigation":  # the pages app.py offers (new_session lists the pages/ folder instead)
                self.pages = {p.page_name: p.page_script_hash for p in fwd.navigation.app_pages}
                self.page = fwd.navigation.page_script_hash or self.page
            elif kind == "page_not_found":
                error = error or "page not found"
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                error = error or self._element(fwd.delta.new_element)
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == self._forward.FINISHED_WITH_COMPILE_ERROR:
                    return "script failed to compile"
                if status in (self._forward.FINISHED_SUCCESSFULLY, self._forward.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return error
                # FINISHED_EARLY_FOR_RERUN: the script asked for a rerun (st.rerun); wait for that one.

    def _element(self, element) -> str | None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            return f"{element.exception.type}: {element.exception.message[:200]}"
        if kind in ("selectbox", "multiselect"):
            widget = getattr(element, kind)
            if not widget.disabled:
                self.widgets[widget.label] = (kind, widget.id, list(widget.options))
        return None

    def change(self, pages_only: bool = False) -> tuple[str, tuple[str, str, object] | None]:
        """What the user does next: every other step another page (the pages in turn, from a random one
        on), in between another kabupaten/kota, year or set of categories on the page at hand."""
        self.steps += 1
        label = self.rng.choice(("Kabupaten/Kota", "Tahun", "Kategori"))
        found = [w for name, w in self.widgets.items() if name.startswith(label)]
        if self.steps % 2 == 0 and found and len(found[0][2]) > 1 and not pages_only:
            kind, widget_id, options = found[0]
            if kind == "multiselect":
                return label, (kind, widget_id, self.rng.sample(options, k=min(3, len(options))))
            return label, (kind, widget_id, self.rng.choice(options))
        if self.pages:
            names = sorted(self.pages)
            offset = self.rng.randrange(len(names)) if self.steps <= 2 else 0
            current = names.index(self.name()) if self.name() in names else 0
            self.page = self.pages[names[(current + 1 + offset) % len(names)]]
        return "halaman", None

    def name(self) -> str:
        return next((name for name, h in self.pages.items() if h == self.page), "Beranda")


def _session(url: str, seed: int, until: float, tally: Tally, think_s: tuple[float, float], every_page: bool) -> None:
    """One user until `until`; with `every_page`, on past it (page changes only, at most 10 minutes more)
    until this session has opened every page once (the smoke test's guarantee on a slow machine)."""
    rng = random.Random(seed)
    stream = url.replace("http", "ws") + "/_stcore/stream"
    try:
        ws = connect(stream, subprotocols=["streamlit"], max_size=None, open_timeout=RUN_TIMEOUT_S)
    except Exception as exc:  # the server refused the websocket
        tally.add("(koneksi)", 0.0, repr(exc))
        return
    with ws:
        session = Session(ws, rng)
        widget, visited = None, set()
        while time.monotonic() < until or (
            every_page and set(session.pages) - visited and time.monotonic() < until + 600
        ):
            start = time.perf_counter()
            try:
                error = session.rerun(widget)
            except Exception as exc:  # connection dropped, timeout
                tally.add(session.name(), time.perf_counter() - start, repr(exc))
                return
            tally.add(session.name(), time.perf_counter() - start, error)
            visited.add(session.name())
            time.sleep(rng.uniform(*think_s))  # a user reads the page before clicking
            _, widget = session.change(pages_only=time.monotonic() >= until)


def _rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children, MB (Linux /proc; no psutil needed)."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{pid}/children") as children:
        pids += [int(c) for c in children.read().split()]
    for p in pids:
        with contextlib.suppress(OSError), open(f"/proc/{p}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def _start_server(log, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    args = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), "--server.port", str(port)]
    args += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    proc = subprocess.Popen(args, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    import urllib.request

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
            return proc, url
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("Server Streamlit tidak mau mulai.")


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (/proc/<pid>/stat, clock ticks)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=15)
    if proc.poll() is None:
        proc.kill()


def run(
    sessions: int,
    minutes: float,
    settings_env: dict[str, str] | None = None,
    seed: int = 14,
    think_s: tuple[float, float] = THINK_S,
    every_page: bool = False,
    replicas: int = 1,
) -> tuple[list[dict], Tally]:
    """Serve app.py (on the demo store unless `settings_env` sets PETAKESOS_* variables) in `replicas`
    processes, run the sessions (session i stays on replica i mod N, as a sticky load balancer keeps a
    browser on one), and return the records and the raw tally."""
    tally = Tally()
    with contextlib.ExitStack() as stack:
        servers = []
        for _ in range(replicas):
            log = stack.enter_context(tempfile.TemporaryFile())
            servers.append(_start_server(log, {**default_env(), **(settings_env or {})}))
            stack.callback(_stop, servers[-1][0])
        procs = [proc for proc, _ in servers]
        peak = start_mb = sum(_rss_mb(proc.pid) for proc in procs)
        client_start = _cpu_s(resource.RUSAGE_SELF)
        until = time.monotonic() + minutes * 60
        threads = [
            threading.Thread(
                target=_session,
                args=(servers[i % replicas][1], seed + i, until, tally, think_s, every_page),
                daemon=True,
            )
            for i in range(sessions)
        ]
        for thread in threads:
            thread.start()
            time.sleep(0.2)  # people do not all open the app in the same millisecond
        while any(t.is_alive() for t in threads):
            peak = max(peak, sum(_rss_mb(proc.pid) for proc in procs))
            time.sleep(1)
        end_mb = sum(_rss_mb(proc.pid) for proc in procs)
        servers_cpu = sum(_proc_cpu_s(proc.pid) for proc in procs)
        client_cpu = _cpu_s(resource.RUSAGE_SELF) - client_start
    records = []
    for page, times in sorted(tally.times.items()):
        cuts = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else [times[0]] * 19
        records += [
            {"name": f"load {page} p50", "value": round(statistics.median(times), 3), "unit": "s"},
            {"name": f"load {page} p95", "value": round(cuts[18], 3), "unit": "s"},
            {"name": f"load {page} max", "value": round(max(times), 3), "unit": "s"},
            {"name": f"load {page} reruns", "value": len(times), "unit": "count"},
        ]
    every = [t for times in tally.times.values() for t in times]
    if len(every) > 1:
        p95 = statistics.quantiles(every, n=20, method="inclusive")[18]
        records.append(
            {
                "name": "load all pages p95",
                "value": round(p95, 3),
                "unit": "s",
                "ratio": round(p95 / TARGET_P95_S, 2),
                "against": "target 3 s",
            }
        )
    records += [
        {"name": "load errors", "value": len(tally.errors), "unit": "count"},
        {"name": "load sessions", "value": sessions, "unit": "count"},
        {"name": "load app processes", "value": replicas, "unit": "count"},
        {"name": "load servers RSS start", "value": round(start_mb), "unit": "MB"},
        {"name": "load servers RSS peak", "value": round(peak), "unit": "MB"},
        {"name": "load servers RSS end", "value": round(end_mb), "unit": "MB"},
        # The same machine runs the sessions' client (decoding every page's messages): its share of the CPU.
        {"name": "load servers CPU", "value": round(servers_cpu, 1), "unit": "s"},
        {"name": "load client CPU", "value": round(client_cpu, 1), "unit": "s"},
    ]
    return records, tally


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m petakesos.bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25, help="sesi bersamaan (bawaan 25)")
    parser.add_argument("--minutes", type=float, default=3.0, help="lama uji dalam menit (bawaan 3)")
    parser.add_argument("--json", action="store_true", help="cetak catatan sebagai daftar JSON (name, value, unit)")
    parser.add_argument("--replicas", type=int, default=1, help="proses aplikasi (bawaan 1), sesi dibagi rata")
    parser.add_argument("--db", default=None, help="penyimpanan data yang dilayani (bawaan: data/kesos)")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=THINK_S,
        metavar=("MIN", "MAKS"),
        help="jeda membaca antar klik dalam detik, acak merata (bawaan 0,5 2)",
    )
    args = parser.parse_args(argv or [])
    env = {"PETAKESOS_STORE": args.db} if args.db else None
    think = (min(args.think), max(args.think))
    records, tally = run(args.sessions, args.minutes, env, think_s=think, replicas=max(1, args.replicas))
    if args.json:
        print(json.dumps(records, ensure_ascii=False))
        return
    load = os.getloadavg()
    print(f"Mesin: {platform.node()}, {os.cpu_count()} inti, beban rata-rata {load[0]:.1f} {load[1]:.1f}")
    store = args.db or "data/kesos"
    print(
        f"{args.sessions} sesi, {args.replicas} proses aplikasi, {args.minutes:g} menit,"
        f" jeda {think[0]:g}–{think[1]:g} s, penyimpanan {store}"
    )
    for record in records:
        print(f"{record['name']:<44} {record['value']:>10} {record['unit']}")
    for error in tally.errors[:20]:
        print(f"  galat: {error}")


if __name__ == "__main__":
    main(sys.argv[1:])
