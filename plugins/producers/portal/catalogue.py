"""The portal's catalogue writes, through the core's catalogue services and the plugin's ownership service: one
transaction each, so a refused product (another producer's SKU, a stock below what orders reserved) leaves nothing
written."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backend.commerce.channel.models import Channel
from backend.commerce.product import services as product_services
from backend.commerce.product.models import Product, ProductChannelListing, ProductMedia, ProductType
from backend.commerce.warehouse.services import stock_set
from plugins.producers.models import Producer
from plugins.producers.portal.forms import text_as_description
from plugins.producers.services.ownership import producer_product_assign

DEFAULT_PRODUCT_TYPE = ("produit-fermier", "Produit fermier")


def default_channel() -> Channel | None:
    return (Channel.objects.filter(is_active=True, slug="comptoir-de-mormal").first()
            or Channel.objects.filter(is_active=True).order_by("pk").first())


def farm_of(producer: Producer):
    link = producer.warehouse_links.select_related("warehouse").order_by("pk").first()
    if link is None:
        raise ValidationError({"stock": ValidationError(
            "Votre exploitation n'a pas encore d'entrepôt : demandez-le à l'équipe du Comptoir.")})
    return link.warehouse


def _product_type() -> ProductType:
    product_type, _ = ProductType.objects.get_or_create(
        slug=DEFAULT_PRODUCT_TYPE[0], defaults={"name": DEFAULT_PRODUCT_TYPE[1], "has_variants": False})
    return product_type


def portal_product_save(*, producer: Producer, product: Product | None, data: dict) -> Product:
    """Create or update a product with its single variant, its price TTC, stock and publication."""
    product_data = {"name": data["name"], "category": data.get("category"), "tax_class": data.get("tax_class"),
                    "weight": data.get("weight"), "description": text_as_description(data.get("description", ""))}
    channel = default_channel()
    with transaction.atomic():
        if product is None:
            product = product_services.product_create(product_type=_product_type(), data=product_data)
            producer_product_assign(producer=producer, product=product)
        else:
            product = product_services.product_update(product=product, data=product_data)
        variant = product.default_variant or product.variants.order_by("pk").first()
        if variant is None:
            variant = product.variants.model(product=product)
        product_services.variant_save(variant=variant, data={"sku": data.get("sku") or None,
                                                             "weight": data.get("weight")})
        if channel is not None:
            portal_product_publish(product=product, published=bool(data.get("published")), channel=channel)
            product_services.variant_channel_listing_update(variant=variant, prices=[
                {"channel": channel, "price": data["price"]}])
        if data.get("stock") is not None:
            stock_set(variant=variant, warehouse=farm_of(producer), quantity=data["stock"])
        if data.get("photo"):
            ProductMedia.objects.create(product=product, image=data["photo"], alt=product.name,
                                        sort_order=product.media.count())
    return product


def portal_product_publish(*, product: Product, published: bool, channel: Channel | None = None) -> None:
    channel = channel or default_channel()
    if channel is None:
        raise ValidationError("Aucun canal de vente n'est ouvert.")
    now = timezone.now()
    listing = ProductChannelListing.objects.filter(product=product, channel=channel).first()
    update = {"channel": channel, "is_published": published}
    if published and (listing is None or listing.available_for_purchase_at is None):
        update["available_for_purchase_at"] = now
    product_services.product_channel_listing_update(product=product, update=[update], remove_channel_ids=[])
