"""`sortBy` for products (ProductOrder), with Saleor's fields. Ties are broken by slug then pk, so pages never
overlap; prices sort with missing prices last, whatever the direction."""

from django.db.models import F, Min, OuterRef, Subquery
from graphql import GraphQLError

from backend.commerce.product.models import CollectionProduct, ProductChannelListing, ProductVariantChannelListing

DEFAULT_ORDER = ("slug", "pk")


def _enum_name(value):
    return getattr(value, "name", value)


def _listing_value(channel, column):
    listings = ProductChannelListing.objects.filter(product_id=OuterRef("pk"))
    if channel is not None:
        listings = listings.filter(channel_id=channel.id)
    return Subquery(listings.order_by("pk").values(column)[:1])


def _cheapest_variant_price(channel):
    prices = ProductVariantChannelListing.objects.filter(variant__product_id=OuterRef("pk"),
                                                         price_amount__isnull=False)
    if channel is not None:
        prices = prices.filter(channel_id=channel.id)
    return Subquery(prices.values("variant__product_id").annotate(cheapest=Min("price_amount")).values("cheapest")[:1])


def sort_products(queryset, sort_by, *, channel, searched: bool, collection_id=None):
    """Order `queryset`; without sortBy a searched queryset keeps the search ranking."""
    if not sort_by:
        return queryset if searched else queryset.order_by(*DEFAULT_ORDER)
    field = _enum_name(sort_by.get("field")) or "NAME"
    descending = _enum_name(sort_by.get("direction")) == "DESC"
    if field == "RANK":
        if not searched:
            raise GraphQLError("Sorting by RANK is available only when using a search filter.")
        return queryset  # the search backend orders by relevance
    if field == "COLLECTION" and collection_id is None:
        raise GraphQLError("Sorting by COLLECTION is available only for the products of a collection.")
    annotations, keys = {}, []
    if field == "NAME":
        keys = ["name"]
    elif field == "PRICE":
        annotations["sort_price"] = _cheapest_variant_price(channel)
        keys = ["sort_price"]
    elif field == "MINIMAL_PRICE":
        annotations["sort_minimal_price"] = _listing_value(channel, "discounted_price_amount")
        keys = ["sort_minimal_price"]
    elif field in ("LAST_MODIFIED", "LAST_MODIFIED_AT", "DATE"):
        keys = ["updated_at"]
    elif field == "TYPE":
        keys = ["product_type__name"]
    elif field == "PUBLISHED":
        annotations["sort_published"] = _listing_value(channel, "is_published")
        keys = ["sort_published"]
    elif field in ("PUBLICATION_DATE", "PUBLISHED_AT"):
        annotations["sort_published_at"] = _listing_value(channel, "published_at")
        keys = ["sort_published_at"]
    elif field == "RATING":
        keys = ["rating"]
    elif field == "CREATED_AT":
        keys = ["created_at"]
    elif field == "COLLECTION":
        annotations["sort_collection"] = Subquery(CollectionProduct.objects.filter(
            product_id=OuterRef("pk"), collection_id=collection_id).values("sort_order")[:1])
        keys = ["sort_collection"]
    if annotations:
        queryset = queryset.annotate(**annotations)
    order = [F(key).desc(nulls_last=True) if descending else F(key).asc(nulls_last=True) for key in keys]
    tie_breakers = [F(key).desc() if descending else F(key).asc() for key in DEFAULT_ORDER]
    return queryset.order_by(*order, *tie_breakers)


def sort_simple(queryset, sort_by, columns: dict, default=("name", "pk")):
    """Sorting inputs of categories, collections, variants: {enum name: [columns]}."""
    if not sort_by:
        return queryset.order_by(*default)
    field = _enum_name(sort_by.get("field"))
    descending = _enum_name(sort_by.get("direction")) == "DESC"
    keys = [*columns.get(field, default), "pk"]
    return queryset.order_by(*[f"-{key}" if descending else key for key in keys])
