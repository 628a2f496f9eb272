"""The fixed-SQL row reads return exactly what the equivalent querysets return."""

import pytest

from backend.commerce.channel.selectors import channel_by_slug
from backend.commerce.product.models import Category, ProductMedia
from backend.core.rows import rows_by_fk, rows_by_pk
from tests import factories

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_rows_by_pk_equal_in_bulk_for_ints_strings_duplicates_and_unknown_keys():
    cheeses = factories.category("Fromages")
    dairy = factories.category("Crèmerie", parent=cheeses)
    Category.objects.filter(pk=cheeses.pk).update(  # JSON columns go through the ORM's converters
        metadata={"origine": "Avesnois"}, description={"blocks": [{"type": "paragraph", "data": {"text": "Pâtes"}}]})
    Category.objects.filter(pk=dairy.pk).update(private_metadata=["liste", 2, {"clé": None}])
    keys = [dairy.pk, str(cheeses.pk), dairy.pk, 999_999]

    rows = {row.pk: row for row in rows_by_pk(Category, keys)}
    expected = Category.objects.in_bulk([dairy.pk, cheeses.pk])

    assert sorted(rows) == sorted(expected) == sorted([cheeses.pk, dairy.pk])
    assert {pk: fields(row) for pk, row in rows.items()} == {pk: fields(row) for pk, row in expected.items()}
    assert rows[cheeses.pk].metadata == {"origine": "Avesnois"}
    assert rows[cheeses.pk].description["blocks"][0]["data"]["text"] == "Pâtes"
    assert rows[dairy.pk].private_metadata == ["liste", 2, {"clé": None}]
    # empty objects are made without the parser, each its own: changing one changes no other row
    assert rows[dairy.pk].metadata == {} and rows[cheeses.pk].private_metadata == {}
    assert rows[dairy.pk].metadata is not rows[cheeses.pk].private_metadata
    assert rows_by_pk(Category, []) == []


def test_rows_by_fk_keep_the_order_of_the_queryset():
    maroilles, boulette = factories.product("Maroilles"), factories.product("Boulette d'Avesnes")
    for product, orders in ((maroilles, (2, 0, 1)), (boulette, (0,))):
        for position in orders:
            ProductMedia.objects.create(product=product, alt=f"{product.name} {position}", sort_order=position)

    rows = rows_by_fk(ProductMedia, "product", [boulette.pk, maroilles.pk], order_by=("sort_order", "id"))
    expected = ProductMedia.objects.filter(product_id__in=[boulette.pk, maroilles.pk]).order_by("sort_order", "pk")

    assert [fields(row) for row in rows] == [fields(row) for row in expected]
    assert [row.alt for row in rows] == ["Maroilles 0", "Boulette d'Avesnes 0", "Maroilles 1", "Maroilles 2"]


def test_channel_by_slug_finds_the_channel_and_nothing_for_an_unknown_slug():
    channel = factories.channel()

    assert fields(channel_by_slug("comptoir-de-mormal")) == fields(channel)
    assert channel_by_slug("inconnu") is None
