import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Navigation and sitemap are cached: each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=["in-process", "http"])
def transport(request, settings):
    """Run a storefront test once per transport: in-process, and over HTTP to a live backend."""
    if request.param == "http":
        live_server = request.getfixturevalue("live_server")
        settings.STOREFRONT_API_URL = f"{live_server.url}/graphql/"
        settings.STOREFRONT_GRAPHQL_TRANSPORT = "storefront.client.http_transport"
    else:
        settings.STOREFRONT_GRAPHQL_TRANSPORT = "backend.api.inprocess.execute"
    return request.param
