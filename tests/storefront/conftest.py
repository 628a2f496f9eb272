import pytest
from django.core.cache import cache

from tests import factories
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
    settings.STOREFRONT_PAGE_CACHE_SECONDS = 0  # pages re-rendered on every request; tested on its own
    settings.STOREFRONT_DATA_CACHE_SECONDS = 0
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


@pytest.fixture
def territory(db):
    """The 52 real communes of the Pays de Mormal (what the commune lists and maps show)."""
    from backend.commerce.territory.models import Commune
    from backend.commerce.territory.services import communes_load

    communes_load()
    return {c.slug: c for c in Commune.objects.all()}


@pytest.fixture
def bocage(territory, channel):  # noqa: F811 - the commerce fixture by name
    """Producer "Ferme du Bocage" in Bavay (AOP Maroilles) with one product on sale, its Maroilles."""
    from plugins.producers.services.ownership import producer_warehouse_attach
    from tests.plugins.producers.conftest import VALID_SIRETS, make_producer, owned_variant

    producer = make_producer("Ferme du Bocage", "59053", VALID_SIRETS[0], labels=["aop-maroilles"])
    producer_warehouse_attach(producer=producer, warehouse=factories.warehouse("Ferme du Bocage"))
    variant = owned_variant(producer, "Maroilles fermier", price="12.50")
    return producer, variant.product


@pytest.fixture
def brasserie(territory, channel):  # noqa: F811
    """Producer "Brasserie de Landrecies" (HVE) with one beer."""
    from plugins.producers.services.ownership import producer_warehouse_attach
    from tests.plugins.producers.conftest import VALID_SIRETS, make_producer, owned_variant

    producer = make_producer("Brasserie de Landrecies", "59331", VALID_SIRETS[1], labels=["hve"])
    producer_warehouse_attach(producer=producer, warehouse=factories.warehouse("Brasserie de Landrecies"))
    variant = owned_variant(producer, "Bière ambrée de Landrecies", price="3.90", rate="20")
    return producer, variant.product
