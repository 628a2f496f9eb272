"""Fixtures of the platform tests: a private MEDIA_ROOT, and the demo catalogue built once per module.

The catalogue is loaded inside a transaction that is rolled back when the module ends; each test runs in a savepoint
inside it (pytest-django's own atomic block), so the data never leaks into the other tests of the suite.
"""

import pytest
from django.db import transaction

DEMO_SEED = 2026


@pytest.fixture(scope="session")
def platform_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _private_media_root(settings, platform_media_root):
    settings.MEDIA_ROOT = platform_media_root  # shared: placeholder pictures are drawn once per session


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker, platform_media_root):
    from django.test import override_settings

    from backend.demo.catalogue import demo_catalogue_load

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=platform_media_root), transaction.atomic():
        result = demo_catalogue_load(seed=DEMO_SEED)
        yield result
        transaction.set_rollback(True)
