"""Fixtures of the search tests: the fixture catalogue, indexed through the service as production code does."""

import pytest

from tests.search.catalogue import build_catalogue


@pytest.fixture
def postgres_search(settings):
    """Force the PostgreSQL backend whatever the environment says."""
    from backend.commerce.search.backends import reset_search_backend

    settings.ELASTICSEARCH_URL = ""
    reset_search_backend()
    yield
    reset_search_backend()


@pytest.fixture
def catalogue(db, postgres_search):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_index_dirty_products

    products = build_catalogue()
    search_index_dirty_products()
    assert Product.objects.filter(search_index_dirty=True).count() == 0
    return products


def ranked_names(text: str, limit: int = 5) -> list[str]:
    from backend.commerce.product.models import Product
    from backend.commerce.search.selectors import search_products

    return list(search_products(Product.objects.all(), text).values_list("name", flat=True)[:limit])
