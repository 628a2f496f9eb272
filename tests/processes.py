"""Servers and workers that tests and benchmarks start as processes of their own (gunicorn, celery, locust): a
free port, waiting until one listens, and stopping a whole process group."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(process: subprocess.Popen, port: int, log: Path, seconds: float = 90) -> None:
    """Until something listens on 127.0.0.1:`port`; the log's end in the error when the process dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    stop_group(process)
    raise RuntimeError(f"nothing listened on port {port} within {seconds:g} s")


def stop_group(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to the process's group (started with start_new_session=True), SIGKILL when it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
