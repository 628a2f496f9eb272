"""Which home-delivery methods serve an address, at what price TTC (reads only)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q

from backend.commerce.shipping.models import (
    STANDARD_SHIPPING_VAT_RATE,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingMethodType,
)


@dataclass(frozen=True)
class DeliveryOption:
    """One home-delivery option for a checkout, as `deliveryOptionsCalculate` returns it."""

    shipping_method_id: int
    name: str
    price_amount: Decimal  # TTC
    currency: str
    tax_rate: Decimal  # percent
    minimum_delivery_days: int | None = None
    maximum_delivery_days: int | None = None
    delivery_weekdays: tuple[int, ...] = field(default_factory=tuple)
    active: bool = True
    message: str = ""


def shipping_vat_rate(method: ShippingMethod) -> Decimal:
    """VAT rate of a delivery fee: the method's tax class, else the standard 20 % (see the models' docstring)."""
    if method.tax_class_id is not None:
        return method.tax_class.rate
    return STANDARD_SHIPPING_VAT_RATE


def _zone_serves(commune_insee: str, postal_code: str) -> Q:
    served = Q(shipping_zone__communes__insee=commune_insee) if commune_insee else Q(pk__in=[])
    if postal_code:
        served |= Q(shipping_zone__postal_codes__contains=[postal_code])
    return served


def delivery_options_for(*, channel_id: int, commune_insee: str, postal_code: str, weight_kg: Decimal,
                         subtotal_gross: Decimal) -> list[DeliveryOption]:
    """Methods of the channel's zones serving this commune (or postal code), whose weight and amount brackets fit.

    Cheapest first. A method without a price in the channel is not offered.
    """
    methods = (
        ShippingMethod.objects.filter(_zone_serves(commune_insee, postal_code),
                                      shipping_zone__channels__id=channel_id)
        .select_related("tax_class")
        .distinct()
    )
    listings = {
        listing.shipping_method_id: listing
        for listing in ShippingMethodChannelListing.objects.filter(channel_id=channel_id, shipping_method__in=methods)
    }
    options = []
    for method in methods:
        listing = listings.get(method.pk)
        if listing is None or not _fits(method, listing, weight_kg, subtotal_gross):
            continue
        options.append(DeliveryOption(
            shipping_method_id=method.pk, name=method.name, price_amount=listing.price_amount,
            currency=listing.currency, tax_rate=shipping_vat_rate(method),
            minimum_delivery_days=method.minimum_delivery_days, maximum_delivery_days=method.maximum_delivery_days,
            delivery_weekdays=tuple(method.delivery_weekdays or ()),
        ))
    return sorted(options, key=lambda option: (option.price_amount, option.name, option.shipping_method_id))


def _fits(method: ShippingMethod, listing: ShippingMethodChannelListing, weight_kg: Decimal,
          subtotal_gross: Decimal) -> bool:
    if method.type == ShippingMethodType.WEIGHT:
        if weight_kg < method.minimum_order_weight:
            return False
        if method.maximum_order_weight is not None and weight_kg > method.maximum_order_weight:
            return False
    if listing.minimum_order_price_amount is not None and subtotal_gross < listing.minimum_order_price_amount:
        return False
    if listing.maximum_order_price_amount is not None and subtotal_gross > listing.maximum_order_price_amount:
        return False
    return True


def served_communes(*, channel_id: int):
    """The communes home delivery serves in this channel (for addressValidationRules and the storefront's form)."""
    from backend.commerce.territory.models import Commune

    return Commune.objects.filter(shipping_zones__channels__id=channel_id).distinct().order_by("name")


@dataclass(frozen=True)
class ListedMethod:
    """A delivery method of a channel's zone with its price there (the channel's catalogue of delivery methods)."""

    method: ShippingMethod
    listing: ShippingMethodChannelListing


def listed_methods_by_country(channel_ids: list[int]) -> dict[int, dict[str, list[ListedMethod]]]:
    """For each channel: the methods priced in it, grouped by the countries of their zones, cheapest first.

    One query whatever the number of channels and zones (the listings with their methods and zones). A method of a
    zone not attached to the channel is left out, and so is a method without a price in it.
    """
    listings = (
        ShippingMethodChannelListing.objects.filter(channel_id__in=channel_ids,
                                                    shipping_method__shipping_zone__channels=F("channel_id"))
        .select_related("shipping_method__shipping_zone")
        .order_by("price_amount", "shipping_method__name", "shipping_method_id")
    )
    result: dict[int, dict[str, list[ListedMethod]]] = {channel_id: {} for channel_id in channel_ids}
    for listing in listings:
        method = listing.shipping_method
        for country in method.shipping_zone.countries or []:
            per_country = result[listing.channel_id].setdefault(country, [])
            if all(known.method.pk != method.pk for known in per_country):
                per_country.append(ListedMethod(method=method, listing=listing))
    return result
