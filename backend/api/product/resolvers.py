"""Product lists (root `products`, `Category.products`, `Collection.products`): visibility, filters, search, sorting,
then a page of the connection. One SQL query gives the page with what the storefront reads on every card: tax classes
(for the VAT split) and the product's listing in the channel (joined, then primed into its dataloader)."""

from django.db.models import F, FilteredRelation, Q

from backend.api.channel.context import ChannelContext, can_manage_products, resolve_channel
from backend.api.core.connection import (
    build_connection,
    connection_from_queryset,
    decode_cursor,
    total_count_selected,
    validate_slice_args,
)
from backend.api.core.dataloaders import dispatch_now
from backend.api.core.lookahead import selected_fields
from backend.api.product import dataloaders as loaders
from backend.api.product.filters import only_category_ids, product_filter_q, product_where_q
from backend.api.product.sorting import sort_products
from backend.commerce.product.models import Product, ProductChannelListing
from backend.commerce.product.selectors import (
    PUBLIC_LISTING_COLUMNS,
    products_visible,
    public_products_page,
    with_vat_rate,
)
from backend.commerce.search.selectors import search_products
from backend.core.rows import joined_instance

# Columns a product card never reads, each with the fields that do: unless one of those is selected, the page query
# leaves the column out, so that PostgreSQL sorts narrow rows and Python decodes no description nor search vector.
# (A deferred column read anyway would cost one query per product: the SQL count tests pin that it does not happen.)
DEFERRABLE_COLUMNS = {
    "description": {"description", "descriptionJson", "translation"},
    "description_plaintext": set(),
    "search_vector": set(),
    "search_document": set(),
    "search_index_dirty": set(),
    "metadata": {"metadata", "metafield", "metafields"},
    "private_metadata": {"privateMetadata", "privateMetafield", "privateMetafields"},
    "seo_title": {"seoTitle", "translation"},
    "seo_description": {"seoDescription", "translation"},
    "created_at": {"created"},
    "updated_at": {"updatedAt"},
    "weight": {"weight"},
    "rating": {"rating"},
    "external_reference": {"externalReference"},
}


def products_channel(info, channel_slug=None, filter=None, sort_by=None):
    """The channel of a product list: the argument, else the deprecated filter/sortBy channel, else the default."""
    slug = channel_slug or (filter or {}).get("channel") or (sort_by or {}).get("channel")
    return resolve_channel(info, slug)


def _with_listing(queryset, channel):
    queryset = queryset.annotate(
        channel_listing=FilteredRelation("channel_listings", condition=Q(channel_listings__channel_id=channel.id)))
    return queryset.annotate(**{f"listing_{column}": F(f"channel_listing__{column}")
                                for column in PUBLIC_LISTING_COLUMNS})


def _prime(info, channel):
    product_loader = loaders.ProductByIdLoader(info.context)
    listing_loader = loaders.ProductChannelListingLoader(info.context)

    def wrap(product):
        product_loader.prime(product.pk, product)
        if channel is not None and hasattr(product, "listing_id"):
            listing = None
            if product.listing_id is not None:
                listing = joined_instance(ProductChannelListing, product, "listing_", PUBLIC_LISTING_COLUMNS,
                                          product_id=product.pk, channel_id=channel.id)
            listing_loader.prime((product.pk, channel.id), listing)
        return ChannelContext(product, channel)

    return wrap


