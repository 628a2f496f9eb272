"""Shared fixtures. Tests run on PostgreSQL for real: DATABASE_URL when set, otherwise the embedded server."""

import os

# Passwords are hashed with MD5 for speed (PBKDF2's 1,000,000 iterations cost ~0.26 s a user created or signed in),
# and every test sees fresh answers (the anonymous catalogue micro-cache is per process and would mix tests' data).
# The variables reach the processes tests start (celery workers, scripts); this process's settings are already loaded
# by pytest-django when this file is read, so the session fixtures below change the settings themselves.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
os.environ.setdefault("PASSWORD_HASHERS", ",".join(FAST_PASSWORD_HASHERS))
os.environ.setdefault("GRAPHQL_PUBLIC_CACHE_SECONDS", "0")

import pytest  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def no_public_answer_cache():
    from django.conf import settings

    settings.GRAPHQL_PUBLIC_CACHE_SECONDS = 0


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """MD5 instead of PBKDF2 in this process too (override_settings also empties Django's cache of hashers)."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="session", autouse=True)
def static_root_exists():
    """Whitenoise warns "No directory at: var/static/" for every client when `collectstatic` never ran (a fresh clone,
    CI): static files are served from the apps' folders in tests, so an empty STATIC_ROOT is all it needs."""
    from pathlib import Path

    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session", autouse=True)
def live_server_accepts_bursts():
    """Django's test server listens with a backlog of 10: a test that sends 25 simultaneous requests (Stripe's
    webhook replays) saw connections reset by the kernel whenever the machine was busy. Production runs gunicorn;
    this only lets the test server queue a burst as gunicorn's backlog (2048) does."""
    from django.core.servers import basehttp

    basehttp.WSGIServer.request_queue_size = 128


@pytest.fixture
def api_client():
    from tests.utils import ApiClient

    return ApiClient()


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by Playwright, once per test process (Playwright's sync API allows one per thread);
    skipped with the reason when Chromium is not installed."""
    from pathlib import Path

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()
