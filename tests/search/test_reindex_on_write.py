"""A product written through the catalogue services is searchable once the write commits."""

import pytest

from backend.commerce.product import services
from backend.commerce.product.models import Product
from backend.commerce.search.selectors import search_products
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_created_product_is_found_after_commit_and_a_renamed_one_under_its_new_name(
        django_capture_on_commit_callbacks):
    product_type = factories.product_type("Fromage")

    with django_capture_on_commit_callbacks(execute=True):
        product = services.product_create(product_type=product_type, data={"name": "Dauphin fermier"})

    assert list(search_products(Product.objects.all(), "dauphin")) == [product]

    with django_capture_on_commit_callbacks(execute=True):
        services.product_update(product=product, data={"name": "Boulette d'Avesnes"})

    assert list(search_products(Product.objects.all(), "dauphin")) == []
    assert list(search_products(Product.objects.all(), "boulette")) == [product]
