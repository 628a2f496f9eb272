"""How `where` and the deprecated `filter` narrow products (and variants): Q objects built from Exists subqueries,
so a filter never multiplies rows. Channel-bound conditions use the channel of the query."""

from django.apps import apps
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from graphql import GraphQLError

from backend.api.core.filter_inputs import metadata_list_q, range_q, string_filter_q, value_filter_q
from backend.api.product.ids import decode_id, decode_ids
from backend.commerce.attribute.models import AttributeValue
from backend.commerce.attribute.selectors import attribute_value_ids_matching
from backend.commerce.product.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Category,
    CollectionProduct,
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.commerce.product.selectors import category_descendant_ids, published_listing_q
from backend.commerce.warehouse.models import Stock
from backend.commerce.warehouse.selectors import stocks_for_channel
from backend.core.ids import to_global_id

NOTHING = Q(pk__in=[])


def _enum_name(value):
    return getattr(value, "name", value)


def _global_id_filter_ids(value, expected: str) -> list | None:
    if not value:
        return None
    if value.get("eq") is not None:
        return [decode_id(value["eq"], expected)]
    if value.get("one_of") is not None:
        return decode_ids(value["one_of"], expected)
    return None


def _listing(channel, **conditions):
    listings = ProductChannelListing.objects.filter(product_id=OuterRef("pk"), **conditions)
    return listings.filter(channel_id=channel.id) if channel is not None else listings


def _boolean_exists(subquery, wanted: bool) -> Q:
    return Q(Exists(subquery)) if wanted else ~Q(Exists(subquery))


def _variant_prices(channel, price_q: Q):
    prices = ProductVariantChannelListing.objects.filter(variant__product_id=OuterRef("pk"),
                                                         price_amount__isnull=False).filter(price_q)
    return prices.filter(channel_id=channel.id) if channel is not None else prices


def stock_availability_q(value, channel, variant_path: str = "product_variant__product_id") -> Q:
    """In stock: units not yet allocated in a warehouse of the channel."""
    in_stock = stocks_for_channel(Stock.objects.filter(**{variant_path: OuterRef("pk")}),
                                  channel.id if channel is not None else None)
    in_stock = in_stock.filter(quantity__gt=F("quantity_allocated"))
    return _boolean_exists(in_stock, _enum_name(value) == "IN_STOCK")


def stocks_q(value, variant_path: str = "product_variant__product_id") -> Q:
    if not value:
        return Q()
    stocks = Stock.objects.filter(**{variant_path: OuterRef("pk")})
    if value.get("warehouse_ids"):
        stocks = stocks.filter(warehouse_id__in=decode_ids(value["warehouse_ids"], "Warehouse"))
    stocks = stocks.filter(range_q("quantity", value.get("quantity")))
    return Q(Exists(stocks))


# --- attributes ---

def _reference_values(reference) -> list[str] | None:
    """Global IDs that reference values may hold, from AssignedAttributeReferenceInput (contains any / all)."""
    targets = []
    lookups = [
        ("referenced_ids", None, None),
        ("product_slugs", Product, "slug"),
        ("category_slugs", Category, "slug"),
        ("collection_slugs", "product.Collection", "slug"),
        ("product_variant_skus", ProductVariant, "sku"),
        ("page_slugs", "page.Page", "slug"),
    ]
    for field, model, column in lookups:
        wanted = reference.get(field)
        if not wanted:
            continue
        texts = (wanted.get("contains_any") or []) + (wanted.get("contains_all") or [])
        if model is None:
            targets.extend(texts)
            continue
        model = apps.get_model(model) if isinstance(model, str) else model
        type_name = model.__name__ if model is not ProductVariant else "ProductVariant"
        pks = model.objects.filter(**{f"{column}__in": texts}).values_list("pk", flat=True)
        targets.extend(to_global_id(type_name, pk) for pk in pks)
    return targets


def attribute_values_q(slug: str | None, value) -> Q | list[int]:
    """AttributeValue conditions for an AssignedAttributeValueInput; numeric ranges need Python (a list of ids)."""
    q = Q(attribute__slug=slug) if slug else Q()
    if not value:
        return q
    q &= string_filter_q("slug", value.get("slug")) & string_filter_q("name", value.get("name"))
    if value.get("boolean") is not None:
        q &= Q(boolean=value["boolean"])
    if value.get("date"):
        q &= range_q("date_time__date", value["date"])
    if value.get("date_time"):
        q &= range_q("date_time", value["date_time"])
    if value.get("reference"):
        q &= Q(value__in=_reference_values(value["reference"]))
    numeric = value.get("numeric")
    if numeric:
        if not slug:
            raise GraphQLError("A numeric attribute filter requires the attribute's 'slug'.")
        if numeric.get("range"):
            bounds = (numeric["range"].get("gte"), numeric["range"].get("lte"))
            return attribute_value_ids_matching(slug=slug, numeric_range=bounds)
        exact = numeric.get("one_of") or ([numeric["eq"]] if numeric.get("eq") is not None else [])
        ids = set()
        for number in exact:
            ids.update(attribute_value_ids_matching(slug=slug, numeric_range=(number, number)))
        return list(ids)
    return q


