import pytest
from django.core.cache import cache

from tests.backend.commerce.conftest import (  # noqa: F401 - fixtures shared with the commerce tests
    channel,
    cheese,
    communes,
    farm,
    pickup_point,
    zone,
)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Navigation and sitemap are cached: each test starts from an empty in-memory cache."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def http_transport(settings, live_server):
    """Send the storefront's GraphQL over HTTP to a live backend (needs a transactional test: the server thread
    only sees committed rows)."""
    settings.STOREFRONT_API_URL = f"{live_server.url}/graphql/"
    settings.STOREFRONT_GRAPHQL_TRANSPORT = "storefront.client.http_transport"
    return live_server
