"""Goods a cart may not take now, as the plugins rule it (hook `checkout_line_refusals`).

The core knows neither producers nor distribution days: logistics answers that a producer's orders for the cart's
day closed at its cut-off. The core refuses those lines with Saleor's PRODUCT_UNAVAILABLE_FOR_PURCHASE and the
plugin's French message (one error per refused variant), before anything is written.
"""

from django.core.exceptions import ValidationError

from backend.commerce.checkout.error_codes import CheckoutErrorCode
from backend.core.ids import to_global_id
from backend.core.plugins import get_plugin_manager


def refused_variants(checkout, variants) -> dict[int, str]:
    """{variant pk: message} for the variants the plugins refuse in this cart now; asks nothing for no variant."""
    variants = list(variants)
    if not variants:
        return {}
    refused = get_plugin_manager().filter("checkout_line_refusals", {}, checkout=checkout, variants=variants)
    return dict(refused) if isinstance(refused, dict) else {}


def raise_if_plugins_refuse(checkout, variants, *, field: str) -> None:
    refused = refused_variants(checkout, variants)
    if refused:
        raise ValidationError({field: [
            ValidationError(message, code=CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE.value,
                            params={"variants": [to_global_id("ProductVariant", variant_id)]})
            for variant_id, message in refused.items()]})