def _values_condition(attribute_input) -> Q | list[int]:
    slug = attribute_input.get("slug")
    if attribute_input.get("value"):
        return attribute_values_q(slug, attribute_input["value"])
    if not slug:
        raise GraphQLError("Each attribute filter needs a 'slug' or a 'value'.")
    q = Q(attribute__slug=slug)
    if attribute_input.get("values") is not None:
        q &= Q(slug__in=attribute_input["values"])
    if attribute_input.get("boolean") is not None:
        q &= Q(boolean=attribute_input["boolean"])
    if attribute_input.get("date"):
        q &= range_q("date_time__date", attribute_input["date"])
    if attribute_input.get("date_time"):
        q &= range_q("date_time", attribute_input["date_time"])
    if attribute_input.get("values_range"):
        bounds = attribute_input["values_range"]
        return attribute_value_ids_matching(slug=slug, numeric_range=(bounds.get("gte"), bounds.get("lte")))
    return q


def _value_subquery(condition):
    if isinstance(condition, list):
        return AttributeValue.objects.filter(pk__in=condition).values("pk")
    return AttributeValue.objects.filter(condition).values("pk")


def product_attributes_q(attribute_inputs) -> Q:
    """Every attribute condition must hold, on the product itself or on one of its variants."""
    q = Q()
    for attribute_input in attribute_inputs or ():
        values = _value_subquery(_values_condition(attribute_input))
        on_product = AssignedProductAttributeValue.objects.filter(product_id=OuterRef("pk"), value_id__in=values)
        on_variant = AssignedVariantAttributeValue.objects.filter(variant__product_id=OuterRef("pk"),
                                                                  value_id__in=values)
        q &= Q(Exists(on_product)) | Q(Exists(on_variant))
    return q


def variant_attributes_q(attribute_inputs) -> Q:
    q = Q()
    for attribute_input in attribute_inputs or ():
        condition = attribute_values_q(attribute_input.get("slug"), attribute_input.get("value"))
        assigned = AssignedVariantAttributeValue.objects.filter(variant_id=OuterRef("pk"),
                                                                value_id__in=_value_subquery(condition))
        q &= Q(Exists(assigned))
    return q


# --- products ---

def _listing_flags_q(data, channel, now) -> Q:
    q = Q()
    if data.get("is_published") is not None:
        q &= _boolean_exists(_listing(channel).filter(published_listing_q(now=now)), data["is_published"])
    if data.get("is_available") is not None:
        available = _listing(channel, available_for_purchase_at__lte=now)
        q &= _boolean_exists(available, data["is_available"])
    if data.get("is_visible_in_listing") is not None:
        q &= _boolean_exists(_listing(channel, visible_in_listings=True), data["is_visible_in_listing"])
    if data.get("published_from") is not None:
        q &= Q(Exists(_listing(channel, is_published=True).filter(
            Q(published_at__isnull=True) | Q(published_at__lte=data["published_from"]))))
    if data.get("available_from") is not None:
        q &= Q(Exists(_listing(channel, available_for_purchase_at__lte=data["available_from"])))
    return q


def _common_q(data, channel, now) -> Q:
    q = metadata_list_q(data.get("metadata")) & _listing_flags_q(data, channel, now)
    if data.get("ids") is not None:
        q &= Q(pk__in=decode_ids(data["ids"], "Product"))
    if data.get("has_category") is not None:
        q &= Q(category__isnull=not data["has_category"])
    if data.get("attributes"):
        q &= product_attributes_q(data["attributes"])
    if data.get("stock_availability") is not None:
        q &= stock_availability_q(data["stock_availability"], channel)
    if data.get("stocks"):
        q &= stocks_q(data["stocks"])
    if data.get("gift_card") is not None:
        q &= Q(product_type__kind="gift_card") if data["gift_card"] else ~Q(product_type__kind="gift_card")
    if data.get("has_preordered_variants") is not None:
        preorder = ProductVariant.objects.filter(product_id=OuterRef("pk"), is_preorder=True)
        q &= _boolean_exists(preorder, data["has_preordered_variants"])
    return q


