"""A slow, idempotent task for the worker-killed test, loaded by the test's workers with `celery worker -I`.

Its effect (one line in effects.log) happens at most once per key, whatever the number of deliveries: the key is
claimed with an exclusive file creation. Each delivery is logged in starts.log, so the test sees the redelivery.
A short visibility timeout makes Redis hand an unacknowledged task to another worker within seconds (default: 1 h),
and a sweep every second finds it then (kombu 5.7 sweeps every 10 x 10 s: the second worker waited 100 s for it).
"""

import os
import time
from pathlib import Path

from celery import shared_task

from backend.config.celery import app

app.conf.broker_transport_options = {"visibility_timeout": float(os.environ.get("TEST_VISIBILITY_TIMEOUT", "4")),
                                     "unacked_restore_interval": 1, "unacked_restore_throttle": 1}


@shared_task(name="tests.hardening.slow_effect", acks_late=True, reject_on_worker_lost=True)
def slow_effect(directory: str, key: str, seconds: float) -> bool:
    folder = Path(directory)
    with (folder / "starts.log").open("a") as starts:
        starts.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    try:
        claim = os.open(folder / f"done-{key}", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False  # a previous delivery already had the effect
    os.close(claim)
    with (folder / "effects.log").open("a") as effects:
        effects.write(f"{key}\n")
    return True
