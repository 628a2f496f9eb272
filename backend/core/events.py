"""Side effects run after commit: mail, webhooks, task.delay(). Never inside the transaction that caused them."""

import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)


def after_commit(func: Callable[[], object]) -> None:
    """Run `func` once the current transaction commits (at once outside a transaction); errors are logged."""

    def run():
        try:
            func()
        except Exception:
            logger.exception("after-commit side effect failed: %r", func)

    transaction.on_commit(run)


def enqueue(task, *args, **kwargs) -> None:
    """`task.delay(*args, **kwargs)` after commit. With no broker configured celery runs it in-process.

    When the broker is down (Redis stopped), the task runs here, in-process, rather than being lost: the order is
    placed either way and its mail still goes (tasks are idempotent, so a late duplicate would do no harm)."""

    def send():
        try:
            task.delay(*args, **kwargs)
        except Exception:
            logger.warning("broker unreachable: %s runs in-process", getattr(task, "name", task), exc_info=True)
            task.apply(args=args, kwargs=kwargs)

    after_commit(send)