def resolve_products(info, connection_type, *, channel, where=None, filter=None, search=None, sort_by=None,
                     restrict: Q | None = None, collection_id=None, **kwargs):
    show_hidden = can_manage_products(info)
    if (FIXED_SQL_PAGES and not show_hidden and channel is not None and channel.is_active and restrict is None
            and not filter and not search and not sort_by and kwargs.get("first") is not None
            and kwargs.get("last") is None and kwargs.get("before") is None):
        category_ids = only_category_ids(where)
        if not where or category_ids is not None:
            return _public_page(info, connection_type, channel, kwargs, category_ids)
    queryset = products_visible(channel=channel, show_hidden=show_hidden, in_listings=True)
    if restrict is not None:
        queryset = queryset.filter(restrict)
    for condition in (product_where_q(where, channel), product_filter_q(filter, channel)):
        if condition:  # an empty Q filters nothing, but its clone and compilation cost every page view
            queryset = queryset.filter(condition)
    texts = [text for text in (search, (filter or {}).get("search")) if text and text.strip()]
    for text in texts:
        queryset = search_products(queryset, text)
    queryset = sort_products(queryset, sort_by, channel=channel, searched=bool(texts), collection_id=collection_id)
    fields = selected_fields(info, ("edges", "node"))
    counted = queryset if getattr(queryset, "count_at_most", None) is None else None
    queryset = with_vat_rate(queryset).defer(*unread_columns(fields))
    if channel is not None:
        queryset = _with_listing(queryset, channel)
    connection = connection_from_queryset(queryset, info, kwargs, connection_type, wrap=_prime(info, channel),
                                          counted=counted)
    prefetch_product_cards(info, [edge.node for edge in connection.edges], fields)
    return connection


# The public's plain product list (no filter but the category, no search, the default order, a forward page: the
# storefront's grid, its catalogue and category pages) is read with one fixed statement (`public_products_page`)
# instead of the ORM composition below; a test holds the two paths' answers equal (it turns this off for the
# reference).
FIXED_SQL_PAGES = True


def _public_page(info, connection_type, channel, kwargs, category_ids=None):
    first, after = kwargs["first"], kwargs.get("after")
    validate_slice_args(info, first, None, info.field_name)
    start = decode_cursor(after) + 1 if after else 0
    fields = selected_fields(info, ("edges", "node"))
    unread = set(unread_columns(fields))
    attnames = tuple(field.attname for field in Product._meta.concrete_fields if field.name not in unread)
    with_total = total_count_selected(info)
    rows = public_products_page(channel.id, attnames, start, first + 1, with_total, category_ids)
    counted = []
    if with_total and rows:
        counted.append(rows[0].connection_total)

    def total_count() -> int:  # past the last page, no row carries the total: it is counted on its own
        if not counted:
            listed = products_visible(channel=channel, show_hidden=False, in_listings=True)
            if category_ids is not None:
                listed = listed.filter(category_id__in=category_ids)
            counted.append(listed.count())
        return counted[0]

    connection = build_connection(connection_type, rows[:first], start, len(rows) > first, start > 0,
                                  _prime(info, channel), total_count)
    prefetch_product_cards(info, [edge.node for edge in connection.edges], fields)
    return connection


def unread_columns(fields: set[str]) -> list[str]:
    return [column for column, readers in DEFERRABLE_COLUMNS.items() if not readers & fields]


VARIANT_FIELDS = frozenset({"variants", "productVariants", "pricing", "isAvailable"})
MEDIA_FIELDS = frozenset({"thumbnail", "media", "mediaById"})


def prefetch_product_cards(info, products: list, fields: set[str]) -> None:
    """Load, for a whole page of products, what the selected fields will ask each product for (its visible
    variants with their prices and stock, its media, its category), so that every product's fields find their
    loads already resolved. The loads and their keys are the resolvers' own: nothing is fetched twice."""
    from backend.api.product.types.products import load_visible_variants

    if not products:
        return
    if fields & VARIANT_FIELDS:
        for product in products:
            load_visible_variants(info, product)
    if fields & MEDIA_FIELDS:
        media = loaders.MediaByProductIdLoader(info.context)
        for product in products:
            media.load(product.pk)
    if "category" in fields:
        categories = loaders.CategoryByIdLoader(info.context)
        for product in products:
            if product.category_id:
                categories.load(product.category_id)
    dispatch_now(info.context)
