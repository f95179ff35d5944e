"""Start a real Streamlit server on a free localhost port and wait until it answers: shared by the
benchmarks and the browser tests, which must measure and test the app exactly as users get it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

from petakesos.config import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"  # Debian's package; never a downloaded browser
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


class ServerDidNotStart(RuntimeError):
    """Streamlit did not answer its health check in time; the message carries its last output."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_env() -> dict[str, str]:
    """This process's environment without PETAKESOS_* settings: the app on the demo database."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PETAKESOS_")}


@contextlib.contextmanager
def serve(
    script: Path = REPO_ROOT / "app.py",
    env: Mapping[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
    timeout_s: float = 120,
) -> Iterator[str]:
    """Serve `script` on 127.0.0.1 and yield its URL; the server is stopped on exit."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *extra_args,
        ],
        cwd=REPO_ROOT,
        env=dict(default_env() if env is None else env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    proc.kill()
                    tail = proc.stdout.read().decode(errors="replace")[-2000:] if proc.stdout else ""
                    raise ServerDidNotStart(f"Streamlit tidak mau mulai ({script.name}): {tail}") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
