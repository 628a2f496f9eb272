"""The fixed-SQL row reads return exactly what the equivalent querysets return."""

import pytest
from django.db import connection
from django.db.models.signals import post_init

from backend.commerce.channel.selectors import channel_by_slug
from backend.commerce.product.models import Category, Product, ProductMedia, ProductVariant
from backend.core import rows as rows_module
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
    # numbers that orjson would read otherwise than the standard parser (Django's): a 30-digit integer stays an exact
    # int; jsonb writes 1e400 out in 401 digits, which the standard parser reads as an exact int too
    big = 123456789012345678901234567890
    Category.objects.filter(pk=dairy.pk).update(metadata={"grand": big, "réel": 2.5, "liste": [1, True, None]})
    with connection.cursor() as cursor:
        cursor.execute("UPDATE product_category SET private_metadata = '[1e400, -1e400]'::jsonb "
                       "WHERE id = %s", [cheeses.pk])
    keys = [dairy.pk, str(cheeses.pk), dairy.pk, 999_999]

    rows = {row.pk: row for row in rows_by_pk(Category, keys)}
    expected = Category.objects.in_bulk([dairy.pk, cheeses.pk])

    assert sorted(rows) == sorted(expected) == sorted([cheeses.pk, dairy.pk])
    assert {pk: fields(row) for pk, row in rows.items()} == {pk: fields(row) for pk, row in expected.items()}
    assert rows[cheeses.pk].metadata == {"origine": "Avesnois"}
    assert rows[cheeses.pk].description["blocks"][0]["data"]["text"] == "Pâtes"
    assert rows[dairy.pk].private_metadata == ["liste", 2, {"clé": None}]
    assert rows[dairy.pk].metadata == {"grand": big, "réel": 2.5, "liste": [1, True, None]}
    assert type(rows[dairy.pk].metadata["grand"]) is int
    assert rows[cheeses.pk].private_metadata == [10**400, -(10**400)]
    # empty objects are made without the parser, each its own: changing one changes no other row
    bread = factories.category("Pains")
    plain = rows_by_pk(Category, [bread.pk])[0]
    assert plain.metadata == plain.private_metadata == {} and plain.metadata is not plain.private_metadata
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


def built_both_ways(model, names, values):
    return rows_module._built(model, "default", names, list(values)), model.from_db("default", names, list(values))


def test_a_row_built_plainly_is_the_instance_from_db_builds_whole_or_deferred():
    media = ProductMedia.objects.create(product=factories.product("Maroilles"), alt="Un Maroilles affiné",
                                        image="products/maroilles.jpg", sort_order=3)
    names = [field.attname for field in ProductMedia._meta.concrete_fields]
    values = [getattr(media, name) for name in names]
    plain, expected = built_both_ways(ProductMedia, names, values)

    assert rows_module._plainly_built(ProductMedia) and rows_module._plainly_built(ProductVariant)
    assert type(plain) is ProductMedia and fields(plain) == fields(expected)
    assert (plain._state.adding, plain._state.db) == (False, "default") == (expected._state.adding,
                                                                            expected._state.db)
    assert plain.image.name == "products/maroilles.jpg" and plain.image.instance is plain
    assert plain.product.name == "Maroilles"  # the foreign key's object is read through the usual descriptor
    assert plain == expected and hash(plain) == hash(media)

    # a column left out is deferred, as from_db defers it: read on first use
    partial_names = [name for name in names if name != "alt"]
    plain, expected = built_both_ways(ProductMedia, partial_names, [getattr(media, n) for n in partial_names])
    assert plain.get_deferred_fields() == expected.get_deferred_fields() == {"alt"}
    assert plain.alt == "Un Maroilles affiné"


def test_a_post_init_receiver_or_an_own_constructor_keeps_django_s_constructor(monkeypatch):
    product = factories.product("Boulette d'Avesnes")
    names = [field.attname for field in Product._meta.concrete_fields]
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=Product)
    try:
        built = rows_module._built(Product, "default", names, [getattr(product, n) for n in names])
    finally:
        post_init.disconnect(receiver, sender=Product)
    assert seen == [built] and built.name == "Boulette d'Avesnes"
    assert post_init.receivers == []

    # a model with a constructor of its own is never built plainly (the predicate, uncached)
    assert rows_module._plainly_built.__wrapped__(Category) is True
    original = Category.__init__

    def counting_init(self, *args, **kwargs):
        original(self, *args, **kwargs)

    monkeypatch.setattr(Category, "__init__", counting_init)
    assert rows_module._plainly_built.__wrapped__(Category) is False
