"""checkoutComplete: turn a cart into an order, once, without ever overselling.

One transaction:
1. lock the cart row (SELECT ... FOR UPDATE). A second call for the same cart waits here; when it gets the lock the
   cart is gone, and it answers the order found by `Order.checkout_token` (unique): a repeated or concurrent call
   gets the same order, never a second one;
2. validate everything (lines, e-mail, delivery, promo code, payment) — a refusal writes nothing;
3. create the order, its lines and events, move the cart's transactions to it, count the promo use, delete the cart;
4. last (so the rows stay locked briefly), lock the stock rows of the cart's variants (ordered by pk) and allocate
   from the warehouses that hold stock; if one line is short, everything rolls back (INSUFFICIENT_STOCK).
Mail and plugin notifications run after the commit.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from backend.commerce.checkout.address import copy_address
from backend.commerce.checkout.delivery import current_delivery_options
from backend.commerce.checkout.error_codes import CheckoutErrorCode
from backend.commerce.checkout.models import Checkout
from backend.commerce.checkout.pricing import Totals, checkout_totals
from backend.commerce.checkout.refusals import raise_if_plugins_refuse
from backend.commerce.checkout.selectors import LineInfo, checkout_lines_info, collection_points_for
from backend.commerce.checkout.services import parse_token
from backend.commerce.checkout.stock import available_by_variant, insufficient_stock_error
from backend.commerce.discount.models import Voucher, VoucherCustomer
from backend.commerce.discount.selectors import voucher_refusal
from backend.commerce.order.events import order_event
from backend.commerce.order.models import (
    PICKUP_CODE_ALPHABET,
    PICKUP_CODE_LENGTH,
    Order,
    OrderChargeStatus,
    OrderEventType,
    OrderLine,
    OrderStatus,
)
from backend.commerce.order.stock import InsufficientStock, allocate_order_lines
from backend.commerce.payment.models import TransactionItem
from backend.commerce.payment.status import amounts_of, authorize_status, charge_status
from backend.core.events import enqueue
from backend.core.plugins import get_plugin_manager


@dataclass(frozen=True)
class CompleteResult:
    order: Order
    created: bool  # False when the cart had already been completed (idempotent answer)


def _error(field, message, code: CheckoutErrorCode, **params) -> ValidationError:
    inner = ValidationError(message, code=code.value, params=params or None)
    return ValidationError({field: inner}) if field else inner


def checkout_complete(*, checkout_token, user=None, customer_note: str = "", redirect_url: str = "",
                      metadata: dict | None = None) -> CompleteResult:
    checkout_token = parse_token(checkout_token)
    with transaction.atomic():
        checkout = (Checkout.objects.select_for_update(of=("self",))
                    .select_related("channel", "assigned_delivery", "voucher", "collection_point__address",
                                    "shipping_address", "billing_address", "user")
                    .filter(pk=checkout_token).first())
        if checkout is None:
            order = Order.objects.filter(checkout_token=str(checkout_token)).first()
            if order is not None:
                return CompleteResult(order=order, created=False)
            raise _error("id", "Ce panier n'existe pas.", CheckoutErrorCode.NOT_FOUND)
        lines_info = checkout_lines_info(checkout)
        _validate_basics(checkout, lines_info)
        totals = _validate_delivery_and_price(checkout, lines_info)
        paid = _validate_payment(checkout, totals)
        order, order_lines = _create_order(checkout, lines_info, totals, customer_note=customer_note,
                                           redirect_url=redirect_url, metadata=metadata)
        _use_voucher(checkout, order)
        TransactionItem.objects.filter(checkout=checkout).update(order=order, checkout=None)
        _set_payment_status(order)
        order_event(order=order, type=OrderEventType.PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT if paid
                    else OrderEventType.PLACED, user=user, email=order.user_email)
        token, collection_point = checkout.pk, checkout.collection_point
        checkout.delete()
        # Last, so the stock rows stay locked only for the allocation and the commit.
        try:
            allocate_order_lines(
                lines=order_lines, channel_id=order.channel_id, checkout_token=token,
                collection_point=collection_point,
                track_inventory={i.line.variant_id: i.variant.track_inventory for i in lines_info},
            )
        except InsufficientStock as short:
            raise insufficient_stock_error(short.variant_ids) from None
        manager = get_plugin_manager()
        manager.notify("order_created", order=order)
        if order.charge_status in (OrderChargeStatus.FULL, OrderChargeStatus.OVERCHARGED):
            manager.notify("order_paid", order=order)
        from backend.commerce.order.tasks import send_order_confirmation

        enqueue(send_order_confirmation, str(order.pk))
    return CompleteResult(order=order, created=True)


def _validate_basics(checkout: Checkout, lines_info: list[LineInfo]) -> None:
    if not checkout.channel.is_active:
        raise _error("channel", "Ce comptoir est fermé pour le moment.", CheckoutErrorCode.CHANNEL_INACTIVE)
    if not lines_info:
        raise _error("lines", "Le panier est vide.", CheckoutErrorCode.NO_LINES)
    if not checkout.email:
        raise _error("email", "Indiquez votre adresse e-mail.", CheckoutErrorCode.EMAIL_NOT_SET)
    for info in lines_info:
        variant_ids = [info.variant.pk]
        if info.unit_price_amount is None:
            raise _error("lines", f"« {info.product.name} » n'est plus vendu ici.",
                         CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL, variants=_gids(variant_ids))
        if not info.is_published:
            raise _error("lines", f"« {info.product.name} » n'est plus publié.",
                         CheckoutErrorCode.PRODUCT_NOT_PUBLISHED, variants=_gids(variant_ids))
        if not info.is_available_for_purchase:
            raise _error("lines", f"« {info.product.name} » n'est pas en vente.",
                         CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE, variants=_gids(variant_ids))
    raise_if_plugins_refuse(checkout, [info.variant for info in lines_info], field="lines")  # e.g. a producer's cut-off
    # Said first, before the pickup point turns unusable for the same reason; allocation re-checks under lock.
    tracked = {i.variant.pk: i.line.quantity for i in lines_info if i.variant.track_inventory}
    available = available_by_variant(channel_id=checkout.channel_id, variant_ids=set(tracked),
                                     checkout_token=checkout.pk)
    short = [variant_id for variant_id, quantity in tracked.items() if available[variant_id] < quantity]
    if short:
        raise insufficient_stock_error(short)


def _gids(variant_ids):
    from backend.core.ids import to_global_id

    return [to_global_id("ProductVariant", pk) for pk in variant_ids]


def _validate_delivery_and_price(checkout: Checkout, lines_info: list[LineInfo]) -> Totals:
    """The chosen delivery must still apply, at the price shown; the promo code must still be valid."""
    if checkout.collection_point_id is not None:
        allowed = {point.pk for point in collection_points_for(checkout, lines_info)}
        if checkout.collection_point_id not in allowed:
            raise _error("delivery_method_id", "Ce point de retrait ne peut plus servir ce panier.",
                         CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE)
    elif checkout.assigned_delivery_id is not None:
        if checkout.shipping_address_id is None:
            raise _error("shipping_address", "Indiquez l'adresse de livraison.",
                         CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET)
        delivery = checkout.assigned_delivery
        fresh = {o.shipping_method_id: o for o in current_delivery_options(checkout, lines_info)}
        option = fresh.get(delivery.shipping_method_id)
        if option is None or not delivery.is_valid:
            raise _error("delivery_method_id", "Ce mode de livraison ne convient plus à ce panier.",
                         CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE)
        if option.price_amount != delivery.price_amount:  # price changed since shown: show the new one first
            raise _error("delivery_method_id", "Le prix de la livraison a changé : choisissez-la à nouveau.",
                         CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE)
    else:
        raise _error("delivery_method_id", "Choisissez un point de retrait ou la livraison à domicile.",
                     CheckoutErrorCode.SHIPPING_METHOD_NOT_SET)
    totals = checkout_totals(checkout, lines_info)
    if checkout.voucher_id is not None:
        reason = voucher_refusal(checkout.voucher, channel_id=checkout.channel_id,
                                 subtotal_gross=totals.undiscounted_subtotal.gross.amount,
                                 customer_email=checkout.email,
                                 is_staff=bool(checkout.user_id and checkout.user.is_staff))
        if reason:
            raise _error("promo_code", reason, CheckoutErrorCode.VOUCHER_NOT_APPLICABLE)
    return totals


def _validate_payment(checkout: Checkout, totals: Totals) -> bool:
    """Paid (authorized or charged in full) carts go through; unpaid ones when the channel allows unpaid orders:
    paid at the pickup point ("paiement au retrait") or to the courier at the door ("paiement à la livraison"),
    and marked paid at handover (orderMarkAsPaid)."""
    amounts = amounts_of(TransactionItem.objects.filter(checkout=checkout))
    covered = authorize_status(total=totals.total.gross.amount, authorized=amounts.authorized,
                               charged=amounts.charged) == "FULL"
    if covered:
        return True
    if checkout.channel.allow_unpaid_orders:
        return False
    raise _error("id", "Le paiement ne couvre pas le total de la commande.",
                 CheckoutErrorCode.CHECKOUT_NOT_FULLY_PAID)


def _create_order(checkout: Checkout, lines_info, totals: Totals, *, customer_note, redirect_url,
                  metadata) -> tuple[Order, list[OrderLine]]:
    channel = checkout.channel
    delivery = checkout.assigned_delivery if checkout.collection_point_id is None else None
    point = checkout.collection_point
    order = Order.objects.create(
        status=OrderStatus.UNFULFILLED if channel.automatically_confirm_all_new_orders else OrderStatus.UNCONFIRMED,
        channel=channel, user=checkout.user, user_email=checkout.email, language_code=checkout.language_code,
        checkout_token=str(checkout.pk), currency=checkout.currency,
        billing_address=copy_address(checkout.billing_address),
        shipping_address=copy_address(checkout.shipping_address),
        shipping_method_id=delivery.shipping_method_id if delivery else None,
        shipping_method_name=delivery.name if delivery else "",
        collection_point=point, collection_point_name=point.name if point else "",
        customer_note=customer_note or checkout.customer_note,
        subtotal_net_amount=totals.subtotal.net.amount, subtotal_gross_amount=totals.subtotal.gross.amount,
        undiscounted_subtotal_gross_amount=totals.undiscounted_subtotal.gross.amount,
        base_shipping_price_amount=totals.undiscounted_shipping.gross.amount,
        shipping_price_net_amount=totals.shipping.net.amount, shipping_price_gross_amount=totals.shipping.gross.amount,
        shipping_tax_rate=totals.shipping_tax_rate if delivery else 0,
        total_net_amount=totals.total.net.amount, total_gross_amount=totals.total.gross.amount,
        undiscounted_total_net_amount=totals.undiscounted_total.net.amount,
        undiscounted_total_gross_amount=totals.undiscounted_total.gross.amount,
        vat_breakdown=[line.as_json() for line in totals.vat_breakdown],
        voucher=checkout.voucher, voucher_code=checkout.voucher_code,
        discount_amount=totals.discount.total, discount_name=checkout.voucher.name if checkout.voucher else "",
        weight_kg=totals.weight_kg, redirect_url=redirect_url or "",
        metadata={**(checkout.metadata or {}), **(metadata or {})}, private_metadata=dict(checkout.private_metadata),
    )
    prices = {price.line_id: price for price in totals.lines}
    order_lines = OrderLine.objects.bulk_create([_order_line(order, info, prices[info.line.pk])
                                                 for info in lines_info])
    if point is not None:
        _assign_pickup_code(order)
    return order, order_lines


def _order_line(order: Order, info: LineInfo, price) -> OrderLine:
    variant = info.variant
    return OrderLine(
        order=order, variant=variant, product_name=info.product.name, variant_name=variant.name or "",
        product_sku=variant.sku, product_variant_id=str(variant.pk),
        is_shipping_required=info.product.product_type.is_shipping_required, quantity=info.line.quantity,
        currency=order.currency, unit_price_net_amount=price.unit.net.amount,
        unit_price_gross_amount=price.unit.gross.amount,
        undiscounted_unit_price_gross_amount=price.undiscounted_unit.gross.amount,
        total_price_net_amount=price.total.net.amount, total_price_gross_amount=price.total.gross.amount,
        undiscounted_total_price_gross_amount=price.undiscounted_total.gross.amount,
        tax_rate=info.tax_rate, tax_class_name=info.tax_class_name,
    )


def _assign_pickup_code(order: Order, attempts: int = 8) -> None:
    """A short code unique among open orders; a clash (1 in a billion per pair) just draws again."""
    for _ in range(attempts):
        code = "".join(secrets.choice(PICKUP_CODE_ALPHABET) for _ in range(PICKUP_CODE_LENGTH))
        try:
            with transaction.atomic():
                Order.objects.filter(pk=order.pk).update(pickup_code=code)
        except IntegrityError:
            continue
        order.pickup_code = code
        return
    raise RuntimeError("could not draw a free pickup code")


def _use_voucher(checkout: Checkout, order: Order) -> None:
    """Count the use atomically: two last uses racing for the same code cannot both pass."""
    voucher = checkout.voucher
    if voucher is None:
        return
    counted = Voucher.objects.filter(pk=voucher.pk).filter(
        Q(usage_limit__isnull=True) | Q(used__lt=F("usage_limit"))).update(used=F("used") + 1)
    if not counted:
        raise _error("promo_code", "Ce code promo a déjà été utilisé autant de fois que prévu.",
                     CheckoutErrorCode.VOUCHER_NOT_APPLICABLE)
    if voucher.apply_once_per_customer:
        try:
            with transaction.atomic():
                VoucherCustomer.objects.create(voucher=voucher, customer_email=order.user_email)
        except IntegrityError:
            raise _error("promo_code", "Vous avez déjà utilisé ce code promo.",
                         CheckoutErrorCode.VOUCHER_NOT_APPLICABLE) from None


def _set_payment_status(order: Order) -> None:
    amounts = amounts_of(TransactionItem.objects.filter(order=order))
    order.total_authorized_amount, order.total_charged_amount = amounts.authorized, amounts.charged
    order.charge_status = charge_status(total=order.total_gross_amount, charged=amounts.charged)
    order.authorize_status = authorize_status(total=order.total_gross_amount, authorized=amounts.authorized,
                                              charged=amounts.charged)
    order.save(update_fields=["total_authorized_amount", "total_charged_amount", "charge_status",
                              "authorize_status"])
