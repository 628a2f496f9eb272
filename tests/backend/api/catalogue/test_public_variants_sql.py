"""The product grid's variants come from one fixed SQL statement (`public_variants_of_products`): it must give
exactly what the ORM composition of the same rules gives (visibility, order, available stock, price listing)."""

from decimal import Decimal

import pytest
from django.db.models import F, FilteredRelation, Q

from backend.commerce.product import selectors
from backend.commerce.product.models import ProductVariant, ProductVariantChannelListing
from backend.commerce.warehouse.models import Stock, Warehouse
from backend.commerce.warehouse.selectors import variant_available_quantity_subquery
from tests import factories

COLUMNS = ("id", "currency", "price_amount", "cost_price_amount", "discounted_price_amount", "prior_price_amount")


def orm_rows(channel, product_ids):
    variants = selectors.variants_visible(channel=channel, show_hidden=False, product_checked=True).filter(
        product_id__in=product_ids).order_by("sort_order", "sku", "pk").annotate(
        available_quantity=variant_available_quantity_subquery(channel_id=channel.id),
        channel_listing=FilteredRelation("channel_listings", condition=Q(channel_listings__channel_id=channel.id)),
        **{f"listing_{column}": F(f"channel_listing__{column}") for column in COLUMNS})
    return [describe(variant) for variant in variants]


def describe(variant):
    return (variant.pk, variant.product_id, variant.sku, variant.available_quantity,
            *(getattr(variant, f"listing_{column}") for column in COLUMNS))


@pytest.mark.django_db
def test_raw_statement_equals_the_orm_rules():
    channel = factories.channel()
    other = factories.channel("autre-canal")
    cheese = factories.product("Maroilles", price="12.50", stock=7)
    beer = factories.product("Bière ambrée", price="3.90", stock=0, rate="20")
    lonely = factories.product("Miel", price="8.00", stock=3)
    # a second variant, sorted first, with stock in two of the channel's warehouses (allocations subtracted)
    # and in a warehouse outside the channel (not counted)
    second = ProductVariant.objects.create(product=cheese, sku="AAA-1", sort_order=0, weight=Decimal("0.2"))
    ProductVariantChannelListing.objects.create(variant=second, channel=channel, price_amount=Decimal("6.10"),
                                                discounted_price_amount=Decimal("5.90"),
                                                prior_price_amount=Decimal("6.50"))
    Stock.objects.create(warehouse=factories.warehouse(), product_variant=second, quantity=5, quantity_allocated=2)
    Stock.objects.create(warehouse=factories.warehouse(), product_variant=second, quantity=4, quantity_allocated=4)
    outside = Warehouse.objects.create(name="Hors canal", slug="hors-canal",
                                       address=factories.warehouse().address)
    Stock.objects.create(warehouse=outside, product_variant=second, quantity=100)
    # a variant without a price in the channel (hidden), one priced only in another channel (hidden)
    unpriced = ProductVariant.objects.create(product=cheese, sku="ZZZ-1", sort_order=1)
    ProductVariantChannelListing.objects.create(variant=unpriced, channel=channel, price_amount=None)
    elsewhere = ProductVariant.objects.create(product=beer, sku="ZZZ-2", sort_order=1)
    ProductVariantChannelListing.objects.create(variant=elsewhere, channel=other, price_amount=Decimal("1.00"))

    ids = [cheese.pk, beer.pk]
    raw = [describe(variant) for variant in selectors.public_variants_of_products(channel.id, ids)]

    assert raw == orm_rows(channel, ids)
    assert [(row[2], row[3]) for row in raw] == [("AAA-1", 3), (cheese.default_variant.sku, 7),
                                                 (beer.default_variant.sku, 0)]
    assert raw[0][4:] == (raw[0][4], "EUR", Decimal("6.10"), None, Decimal("5.90"), Decimal("6.50"))
    assert lonely.default_variant.pk not in {row[0] for row in raw}
