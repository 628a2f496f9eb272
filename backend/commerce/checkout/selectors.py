"""Reads of a cart: its lines with their listings and VAT rates, availability, pickup points, problems."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import FilteredRelation, Q
from django.utils import timezone

from backend.commerce.checkout.models import Checkout, CheckoutLine
from backend.commerce.checkout.refusals import refused_variants
from backend.commerce.checkout.stock import available_by_variant, available_by_warehouse
from backend.commerce.product.models import ProductChannelListing, ProductVariant, ProductVariantChannelListing
from backend.commerce.product.pricing import DEFAULT_VAT_RATE
from backend.commerce.warehouse.models import Warehouse, WarehouseClickAndCollectOption


@dataclass
class LineInfo:
    line: CheckoutLine
    variant: ProductVariant
    variant_listing: ProductVariantChannelListing | None
    product_listing: ProductChannelListing | None
    tax_rate: Decimal
    tax_class_name: str

    @property
    def product(self):
        return self.variant.product

    @property
    def unit_price_amount(self) -> Decimal | None:
        """TTC price of one unit in the channel (the listing's discounted price when promotions set one)."""
        listing = self.variant_listing
        if listing is None or listing.price_amount is None:
            return None
        if listing.discounted_price_amount is not None:
            return listing.discounted_price_amount
        return listing.price_amount

    @property
    def undiscounted_unit_price_amount(self) -> Decimal | None:
        return self.variant_listing.price_amount if self.variant_listing else None

    @property
    def is_published(self) -> bool:
        listing = self.product_listing
        if listing is None or not listing.is_published:
            return False
        return listing.published_at is None or listing.published_at <= timezone.now()

    @property
    def is_available_for_purchase(self) -> bool:
        at = self.product_listing.available_for_purchase_at if self.product_listing else None
        return at is not None and at <= timezone.now()

    @property
    def weight_kg(self) -> Decimal:
        weight = self.variant.weight or self.product.weight or self.product.product_type.weight or Decimal(0)
        return weight * self.line.quantity


def _tax(product, product_type) -> tuple[Decimal, str]:
    tax_class = product.tax_class or product_type.tax_class
    if tax_class is None:
        return DEFAULT_VAT_RATE, ""
    return tax_class.rate, tax_class.name


def variants_with_listings(*, channel_id: int, variant_ids) -> dict[int, tuple]:
    """{variant_id: (variant, variant listing or None, product listing or None)} in one query: the variants with
    their product, type and tax classes, and the channel's two listings joined on (each is unique per channel).
    One query instead of three: every cart write and read goes through here, and each query costs more Python
    (building it, reading its rows) than PostgreSQL time."""
    rows = ProductVariant.objects.filter(pk__in=list(variant_ids)).order_by().annotate(
        listing_in_channel=FilteredRelation(
            "channel_listings", condition=Q(channel_listings__channel_id=channel_id)),
        product_listing_in_channel=FilteredRelation(
            "product__channel_listings", condition=Q(product__channel_listings__channel_id=channel_id)),
    ).select_related("product__product_type__tax_class", "product__tax_class", "listing_in_channel",
                     "product_listing_in_channel")
    # select_related sets each joined listing only when the LEFT JOIN found one: absent means not in the channel.
    return {v.pk: (v, getattr(v, "listing_in_channel", None), getattr(v, "product_listing_in_channel", None))
            for v in rows}


def checkout_lines_info(checkout: Checkout, lines: list[CheckoutLine] | None = None,
                        found: dict | None = None) -> list[LineInfo]:
    """The cart's lines with everything needed to price them (4 queries whatever the number of lines; none when
    the caller already holds the lines and their `variants_with_listings`)."""
    if lines is None:
        lines = list(checkout.lines.all())
    variant_ids = {line.variant_id for line in lines}
    if found is None or not variant_ids <= set(found):
        found = variants_with_listings(channel_id=checkout.channel_id, variant_ids=variant_ids)
    infos = []
    for line in lines:
        variant, variant_listing, product_listing = found[line.variant_id]
        rate, tax_class_name = _tax(variant.product, variant.product.product_type)
        infos.append(LineInfo(line=line, variant=variant, variant_listing=variant_listing,
                              product_listing=product_listing, tax_rate=rate, tax_class_name=tax_class_name))
    return infos


def collection_points_for(checkout: Checkout, lines_info: list[LineInfo]) -> list[Warehouse]:
    """Pickup points the cart may choose, as Saleor rules them (`applicable_for_click_and_collect`):

    - ALL: offered when the channel's warehouses together hold every line (goods travel to the point);
    - LOCAL: offered only when that warehouse itself holds every line.
    An empty cart has nothing to collect.
    """
    if not lines_info:
        return []
    needed = {}
    for info in lines_info:
        if info.variant.track_inventory:
            needed[info.line.variant_id] = needed.get(info.line.variant_id, 0) + info.line.quantity
    points = list(Warehouse.objects.exclude(click_and_collect_option=WarehouseClickAndCollectOption.DISABLED)
                  .select_related("address").order_by("name", "pk"))
    if not points or not needed:
        return points
    local = available_by_warehouse(channel_id=checkout.channel_id, variant_ids=set(needed),
                                   checkout_token=checkout.pk)
    total: dict[int, int] = {}
    for (_, variant_id), quantity in local.items():
        total[variant_id] = total.get(variant_id, 0) + quantity
    everything_available = all(total.get(v, 0) >= q for v, q in needed.items())
    chosen = []
    for point in points:
        if point.click_and_collect_option == WarehouseClickAndCollectOption.ALL_WAREHOUSES:
            if everything_available:
                chosen.append(point)
        elif all(local.get((point.pk, v), 0) >= q for v, q in needed.items()):
            chosen.append(point)
    return chosen


@dataclass(frozen=True)
class CheckoutProblem:
    """One of Saleor's CheckoutProblem union members: kind is the GraphQL type name."""

    kind: str  # CheckoutLineProblemInsufficientStock | CheckoutLineProblemVariantNotAvailable |
    #            CheckoutProblemDeliveryMethodStale | CheckoutProblemDeliveryMethodInvalid
    line_id: object = None
    available_quantity: int | None = None
    delivery_id: object = None


def checkout_problems(checkout: Checkout, lines_info: list[LineInfo]) -> list[CheckoutProblem]:
    problems = []
    refused = refused_variants(checkout, [info.variant for info in lines_info])  # e.g. a producer's cut-off
    available = available_by_variant(channel_id=checkout.channel_id,
                                     variant_ids={i.line.variant_id for i in lines_info}, checkout_token=checkout.pk)
    for info in lines_info:
        if (info.unit_price_amount is None or not info.is_published or not info.is_available_for_purchase
                or info.variant.pk in refused):
            problems.append(CheckoutProblem("CheckoutLineProblemVariantNotAvailable", line_id=info.line.pk))
        elif info.variant.track_inventory and available[info.line.variant_id] < info.line.quantity:
            problems.append(CheckoutProblem("CheckoutLineProblemInsufficientStock", line_id=info.line.pk,
                                            available_quantity=available[info.line.variant_id]))
    delivery = checkout.assigned_delivery
    if delivery is not None:
        if not delivery.is_valid:
            problems.append(CheckoutProblem("CheckoutProblemDeliveryMethodInvalid", delivery_id=delivery.pk))
        elif checkout.delivery_methods_stale_at is None or checkout.delivery_methods_stale_at <= timezone.now():
            problems.append(CheckoutProblem("CheckoutProblemDeliveryMethodStale", delivery_id=delivery.pk))
    return problems


def checkout_by_token(token) -> Checkout | None:
    """The cart behind a UUID, or None (a malformed token is just not found)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return Checkout.objects.select_related("channel").filter(pk=token).first()
