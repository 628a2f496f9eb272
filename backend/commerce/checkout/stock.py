"""Stock seen from a cart: what is still available, and the reservations that hold it while the cart is open.

Available = quantity - quantity allocated to orders - units reserved by *other* open carts (unexpired).

Which warehouses serve a channel: Saleor links them (Channel.warehouses); our Channel model has no such link and the
marketplace runs a single channel, so every warehouse's stock counts. `channel_stocks` is the one place to change
when channels get their own warehouses.
"""

from collections import defaultdict
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from backend.commerce.checkout.error_codes import CheckoutErrorCode
from backend.commerce.checkout.models import Checkout, CheckoutLine, Reservation
from backend.commerce.warehouse.models import Stock
from backend.core.ids import to_global_id


def channel_stocks(channel_id: int, variant_ids) -> QuerySet[Stock]:
    return Stock.objects.filter(product_variant_id__in=list(variant_ids))


def reserved_by_others(stock_ids, *, checkout_token=None) -> dict[int, int]:
    """Units of each stock held by unexpired reservations of carts other than `checkout_token`."""
    rows = Reservation.objects.filter(stock_id__in=list(stock_ids), reserved_until__gt=timezone.now())
    if checkout_token is not None:
        rows = rows.exclude(checkout_line__checkout_id=checkout_token)
    return dict(rows.values_list("stock_id").annotate(total=Sum("quantity_reserved")).values_list("stock_id", "total"))


def stock_available(stock: Stock, reserved: dict[int, int]) -> int:
    return max(stock.quantity - stock.quantity_allocated - reserved.get(stock.pk, 0), 0)


def available_by_variant(*, channel_id: int, variant_ids, checkout_token=None) -> dict[int, int]:
    """Units a given cart may still buy, per variant, across the channel's warehouses (2 queries)."""
    stocks = list(channel_stocks(channel_id, variant_ids))
    reserved = reserved_by_others([s.pk for s in stocks], checkout_token=checkout_token)
    totals: dict[int, int] = defaultdict(int)
    for stock in stocks:
        totals[stock.product_variant_id] += stock_available(stock, reserved)
    return {variant_id: totals.get(variant_id, 0) for variant_id in variant_ids}


def available_by_warehouse(*, channel_id: int, variant_ids, checkout_token=None) -> dict[tuple, int]:
    """{(warehouse_id, variant_id): available} — for pickup points that serve only from their own stock."""
    stocks = list(channel_stocks(channel_id, variant_ids))
    reserved = reserved_by_others([s.pk for s in stocks], checkout_token=checkout_token)
    return {(s.warehouse_id, s.product_variant_id): stock_available(s, reserved) for s in stocks}


def reservation_minutes(checkout: Checkout) -> int | None:
    """The channel's reservation length for this cart (Saleor's per-channel checkout settings); None: no holding."""
    channel = checkout.channel
    minutes = (channel.reservation_minutes_authenticated if checkout.user_id
               else channel.reservation_minutes_anonymous)
    return minutes or None


def reserve_lines(*, checkout: Checkout, lines: list[CheckoutLine], variants_by_id: dict,
                  created_now=frozenset()) -> None:
    """Check stock for `lines` and, when the channel holds stock for open carts, (re)reserve it until the expiry.

    When reserving, runs with the stocks locked, so two carts never reserve the same last unit.
    Raises INSUFFICIENT_STOCK (with the variants) and then nothing was written.
    `created_now`: ids of lines inserted by this same call, which hold no reservation yet (nothing to replace).
    """
    tracked = [line for line in lines if variants_by_id[line.variant_id].track_inventory]
    if not tracked:
        return
    variant_ids = {line.variant_id for line in tracked}
    minutes = reservation_minutes(checkout)
    stocks_qs = channel_stocks(checkout.channel_id, variant_ids).order_by("pk")
    # Without reservations the check is advisory (checkout_complete re-checks under lock), so carts filling up
    # at the same time do not queue on the same stock rows; holding stock needs the lock.
    stocks = list(stocks_qs.select_for_update() if minutes is not None else stocks_qs)
    reserved = reserved_by_others([s.pk for s in stocks], checkout_token=checkout.pk)
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in stocks:
        by_variant[stock.product_variant_id].append(stock)
    short = [line.variant_id for line in tracked
             if sum(stock_available(s, reserved) for s in by_variant[line.variant_id]) < line.quantity]
    if short:
        raise insufficient_stock_error(short)
    if minutes is None:
        return
    replaced = [line.pk for line in tracked if line.pk not in created_now]
    if replaced:
        Reservation.objects.filter(checkout_line__in=replaced).delete()
    until = timezone.now() + timedelta(minutes=minutes)
    rows = []
    for line in tracked:
        needed = line.quantity
        # Take from the fullest stock first: fewer producers to split a line across.
        for stock in sorted(by_variant[line.variant_id], key=lambda s: (-stock_available(s, reserved), s.pk)):
            take = min(needed, stock_available(stock, reserved))
            if take <= 0:
                continue
            rows.append(Reservation(checkout_line=line, stock=stock, quantity_reserved=take, reserved_until=until))
            needed -= take
            if needed == 0:
                break
    Reservation.objects.bulk_create(rows)


def insufficient_stock_error(variant_ids) -> ValidationError:
    ids = [to_global_id("ProductVariant", pk) for pk in sorted(set(variant_ids))]
    return ValidationError({"quantity": ValidationError(
        "Stock insuffisant pour cet article : réduisez la quantité.",
        code=CheckoutErrorCode.INSUFFICIENT_STOCK.value, params={"variants": ids},
    )})


def checkout_reservation_expires(checkout: Checkout):
    """Saleor's `Checkout.stockReservationExpires`: the earliest unexpired reservation of the cart, or None."""
    return (Reservation.objects.filter(checkout_line__checkout=checkout, reserved_until__gt=timezone.now())
            .order_by("reserved_until").values_list("reserved_until", flat=True).first())


def purge_expired_reservations(*, now=None) -> int:
    """Delete reservations past their expiry (they are already ignored); returns how many went."""
    deleted, _ = Reservation.objects.filter(Q(reserved_until__lte=now or timezone.now())).delete()
    return deleted
