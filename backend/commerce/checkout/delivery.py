"""Addresses and delivery of a cart: home delivery in a served commune, or a pickup point (click and collect)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backend.commerce.checkout.address import (
    BILLING,
    SHIPPING,
    ValidationRules,
    build_address,
    clean_address_data,
    commune_of,
    copy_address,
)
from backend.commerce.checkout.error_codes import CheckoutErrorCode
from backend.commerce.checkout.models import Checkout, CheckoutDelivery
from backend.commerce.checkout.pricing import checkout_totals
from backend.commerce.checkout.selectors import checkout_lines_info, collection_points_for
from backend.commerce.checkout.services import _touch, delivery_options_ttl, lock_checkout
from backend.commerce.shipping.models import ShippingZone
from backend.commerce.shipping.selectors import DeliveryOption, delivery_options_for
from backend.core.plugins import get_plugin_manager


def _error(field, message, code=CheckoutErrorCode.INVALID, **params) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value, params=params or None)})


def is_commune_served(*, channel_id: int, commune_insee: str, postal_code: str) -> bool:
    zones = ShippingZone.objects.filter(channels__id=channel_id)
    return (zones.filter(communes__insee=commune_insee).exists() if commune_insee else False) or \
        zones.filter(postal_codes__contains=[postal_code]).exists()


def checkout_shipping_address_update(*, checkout_token, address: dict,
                                     rules: ValidationRules | None = None) -> Checkout:
    """Home-delivery address: French format, and a commune one of the channel's zones serves."""
    cleaned = clean_address_data(address, address_type=SHIPPING, rules=rules)
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        commune = commune_of(city=cleaned["city"], postal_code=cleaned["postal_code"])
        if (rules is None or rules.check_fields_format) and not is_commune_served(
                channel_id=checkout.channel_id, commune_insee=commune.insee if commune else "",
                postal_code=cleaned["postal_code"]):
            where = commune.name if commune else f"{cleaned['postal_code']} {cleaned['city']}".strip()
            raise _error("postal_code", f"Nous ne livrons pas encore à {where} : choisissez un point de retrait.",
                         address_type=SHIPPING)
        new_address = build_address(cleaned, commune=commune)
        new_address.save()
        checkout.shipping_address = new_address
        fields = ["shipping_address", "delivery_methods_stale_at"]
        checkout.delivery_methods_stale_at = timezone.now()
        if checkout.collection_point_id:  # a home address means home delivery: the pickup choice goes
            checkout.collection_point = None
            fields.append("collection_point")
        _touch(checkout, *fields)
    return checkout


def checkout_billing_address_update(*, checkout_token, address: dict,
                                    rules: ValidationRules | None = None) -> Checkout:
    cleaned = clean_address_data(address, address_type=BILLING, rules=rules)
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        commune = commune_of(city=cleaned["city"], postal_code=cleaned["postal_code"])
        new_address = build_address(cleaned, commune=commune)
        new_address.save()
        checkout.billing_address = new_address
        _touch(checkout, "billing_address")
    return checkout


def current_delivery_options(checkout: Checkout, lines_info=None) -> list[DeliveryOption]:
    """Home-delivery options for the cart's address right now (plugins may filter them). No address: none."""
    address = checkout.shipping_address
    if address is None:
        return []
    lines_info = lines_info if lines_info is not None else checkout_lines_info(checkout)
    if not lines_info:
        return []
    totals = checkout_totals(checkout, lines_info)
    options = delivery_options_for(channel_id=checkout.channel_id, commune_insee=address.commune_insee,
                                   postal_code=address.postal_code, weight_kg=totals.weight_kg,
                                   subtotal_gross=totals.undiscounted_subtotal.gross.amount)
    return list(get_plugin_manager().filter("delivery_options", options, checkout=checkout))