def only_category_ids(where) -> list | None:
    """The category ids of a `where` that filters on the category and on nothing else (the storefront's category
    pages), else None. The same ids, and the same errors for a bad ID, as product_where_q."""
    if not where or set(where) != {"category"}:
        return None
    return _global_id_filter_ids(where["category"], "Category")


def product_where_q(where, channel, now=None) -> Q:
    if not where:
        return Q()
    now = now or timezone.now()
    q = _common_q(where, channel, now)
    q &= string_filter_q("name", where.get("name")) & string_filter_q("slug", where.get("slug"))
    for field, type_name, column in (("product_type", "ProductType", "product_type_id"),
                                     ("category", "Category", "category_id")):
        ids = _global_id_filter_ids(where.get(field), type_name)
        if ids is not None:
            q &= Q(**{f"{column}__in": ids})
    collection_ids = _global_id_filter_ids(where.get("collection"), "Collection")
    if collection_ids is not None:
        q &= Q(Exists(CollectionProduct.objects.filter(product_id=OuterRef("pk"), collection_id__in=collection_ids)))
    if where.get("price"):
        q &= Q(Exists(_variant_prices(channel, value_filter_q("price_amount", where["price"]))))
    if where.get("minimal_price"):
        q &= Q(Exists(_listing(channel).filter(value_filter_q("discounted_price_amount", where["minimal_price"]))))
    if where.get("updated_at"):
        q &= value_filter_q("updated_at", where["updated_at"])
    for item in where.get("and_") or ():
        q &= product_where_q(item, channel, now)
    if where.get("or_"):
        any_of = NOTHING
        for item in where["or_"]:
            any_of |= product_where_q(item, channel, now)
        q &= any_of
    return q


def product_filter_q(data, channel, now=None) -> Q:
    """The deprecated ProductFilterInput (the storefront still sends it with `where`)."""
    if not data:
        return Q()
    now = now or timezone.now()
    q = _common_q(data, channel, now)
    if data.get("collections") is not None:
        ids = decode_ids(data["collections"], "Collection")
        q &= Q(Exists(CollectionProduct.objects.filter(product_id=OuterRef("pk"), collection_id__in=ids)))
    if data.get("categories") is not None:
        q &= Q(category_id__in=category_descendant_ids(decode_ids(data["categories"], "Category")))
    if data.get("product_types") is not None:
        q &= Q(product_type_id__in=decode_ids(data["product_types"], "ProductType"))
    if data.get("slugs") is not None:
        q &= Q(slug__in=data["slugs"])
    if data.get("price"):
        q &= Q(Exists(_variant_prices(channel, range_q("price_amount", data["price"]))))
    if data.get("minimal_price"):
        q &= Q(Exists(_listing(channel).filter(range_q("discounted_price_amount", data["minimal_price"]))))
    if data.get("updated_at"):
        q &= range_q("updated_at", data["updated_at"])
    return q


# --- variants ---

def variant_where_q(where, channel=None) -> Q:
    if not where:
        return Q()
    q = metadata_list_q(where.get("metadata")) & string_filter_q("sku", where.get("sku"))
    if where.get("ids") is not None:
        q &= Q(pk__in=decode_ids(where["ids"], "ProductVariant"))
    if where.get("updated_at"):
        q &= range_q("updated_at", where["updated_at"])
    if where.get("attributes"):
        q &= variant_attributes_q(where["attributes"])
    if where.get("stock_availability") is not None:
        q &= stock_availability_q(where["stock_availability"], channel, variant_path="product_variant_id")
    if where.get("stocks"):
        q &= stocks_q(where["stocks"], variant_path="product_variant_id")
    for item in where.get("and_") or ():
        q &= variant_where_q(item, channel)
    if where.get("or_"):
        any_of = NOTHING
        for item in where["or_"]:
            any_of |= variant_where_q(item, channel)
        q &= any_of
    return q


def variant_filter_q(data) -> Q:
    if not data:
        return Q()
    q = metadata_list_q(data.get("metadata"))
    if data.get("search"):
        text = data["search"]
        q &= Q(name__icontains=text) | Q(sku__icontains=text) | Q(product__name__icontains=text)
    if data.get("sku") is not None:
        q &= Q(sku__in=data["sku"])
    if data.get("is_preorder") is not None:
        q &= Q(is_preorder=data["is_preorder"])
    if data.get("updated_at"):
        q &= range_q("updated_at", data["updated_at"])
    return q
