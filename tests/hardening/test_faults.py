"""Faults provoked for real on loopback.

- Redis down: here.
- Stripe unreachable or slow: tested by the payments engineer in tests/plugins/stripe (not duplicated).
"""

import socket
import time

import pytest
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