def checkout_delivery_options_calculate(*, checkout_token) -> list[CheckoutDelivery]:
    """Saleor 3.23's deliveryOptionsCalculate: snapshot the options (name, price, delays) and keep them fresh
    for a while; the assigned one turns invalid when it is no longer offered."""
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        options = current_delivery_options(checkout)
        offered = {option.shipping_method_id: option for option in options}
        existing = {d.shipping_method_id: d for d in checkout.deliveries.all()}
        kept = []
        for method_id, option in offered.items():
            delivery = existing.pop(method_id, None) or CheckoutDelivery(checkout=checkout,
                                                                         shipping_method_id=method_id)
            delivery.name, delivery.price_amount, delivery.currency = option.name, option.price_amount, option.currency
            delivery.tax_rate, delivery.active, delivery.message = option.tax_rate, option.active, option.message
            delivery.minimum_delivery_days = option.minimum_delivery_days
            delivery.maximum_delivery_days = option.maximum_delivery_days
            delivery.is_valid = True
            delivery.save()
            kept.append(delivery)
        for delivery in existing.values():
            if delivery.pk == checkout.assigned_delivery_id:
                delivery.is_valid = False  # kept so that the cart can show the problem
                delivery.save(update_fields=["is_valid"])
            else:
                delivery.delete()
        checkout.delivery_methods_stale_at = timezone.now() + delivery_options_ttl()
        _touch(checkout, "delivery_methods_stale_at")
    return kept


def checkout_delivery_method_update(*, checkout_token, collection_point_id=None, delivery_id=None,
                                    shipping_method_id=None) -> Checkout:
    """Choose a pickup point (a Warehouse), or a home-delivery option (a Delivery, or — deprecated — a
    ShippingMethod id), or nothing at all when every argument is None."""
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        if collection_point_id is not None:
            _choose_collection_point(checkout, collection_point_id)
        elif delivery_id is not None or shipping_method_id is not None:
            _choose_home_delivery(checkout, delivery_id=delivery_id, shipping_method_id=shipping_method_id)
        else:
            checkout.collection_point, checkout.assigned_delivery = None, None
        _touch(checkout, "collection_point", "assigned_delivery", "shipping_address")
    return checkout


def _choose_collection_point(checkout: Checkout, warehouse_id) -> None:
    lines_info = checkout_lines_info(checkout)
    # The lines do not change here: a caller pricing the cart next reuses them (see CheckoutInfo in the API).
    checkout.lines_info_after_write = lines_info
    points = {str(point.pk): point for point in collection_points_for(checkout, lines_info)}
    point = points.get(str(warehouse_id))
    if point is None:
        raise _error("delivery_method_id", "Ce point de retrait ne peut pas servir ce panier.",
                     CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE)
    checkout.collection_point, checkout.assigned_delivery = point, None
    # As Saleor: the pickup point's address becomes the cart's shipping address.
    checkout.shipping_address = copy_address(point.address)


def _choose_home_delivery(checkout: Checkout, *, delivery_id, shipping_method_id) -> None:
    if checkout.shipping_address_id is None or checkout.collection_point_id:
        raise _error("delivery_method_id", "Indiquez d'abord l'adresse de livraison.",
                     CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET)
    if delivery_id is not None:
        delivery = CheckoutDelivery.objects.filter(checkout=checkout, pk=delivery_id).first()
        if delivery is None:
            raise _error("delivery_method_id", "Cette option de livraison n'existe pas pour ce panier.",
                         CheckoutErrorCode.NOT_FOUND)
        if not delivery.is_valid or not delivery.active:
            raise _error("delivery_method_id", "Cette option de livraison ne convient plus à ce panier.",
                         CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE)
    else:
        option = next((o for o in current_delivery_options(checkout) if str(o.shipping_method_id) ==
                       str(shipping_method_id)), None)
        if option is None:
            raise _error("delivery_method_id", "Ce mode de livraison ne dessert pas cette adresse.",
                         CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE)
        delivery, _ = CheckoutDelivery.objects.update_or_create(
            checkout=checkout, shipping_method_id=option.shipping_method_id,
            defaults={"name": option.name, "price_amount": option.price_amount, "currency": option.currency,
                      "tax_rate": option.tax_rate, "minimum_delivery_days": option.minimum_delivery_days,
                      "maximum_delivery_days": option.maximum_delivery_days, "is_valid": True})
        checkout.delivery_methods_stale_at = timezone.now() + delivery_options_ttl()
        checkout.save(update_fields=["delivery_methods_stale_at"])
    checkout.assigned_delivery, checkout.collection_point = delivery, None
