"""Vouchers: finding one by its code, checking it applies, and what it takes off (reads only)."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models.functions import Upper
from django.utils import timezone

from backend.commerce.discount.models import DiscountValueType, Voucher, VoucherCustomer, VoucherType
from backend.core.money import format_eur, quantize


@dataclass(frozen=True)
class VoucherDiscount:
    order_amount: Decimal  # TTC taken off the goods
    shipping_amount: Decimal  # TTC taken off the delivery fee

    @property
    def total(self) -> Decimal:
        return self.order_amount + self.shipping_amount


NO_DISCOUNT = VoucherDiscount(Decimal("0.00"), Decimal("0.00"))


def voucher_by_code(code: str) -> Voucher | None:
    code = (code or "").strip()
    if not code:
        return None
    return Voucher.objects.annotate(code_upper=Upper("code")).filter(code_upper=code.upper()).first()


def _amount_off(voucher: Voucher, base: Decimal) -> Decimal:
    if voucher.discount_value_type == DiscountValueType.PERCENTAGE:
        off = quantize(base * voucher.discount_value / Decimal(100))
    else:
        off = quantize(voucher.discount_value)
    return min(off, base)


def voucher_discount(voucher: Voucher | None, *, subtotal_gross: Decimal, shipping_gross: Decimal) -> VoucherDiscount:
    """What the voucher takes off: never more than the amount it applies to."""
    if voucher is None:
        return NO_DISCOUNT
    if voucher.type == VoucherType.SHIPPING:
        return VoucherDiscount(Decimal("0.00"), _amount_off(voucher, shipping_gross))
    return VoucherDiscount(_amount_off(voucher, subtotal_gross), Decimal("0.00"))


def voucher_refusal(voucher: Voucher, *, channel_id: int, subtotal_gross: Decimal, customer_email: str,
                    is_staff: bool = False, now=None) -> str | None:
    """Why the voucher does not apply, in French, or None when it does. Reads only (usage rows, channels)."""
    now = now or timezone.now()
    if not voucher.is_active or voucher.start_date > now or (voucher.end_date and voucher.end_date <= now):
        return "Ce code promo n'est pas valable en ce moment."
    if voucher.only_for_staff and not is_staff:
        return "Ce code promo est réservé à l'équipe."
    channel_ids = list(voucher.channels.values_list("pk", flat=True))
    if channel_ids and channel_id not in channel_ids:
        return "Ce code promo n'est pas valable sur ce comptoir."
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        return "Ce code promo a déjà été utilisé autant de fois que prévu."
    if voucher.min_spent_amount is not None and subtotal_gross < voucher.min_spent_amount:
        return f"Ce code promo demande un panier d'au moins {format_eur(voucher.min_spent_amount)}."
    if voucher.apply_once_per_customer:
        if not customer_email:
            return "Indiquez votre e-mail : ce code promo ne sert qu'une fois par client."
        if VoucherCustomer.objects.filter(voucher=voucher, customer_email__iexact=customer_email).exists():
            return "Vous avez déjà utilisé ce code promo."
    return None


def raise_if_refused(voucher: Voucher, code: str, **kwargs) -> None:
    """`voucher_refusal` as a ValidationError carrying `code` (the caller's domain error code)."""
    reason = voucher_refusal(voucher, **kwargs)
    if reason:
        raise ValidationError({"promo_code": ValidationError(reason, code=code)})
