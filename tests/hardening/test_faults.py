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
from django.core import mail

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.order.models import Order
from tests.backend.commerce.conftest import channel, cheese, communes, farm, pickup_point  # noqa: F401


def _closed_port() -> int:
    """A loopback port nobody listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def broker_down():
    """Tasks go to a Redis broker on a closed port, as when Redis is stopped."""
    from backend.config.celery import app

    saved = {key: app.conf.get(key) for key in ("task_always_eager", "broker_url")}
    app.close()
    app.conf.update(task_always_eager=False, broker_url=f"redis://127.0.0.1:{_closed_port()}/0")
    yield app
    app.close()
    app.conf.update(saved)


@pytest.mark.django_db
def test_redis_down_the_order_is_placed_and_its_mail_still_sent(broker_down, channel, cheese, pickup_point,  # noqa: F811
                                                               django_capture_on_commit_callbacks, caplog):
    # given: a cart ready to complete
    checkout = services.checkout_create(channel=channel, email="lea@exemple.fr",
                                        lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    started = time.monotonic()
    # when: the order is placed; its confirmation mail is enqueued after commit, on a broker that does not answer
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout_complete(checkout_token=checkout.pk).order
    elapsed = time.monotonic() - started
    # then: the order exists and the mail went, run in-process instead of being lost
    assert Order.objects.filter(pk=order.pk).count() == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [(["lea@exemple.fr"], mail.outbox[0].subject)]
    assert str(order.number) in mail.outbox[0].subject + mail.outbox[0].body
    assert [r.getMessage() for r in caplog.records if r.name == "backend.core.events"] == [
        "broker unreachable: backend.commerce.order.tasks.send_order_confirmation runs in-process"]
    assert elapsed < 30, elapsed


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
    pytest.fail(f"{what} not seen after {seconds} s:\n" + "\n".join(p.read_text()[-1500:] for p in logs))


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
        _wait(lambda: len(_lines(tmp_path / "starts.log")) == 1, 90, "the first delivery", logs)
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
