"""Saleor's authorize and charge statuses of a checkout or an order, from the amounts of its transactions.

- charge: NONE (nothing charged), PARTIAL (less than the total), FULL (exactly the total), OVERCHARGED (more);
- authorize: NONE, PARTIAL or FULL, counting what is authorized *or already charged* against the total.
An amount due of zero (empty cart, 100 % voucher) is FULL as soon as there is something to pay for.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PaymentAmounts:
    authorized: Decimal
    charged: Decimal


def charge_status(*, total: Decimal, charged: Decimal, has_lines: bool = True) -> str:
    if charged <= 0:
        return "FULL" if total <= 0 and has_lines else "NONE"
    if charged < total:
        return "PARTIAL"
    if charged == total:
        return "FULL"
    return "OVERCHARGED"


def authorize_status(*, total: Decimal, authorized: Decimal, charged: Decimal, has_lines: bool = True) -> str:
    covered = authorized + charged
    if covered <= 0:
        return "FULL" if total <= 0 and has_lines else "NONE"
    return "FULL" if covered >= total else "PARTIAL"


def amounts_of(transactions) -> PaymentAmounts:
    """Sum of authorized and charged values over a queryset of TransactionItem (one query)."""
    sums = transactions.aggregate(authorized=Sum("authorized_value"), charged=Sum("charged_value"))
    return PaymentAmounts(authorized=sums["authorized"] or ZERO, charged=sums["charged"] or ZERO)
