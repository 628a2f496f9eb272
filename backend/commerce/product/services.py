"""Writes of the catalogue that the API and the other domains need."""

from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce

from backend.commerce.product.models import ProductChannelListing, ProductVariantChannelListing


def product_channel_listing_update_discounted_price(*, product_ids=None, channel_ids=None) -> int:
    """Keep ProductChannelListing.discounted_price_amount = the cheapest variant price (TTC, after discounts) in its
    channel; it drives sorting and price filters. One UPDATE; returns the number of listings written."""
    cheapest = (
        ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("product_id"), channel_id=OuterRef("channel_id"), price_amount__isnull=False
        )
        .values("channel_id")
        .annotate(cheapest=Min(Coalesce("discounted_price_amount", "price_amount")))
        .values("cheapest")
    )
    listings = ProductChannelListing.objects.all()
    if product_ids is not None:
        listings = listings.filter(product_id__in=list(product_ids))
    if channel_ids is not None:
        listings = listings.filter(channel_id__in=list(channel_ids))
    return listings.update(discounted_price_amount=Subquery(cheapest))
