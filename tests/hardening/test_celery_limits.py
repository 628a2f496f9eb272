"""Celery on Redis with late acknowledgement: the visibility timeout is shorter than celery's default hour, and every
task ends (hard time limit) and every retry countdown fires before it, so Redis never hands a running task to a second
worker. The worker-killed test (test_faults.py) shows the other side: an unacknowledged task comes back."""

import os
import subprocess
import sys

from django.conf import settings

CELERY_DEFAULT_VISIBILITY_TIMEOUT = 3600
CELERY_DEFAULT_RETRY_BACKOFF_MAX = 600


def _declared_tasks():
    from backend.config.celery import app

    app.loader.import_default_modules()  # the tasks modules of every installed app, as a worker loads them
    return app, {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def _effective_time_limit(app, task) -> float:
    return task.time_limit or app.conf.task_time_limit


def test_the_visibility_timeout_is_twenty_minutes_with_late_acknowledgement():
    from backend.config.celery import app

    assert settings.CELERY_VISIBILITY_TIMEOUT == 1200 < CELERY_DEFAULT_VISIBILITY_TIMEOUT
    assert app.conf.broker_transport_options == {"visibility_timeout": 1200}
    assert (app.conf.task_acks_late, app.conf.task_reject_on_worker_lost) == (True, True)
    assert app.conf.task_time_limit == 300


def test_every_task_ends_before_redis_hands_it_out_again():
    app, tasks = _declared_tasks()
    limits = {name: _effective_time_limit(app, task) for name, task in tasks.items()}

    assert len(limits) >= 18  # every declared task is counted, with a limit
    assert all(limit for limit in limits.values())
    longest = max(limits.values())
    assert sorted(name for name, limit in limits.items() if limit == longest) == [
        "plugins.producers.tasks.compute_monthly_statements", "search.reindex_all"]
    assert longest == 900
    assert limits["plugins.producers.portal.tasks.run_import"] == 600
    assert limits["account.send_password_reset_email"] == 300
    assert max(limits.values()) < settings.CELERY_VISIBILITY_TIMEOUT


def test_planning_gets_twice_the_solver_time_and_stays_below_the_timeout():
    app, tasks = _declared_tasks()
    plan = tasks["logistics.tasks.plan_rounds_task"]

    # a relaxed second solve may follow the first one, each of LOGISTICS_PLANNING_SECONDS
    assert settings.LOGISTICS_PLANNING_SECONDS == 5
    assert plan.time_limit == 130 >= 2 * settings.LOGISTICS_PLANNING_SECONDS + 120
    assert plan.time_limit < settings.CELERY_VISIBILITY_TIMEOUT


def test_retry_countdowns_stay_below_the_visibility_timeout():
    _, tasks = _declared_tasks()
    retrying = {name: task for name, task in tasks.items() if getattr(task, "autoretry_for", ())}

    assert len(retrying) >= 8  # the mails
    for name, task in retrying.items():
        # celery reads the attribute with this default (celery/app/autoretry.py) when the task does not set it
        longest_countdown = getattr(task, "retry_backoff_max", CELERY_DEFAULT_RETRY_BACKOFF_MAX)
        assert longest_countdown == 600 < settings.CELERY_VISIBILITY_TIMEOUT, name


def _settings_in_a_new_process(**env) -> subprocess.CompletedProcess:
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], settings.CELERY_TASK_TIME_LIMIT)")
    return subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "DJANGO_SETTINGS_MODULE": "backend.config.settings", **env})


def test_the_timeout_and_the_default_limit_come_from_the_environment():
    result = _settings_in_a_new_process(CELERY_VISIBILITY_TIMEOUT="2400", CELERY_TASK_TIME_LIMIT="120")

    assert (result.returncode, result.stdout.split()) == (0, ["2400", "120"]), result.stderr[-2000:]


def test_a_timeout_shorter_than_the_longest_task_is_refused_at_startup():
    result = _settings_in_a_new_process(CELERY_VISIBILITY_TIMEOUT="900")

    assert result.returncode == 1
    assert ("ImproperlyConfigured: CELERY_VISIBILITY_TIMEOUT (900 s) must exceed the longest task time limit and "
            "retry countdown, or Redis would hand a running task to a second worker.") in result.stderr
