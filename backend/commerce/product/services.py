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


# --- Back-office writes (productCreate, productUpdate...): the caller has checked who may do it (the API's catalogue
# scope); these check the data. ValidationError codes are ProductErrorCode values. ---

PRODUCT_FIELDS = ("name", "slug", "description", "category", "tax_class", "seo_title", "seo_description", "weight",
                  "rating", "external_reference")
VARIANT_FIELDS = ("sku", "name", "track_inventory", "weight", "quantity_limit_per_customer", "external_reference")


def _product_error(field: str, message: str, code: str = "INVALID"):
    from django.core.exceptions import ValidationError

    return ValidationError({field: ValidationError(message, code=code)})


def _plaintext(description) -> str:
    blocks = (description or {}).get("blocks", []) if isinstance(description, dict) else []
    return " ".join(str((block.get("data") or {}).get("text", "")) for block in blocks if isinstance(block, dict))


def _unique_product_slug(name: str, exclude_pk=None) -> str:
    from django.utils.text import slugify

    from backend.commerce.product.models import Product

    base = slugify(name)[:240] or "produit"
    slug, n = base, 2
    while Product.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply_product_fields(product, data: dict) -> None:
    from backend.commerce.product.models import Product

    for key, value in data.items():
        if key not in PRODUCT_FIELDS:
            raise _product_error(key, "Ce champ n'est pas pris en charge.")
        if key == "name":
            value = (value or "").strip()
            if not value:
                raise _product_error("name", "Le nom du produit est obligatoire.", "REQUIRED")
        if key == "slug" and value:
            if Product.objects.filter(slug=value).exclude(pk=product.pk).exists():
                raise _product_error("slug", "Un produit utilise déjà cette adresse.", "UNIQUE")
        if key == "external_reference" and value:
            if Product.objects.filter(external_reference=value).exclude(pk=product.pk).exists():
                raise _product_error("externalReference", "Cette référence externe existe déjà.", "UNIQUE")
        setattr(product, key, value)
    if "description" in data:
        product.description_plaintext = _plaintext(product.description)


def product_create(*, product_type, data: dict):
    from backend.commerce.product.models import Product

    if not (data.get("name") or "").strip():
        raise _product_error("name", "Le nom du produit est obligatoire.", "REQUIRED")
    product = Product(product_type=product_type)
    _apply_product_fields(product, data)
    product.slug = product.slug or _unique_product_slug(product.name)
    product.search_index_dirty = True
    product.save()
    _reindex_after_commit(product.pk)
    return product


def product_update(*, product, data: dict):
    _apply_product_fields(product, data)
    product.search_index_dirty = True
    product.save()
    _reindex_after_commit(product.pk)
    return product


def _reindex_after_commit(product_id: int) -> None:
    """The product is searchable as soon as the write commits (the search index is maintained by calls, not
    signals)."""
    from backend.commerce.search.services import search_products_changed

    search_products_changed(product_ids=[product_id])


def product_delete(*, product) -> None:
    """Delete a product nobody is waiting for: a variant still allocated to an open order is refused."""
    from backend.commerce.order.models import Allocation

    if Allocation.objects.filter(stock__product_variant__product=product, quantity_allocated__gt=0).exists():
        raise _product_error("id", "Ce produit est réservé par des commandes en cours : il ne peut pas être supprimé.")
    from backend.commerce.search.services import search_products_deleted

    product_id = product.pk
    product.delete()
    search_products_deleted(product_ids=[product_id])


def variant_save(*, variant, data: dict):
    from backend.commerce.product.models import ProductVariant

    for key, value in data.items():
        if key not in VARIANT_FIELDS:
            raise _product_error(key, "Ce champ n'est pas pris en charge.")
        if key == "sku" and value:
            if ProductVariant.objects.filter(sku=value).exclude(pk=variant.pk).exists():
                raise _product_error("sku", "Une variante utilise déjà ce SKU.", "UNIQUE")
        if key == "quantity_limit_per_customer" and value is not None and value <= 0:
            raise _product_error("quantityLimitPerCustomer", "La limite par client doit être positive.")
        setattr(variant, key, value)
    variant.save()
    product = variant.product
    if product.default_variant_id is None:
        product.default_variant = variant
        product.save(update_fields=["default_variant", "updated_at"])
    return variant


def product_channel_listing_update(*, product, update: list[dict], remove_channel_ids: list) -> None:
    """update: [{channel, is_published, published_at, visible_in_listings, available_for_purchase_at}]"""
    from django.utils import timezone

    from backend.commerce.product.models import ProductChannelListing

    ProductChannelListing.objects.filter(product=product, channel_id__in=remove_channel_ids).delete()
    for item in update:
        channel = item.pop("channel")
        listing, _ = ProductChannelListing.objects.get_or_create(product=product, channel=channel,
                                                                 defaults={"currency": channel.currency_code})
        if item.get("is_published") and not item.get("published_at") and listing.published_at is None:
            item["published_at"] = timezone.now()
        for key, value in item.items():
            setattr(listing, key, value)
        listing.save()
    product_channel_listing_update_discounted_price(product_ids=[product.pk])


def variant_channel_listing_update(*, variant, prices: list[dict]) -> None:
    """prices: [{channel, price, cost_price, prior_price}] — prices TTC, as French shops enter them."""
    from decimal import Decimal

    from backend.commerce.product.models import ProductChannelListing, ProductVariantChannelListing

    for item in prices:
        channel, price = item["channel"], item["price"]
        if price is None or price < Decimal("0") or price.as_tuple().exponent < -2:
            raise _product_error("price", "Le prix doit être positif, au centime près.", "INVALID_PRICE")
        if not ProductChannelListing.objects.filter(product_id=variant.product_id, channel=channel).exists():
            raise _product_error("channelId", f"Le produit n'est pas publié sur le canal {channel.name}.",
                                 "PRODUCT_NOT_ASSIGNED_TO_CHANNEL")
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant, channel=channel,
            defaults={"price_amount": price, "discounted_price_amount": price, "currency": channel.currency_code,
                      "cost_price_amount": item.get("cost_price"), "prior_price_amount": item.get("prior_price")})
    product_channel_listing_update_discounted_price(product_ids=[variant.product_id])
