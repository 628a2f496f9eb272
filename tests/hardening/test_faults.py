"""Faults provoked for real on loopback.

- Redis down: here.
- Stripe unreachable or slow: tested by the payments engineer in tests/plugins/stripe (not duplicated).
- A celery worker killed mid-task: here, with real workers on Redis (db 5).
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from backend.commerce.checkout import delivery, services
from backend.commerce.order.models import Order
from tests.backend.commerce.conftest import channel, cheese, communes, farm, pickup_point  # noqa: F401


def _closed_port() -> int:
    """A loopback port nobody listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PLACE_ORDER = """
import django, sys
django.setup()
from backend.commerce.checkout.complete import checkout_complete
print(checkout_complete(checkout_token=sys.argv[1]).order.number)
"""


def _test_database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_redis_down_the_order_is_placed_and_its_mail_still_sent(channel, cheese, pickup_point,  # noqa: F811
                                                               tmp_path):
    # given: a cart ready to complete, and a server process whose broker is Redis on a closed port (Redis stopped)
    checkout = services.checkout_create(channel=channel, email="lea@exemple.fr",
                                        lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backend.config.settings", "DATABASE_URL": _test_database_url(),
           "CELERY_BROKER_URL": f"redis://127.0.0.1:{_closed_port()}/0", "COMPTOIR_VAR_DIR": str(tmp_path),
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(tmp_path / "mail")}
    env.pop("EMAIL_HOST", None)
    started = time.monotonic()
    # when: the order is placed there; its confirmation mail is enqueued after commit, on the broker that is down
    result = subprocess.run([sys.executable, "-c", PLACE_ORDER, str(checkout.pk)], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    # then: the order exists and its mail went, run in-process instead of being lost
    assert result.returncode == 0, result.stderr[-2000:]
    order = Order.objects.get()
    assert result.stdout.split() == [str(order.number)]
    mails = sorted((tmp_path / "mail").glob("*.log"))
    assert len(mails) == 1
    assert "To: lea@exemple.fr" in mails[0].read_text()
    assert "broker unreachable: backend.commerce.order.tasks.send_order_confirmation runs in-process" in result.stderr
    assert elapsed < 60, elapsed


# --- A celery worker killed (kill -9) in the middle of a task: acks_late + reject_on_worker_lost keep the message;
# another worker gets it once the visibility timeout passes, and the task's effect happens exactly once.
BROKER_URL = os.environ.get("COMPTOIR_HARDENING_BROKER_URL", "redis://127.0.0.1:6379/5")


def _start_worker(name: str, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backend.config.settings", "CELERY_BROKER_URL": BROKER_URL,
           "TEST_VISIBILITY_TIMEOUT": "4"}
    celery = Path(sys.executable).parent / "celery"
    return subprocess.Popen(
        [str(celery), "-A", "backend.config", "worker", "-I", "tests.hardening.slow_tasks", "--pool=solo",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-n", f"{name}-{os.getpid()}@%h"],
        cwd=settings.BASE_DIR, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def _wait(predicate, seconds: float, what: str, logs: list[Path]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} not seen after {seconds} s:\n" + "\n".join(p.read_text()[-1500:] for p in logs if p.exists()))


def _lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


@pytest.mark.worker
def test_a_worker_killed_mid_task_the_task_completes_once_on_another_worker(tmp_path):
    # given: Redis reachable and a first worker running
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    from backend.config.celery import app

    saved = {key: app.conf.get(key) for key in ("task_always_eager", "broker_url")}
    app.close()
    app.conf.update(task_always_eager=False, broker_url=BROKER_URL)
    app.control.purge()
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    first = _start_worker("first", logs[0])
    second = None
    try:
        # when: the task starts on the first worker, which is killed -9 halfway
        app.send_task("tests.hardening.slow_effect", args=[str(tmp_path), "commande-42", 3.0])
        _wait(lambda: len(_lines(tmp_path / "starts.log")) == 1, 180, "the first delivery", logs)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        second = _start_worker("second", logs[1])
        _wait(lambda: (tmp_path / "effects.log").exists(), 120, "the task's effect", logs)
        time.sleep(1)
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=20)
        app.close()
        app.conf.update(saved)
    # then: delivered twice (the kill lost nothing), the effect happened once
    starts = _lines(tmp_path / "starts.log")
    assert len(starts) == 2 and starts[0] != starts[1]
    assert _lines(tmp_path / "effects.log") == ["commande-42"]
    assert first.returncode == -signal.SIGKILL


# --- The database restarting during checkoutComplete: the server ends our session (pg_terminate_backend, as a restart
# or failover does) after the order rows are written but before the commit. No half-written order, a clear error,
# and the same call succeeds once the database is back.
COMPLETE = 'mutation($id: ID!) { checkoutComplete(id: $id) { order { number } errors { code } } }'


@pytest.mark.django_db(transaction=True)
def test_database_lost_during_checkout_complete_writes_nothing_and_retry_succeeds(
        channel, cheese, pickup_point, monkeypatch):  # noqa: F811
    import psycopg
    from django.db import connection

    from backend.commerce.checkout import complete
    from backend.commerce.checkout.models import Checkout
    from backend.commerce.order.models import OrderLine
    from backend.commerce.warehouse.models import Stock
    from tests.utils import ApiClient, to_global_id

    # given: a cart ready to complete, and the session killed from outside at the last step of the first attempt
    checkout = services.checkout_create(channel=channel, email="lea@exemple.fr",
                                        lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    real_allocate, attempts = complete.allocate_order_lines, []

    def allocate_after_the_server_dropped_us(**kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            params = connection.get_connection_params()
            with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"},
                                 autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
        return real_allocate(**kwargs)

    monkeypatch.setattr(complete, "allocate_order_lines", allocate_after_the_server_dropped_us)
    api, variables = ApiClient(), {"id": to_global_id("Checkout", checkout.pk)}
    stock_before = list(Stock.objects.values_list("quantity", "quantity_allocated"))
    # when
    lost = api.query(COMPLETE, variables)
    after_loss = (Order.objects.count(), OrderLine.objects.count(), Checkout.objects.count(),
                  list(Stock.objects.values_list("quantity", "quantity_allocated")))
    retried = api.query(COMPLETE, variables)
    # then: a clear error and nothing half-written, then success
    assert lost["data"] == {"checkoutComplete": None}
    assert lost["errors"][0]["message"] == ("Service momentanément indisponible : rien n'a été enregistré, réessayez "
                                            "dans un instant.")
    assert lost["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert after_loss == (0, 0, 1, stock_before)
    assert retried["data"]["checkoutComplete"]["errors"] == []
    assert (Order.objects.count(), Checkout.objects.count(), len(attempts)) == (1, 0, 2)
