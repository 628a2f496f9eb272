"""Shared fixtures. Tests run on PostgreSQL for real: DATABASE_URL when set, otherwise the embedded server."""

import os

os.environ.setdefault("PASSWORD_HASHERS", "django.contrib.auth.hashers.MD5PasswordHasher")
# Every test sees fresh answers: the anonymous catalogue micro-cache is per process and would mix tests' data.
os.environ.setdefault("GRAPHQL_PUBLIC_CACHE_SECONDS", "0")

import pytest  # noqa: E402


@pytest.fixture
def api_client():
    from tests.utils import ApiClient

    return ApiClient()


@pytest.fixture(autouse=True)
def celery_app_restored():
    """Tests that start real workers point the celery app at Redis; whatever a test does, the next one gets the app
    configured as before it (in-process tasks unless a broker is configured)."""
    from backend.config.celery import app

    keys = ("task_always_eager", "broker_url")
    before = {key: app.conf.get(key) for key in keys}
    yield
    if any(app.conf.get(key) != value for key, value in before.items()):
        app.close()
        app.conf.update(before)
