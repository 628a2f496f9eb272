"""Shared fixtures. Tests run on PostgreSQL for real: DATABASE_URL when set, otherwise the embedded server."""

import os

os.environ.setdefault("PASSWORD_HASHERS", "django.contrib.auth.hashers.MD5PasswordHasher")
# Every test sees fresh answers: the anonymous catalogue micro-cache is per process and would mix tests' data.
# (Settings are already loaded by pytest-django when this file is read, so the setting itself is changed below.)
os.environ.setdefault("GRAPHQL_PUBLIC_CACHE_SECONDS", "0")

import pytest  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def no_public_answer_cache():
    from django.conf import settings

    settings.GRAPHQL_PUBLIC_CACHE_SECONDS = 0


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
