"""Shared fixtures. Tests run on PostgreSQL for real: DATABASE_URL when set, otherwise the embedded server."""

import os

os.environ.setdefault("PASSWORD_HASHERS", "django.contrib.auth.hashers.MD5PasswordHasher")

import pytest  # noqa: E402


@pytest.fixture
def api_client():
    from tests.utils import ApiClient

    return ApiClient()
