"""Search on the demo catalogue (backend/demo: 150 producers, 400+ products), indexed as `comptoir setup` does."""

import pytest

from tests.search.conftest import ranked_names

# (query, words the first result's name must contain, normalised)
DEMO_QUERIES = [
    ("maroile", "maroilles"),
    ("vieux lille", "vieux-lille"),
    ("boulette avesne", "boulette d avesnes"),
    ("pomme gris baudet", "gris baudet"),
    ("gris baudet", "gris baudet"),
]


@pytest.mark.django_db
def test_demo_specialities_come_first_even_misspelt(postgres_search):
    from backend.commerce.product.models import Product
    from backend.commerce.search.services import search_index_dirty_products
    from backend.commerce.search.text import normalize
    from backend.commerce.territory.services import communes_load
    from backend.demo.catalogue import demo_catalogue_load

    communes_load()
    demo_catalogue_load()
    indexed = search_index_dirty_products()

    assert indexed == Product.objects.count() >= 400
    for query, word in DEMO_QUERIES:
        names = ranked_names(query, limit=3)
        assert names, query
        assert normalize(word) in normalize(names[0]), (query, names)
