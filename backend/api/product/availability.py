"""How many units of a variant one checkout may take: stock minus allocations over every warehouse, capped by the
variant's limit per customer or the platform's limit per checkout line (Saleor's MAX_CHECKOUT_LINE_QUANTITY)."""

from django.conf import settings

from backend.api.core.dataloaders import gather, then
from backend.api.warehouse.dataloaders import AvailableQuantityByVariantIdLoader


def max_line_quantity(variant) -> int:
    limit = settings.MAX_CHECKOUT_LINE_QUANTITY  # a real setting: a missing one cost an exception per variant
    if variant.quantity_limit_per_customer:
        return min(limit, variant.quantity_limit_per_customer)
    return limit


def load_quantity_available(info, variant, channel):
    """Units of `variant` one checkout may take in `channel` (None: over every warehouse)."""
    cap = max_line_quantity(variant)
    if not variant.track_inventory:
        return cap
    key = (variant.pk, channel.id if channel is not None else None)
    return then(AvailableQuantityByVariantIdLoader(info.context).load(key),
                lambda available: max(0, min(available, cap)))


def load_quantities_available(info, variants, channel):
    return gather([load_quantity_available(info, variant, channel) for variant in variants])
