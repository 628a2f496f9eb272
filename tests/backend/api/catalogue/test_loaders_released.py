"""Once an operation is answered, its loaders and the rows they read are freed at once (reference counting), not
left for Python's cycle collector; a batch's next operation reads afresh."""

import gc
import weakref

import pytest
from django.test import RequestFactory

from backend.api.core import dataloaders
from backend.api.core.execution import execute_operation
from backend.api.schema import schema
from backend.commerce.product.models import Category
from backend.core import rows
from tests import factories

pytestmark = pytest.mark.django_db

GRID = """
query {
  products(first: 10, channel: "comptoir-de-mormal") {
    edges { node { id name category { name } pricing { priceRange { start { gross { amount } } } }
                   variants { id quantityAvailable } isAvailable } }
  }
}
"""


def test_rows_and_loaders_are_freed_when_the_operation_is_answered(monkeypatch):
    # given three products, and every row the fixed statements build watched through a weak reference
    for name in ("Maroilles", "Boulette d'Avesnes", "Vieux-Lille"):
        factories.product(name)
    watched = []
    built = rows._built

    def watching(model, db, names, values):
        instance = built(model, db, names, values)
        watched.append(weakref.ref(instance))
        return instance

    monkeypatch.setattr(rows, "_built", watching)
    request = RequestFactory().post("/graphql/")
    registry = dataloaders._registry(request)  # the registry the operation will use

    # when the grid is answered with the cycle collector off
    gc.disable()
    try:
        result = execute_operation(schema, GRID, {}, None, request)
        assert result.errors is None
        assert [edge["node"]["name"] for edge in result.data["products"]["edges"]] == [
            "Boulette d'Avesnes", "Maroilles", "Vieux-Lille"]
        del result

        # then the loaders are gone from the request, and every row read is already freed
        assert not hasattr(request, "_dataloaders") and registry.loaders == {}
        assert len(watched) >= 6  # products and their variants, at least
        # (but the channel, which the request keeps for its own life: see resolve_channel)
        alive = [ref() for ref in watched if ref() is not None]
        assert alive == [request._channels_by_slug["comptoir-de-mormal"]]
    finally:
        gc.enable()


def test_a_batch_s_next_operation_reads_what_the_previous_one_left():
    # given a product whose category was read once on this request (through the category loader)
    product = factories.product("Maroilles", category_name="Fromages")
    request = RequestFactory().post("/graphql/")
    query = 'query($slug: String!) { product(slug: $slug, channel: "comptoir-de-mormal") { category { name } } }'
    variables = {"slug": product.slug}
    first = execute_operation(schema, query, variables, None, request)
    assert first.data == {"product": {"category": {"name": "Fromages"}}}

    # when the category is renamed between two operations on the same request (as a mutation earlier in a batch)
    Category.objects.filter(pk=product.category_id).update(name="Fromages affinés")

    # then the next operation reads the new name, not the row the first one's loader held
    second = execute_operation(schema, query, variables, None, request)
    assert second.data == {"product": {"category": {"name": "Fromages affinés"}}}
