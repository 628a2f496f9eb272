"""Writes on a cart: create, lines, e-mail, customer, promo code. Addresses and delivery are in delivery.py,
completion in complete.py.

Every service locks the cart row first (then stocks, always in that order: no deadlock with checkout_complete),
validates everything, and only then writes: a refused call changes nothing.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from backend.commerce.channel.models import Channel
from backend.commerce.checkout.error_codes import CheckoutErrorCode
from backend.commerce.checkout.models import Checkout, CheckoutLine
from backend.commerce.checkout.pricing import checkout_totals
from backend.commerce.checkout.refusals import raise_if_plugins_refuse
from backend.commerce.checkout.selectors import checkout_lines_info, variants_with_listings
from backend.commerce.checkout.stock import reserve_lines
from backend.commerce.discount.selectors import raise_if_refused, voucher_by_code, voucher_refusal
from backend.core.ids import to_global_id
from backend.core.plugins import get_plugin_manager


@dataclass(frozen=True)
class LineInput:
    variant_id: int
    quantity: int


@dataclass(frozen=True)
class LineUpdateInput:
    line_id: object
    quantity: int


def _error(field: str | None, message: str, code: CheckoutErrorCode, **params) -> ValidationError:
    inner = ValidationError(message, code=code.value, params=params or None)
    return ValidationError({field: inner}) if field else inner


def _max_line_quantity() -> int:
    return settings.MAX_CHECKOUT_LINE_QUANTITY


def parse_token(token) -> uuid.UUID:
    """A cart token as a UUID; anything else is a cart that does not exist (NOT_FOUND), never a crash."""
    try:
        return uuid.UUID(str(token))
    except ValueError:
        raise _error("id", "Ce panier n'existe pas.", CheckoutErrorCode.NOT_FOUND) from None


def lock_checkout(token) -> Checkout:
    """The cart row, locked for this transaction; NOT_FOUND once it was completed or deleted."""
    token = parse_token(token)
    try:  # get(), not first(): no ORDER BY (the model's ordering) to build for a primary-key lookup
        return Checkout.objects.select_for_update(of=("self",)).select_related("channel").get(pk=token)
    except Checkout.DoesNotExist:
        raise _error("id", "Ce panier n'existe pas ou a déjà été validé.", CheckoutErrorCode.NOT_FOUND) from None


def _touch(checkout: Checkout, *fields: str) -> None:
    checkout.save(update_fields=[*fields, "updated_at"])
    get_plugin_manager().notify("checkout_updated", checkout=checkout)


def _variant_gid(variant_id) -> list[str]:
    return [to_global_id("ProductVariant", variant_id)]


def _validate_quantities(wanted: dict[int, int], found: dict, *, field: str = "quantity") -> None:
    limit = _max_line_quantity()
    for variant_id, quantity in wanted.items():
        if quantity <= 0:
            raise _error(field, "La quantité doit être supérieure à zéro.", CheckoutErrorCode.ZERO_QUANTITY,
                         variants=_variant_gid(variant_id))
        if quantity > limit:
            raise _error(field, f"Pas plus de {limit} unités par article.",
                         CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT, variants=_variant_gid(variant_id))
        variant = found[variant_id][0]
        per_customer = variant.quantity_limit_per_customer
        if per_customer is not None and quantity > per_customer:
            raise _error(field, f"Pas plus de {per_customer} unités de cet article par client.",
                         CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT, variants=_variant_gid(variant_id))


def _validate_variants(channel: Channel, variant_ids, *, field: str = "variant_id", also=()) -> dict:
    """Each variant must exist, be priced in the channel, published and on sale. Returns variants_with_listings of
    those and of the variants `also` (read in the same query, not checked: e.g. the cart's other lines)."""
    found = variants_with_listings(channel_id=channel.pk, variant_ids={*variant_ids, *also})
    now = timezone.now()
    for variant_id in variant_ids:
        if variant_id not in found:
            raise _error(field, "Cet article n'existe pas.", CheckoutErrorCode.NOT_FOUND,
                         variants=_variant_gid(variant_id))
        _, variant_listing, product_listing = found[variant_id]
        if variant_listing is None or variant_listing.price_amount is None:
            raise _error(field, "Cet article n'est pas vendu sur ce comptoir.",
                         CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL, variants=_variant_gid(variant_id))
        published = (product_listing is not None and product_listing.is_published
                     and (product_listing.published_at is None or product_listing.published_at <= now))
        if not published:
            raise _error(field, "Cet article n'est pas publié.", CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
                         variants=_variant_gid(variant_id))
        at = product_listing.available_for_purchase_at
        if at is None or at > now:
            raise _error(field, "Cet article n'est pas encore en vente.",
                         CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE, variants=_variant_gid(variant_id))
    return found


def _stale_delivery(checkout: Checkout) -> list[str]:
    """Lines or address changed: computed delivery options must be recalculated before paying."""
    if checkout.assigned_delivery_id is None and checkout.delivery_methods_stale_at is None:
        return []
    checkout.delivery_methods_stale_at = timezone.now()
    return ["delivery_methods_stale_at"]


def _drop_voucher_if_refused(checkout: Checkout) -> list[str]:
    """Saleor drops a promo code the cart no longer qualifies for (e.g. fell under the minimum amount)."""
    if checkout.voucher_id is None:
        return []
    lines_info = checkout_lines_info(checkout, getattr(checkout, "lines_after_write", None),
                                     found=getattr(checkout, "listings_after_write", None))  # no query after a write
    subtotal = checkout_totals(checkout, lines_info).undiscounted_subtotal.gross.amount
    if voucher_refusal(checkout.voucher, channel_id=checkout.channel_id, subtotal_gross=subtotal,
                       customer_email=checkout.email) is None:
        return []
    checkout.voucher, checkout.voucher_code = None, ""
    return ["voucher", "voucher_code"]


def _apply_quantities(checkout: Checkout, wanted: dict[int, int], *, field: str,
                      existing: list[CheckoutLine] | None = None) -> None:
    """Set the final quantity of each variant (0 deletes the line), then check and reserve the stock.

    Queries do not grow with the number of lines: one insert and one update for all of them.
    """
    by_variant = {line.variant_id: line for line in (existing if existing is not None else checkout.lines.all())}
    positive = {v: q for v, q in wanted.items() if q > 0}
    # The cart's untouched lines are read with the new ones: the answer prices the whole cart without a query.
    untouched = [v for v in by_variant if v not in wanted]
    found = _validate_variants(checkout.channel, list(positive), field=field, also=untouched) \
        if positive or untouched else {}
    _validate_quantities(positive, found, field="quantity")
    growing = [found[v][0] for v, q in positive.items() if q > (by_variant[v].quantity if v in by_variant else 0)]
    raise_if_plugins_refuse(checkout, growing, field=field)  # e.g. the producer's cut-off passed (plugins decide)
    removed = [by_variant[v].pk for v, q in wanted.items() if q == 0 and v in by_variant]
    if removed:
        CheckoutLine.objects.filter(pk__in=removed).delete()
    created, changed = [], []
    for variant_id, quantity in positive.items():
        line = by_variant.get(variant_id)
        if line is None:
            created.append(CheckoutLine(checkout=checkout, variant_id=variant_id, quantity=quantity))
        elif line.quantity != quantity:
            line.quantity = quantity
            changed.append(line)
    CheckoutLine.objects.bulk_create(created)
    if changed:
        CheckoutLine.objects.bulk_update(changed, ["quantity"])
    reserve_lines(checkout=checkout, lines=created + changed, variants_by_id={v: found[v][0] for v in found},
                  created_now={line.pk for line in created})
    # What the cart holds now, in the lines' order, for a caller that prices it next (the API's answer):
    # `checkout_lines_info(checkout, checkout.lines_after_write, checkout.listings_after_write)` costs no query.
    kept = [line for line in by_variant.values() if line.pk not in removed]
    checkout.lines_after_write = sorted(kept + created, key=lambda line: (line.created_at, str(line.pk)))
    checkout.listings_after_write = found


def checkout_create(*, channel: Channel, user=None, email: str = "", language_code: str = "fr",
                    lines: list[LineInput] = ()) -> Checkout:
    if not channel.is_active:
        raise _error("channel", "Ce comptoir est fermé pour le moment.", CheckoutErrorCode.CHANNEL_INACTIVE)
    email = _clean_email(email) if email else (user.email if user else "")
    with transaction.atomic():
        checkout = Checkout.objects.create(channel=channel, user=user, email=email, currency=channel.currency_code,
                                           language_code=language_code or "fr")
        if lines:
            _apply_quantities(checkout, _sum_inputs(lines, {}), field="lines", existing=[])
        else:  # an empty cart: nothing to read back to price it
            checkout.lines_after_write, checkout.listings_after_write = [], {}
        get_plugin_manager().notify("checkout_created", checkout=checkout)
    return checkout


def _sum_inputs(lines: list[LineInput], start: dict[int, int]) -> dict[int, int]:
    wanted = dict(start)
    for item in lines:
        if item.quantity <= 0:
            raise _error("quantity", "La quantité doit être supérieure à zéro.", CheckoutErrorCode.ZERO_QUANTITY,
                         variants=_variant_gid(item.variant_id))
        wanted[item.variant_id] = wanted.get(item.variant_id, 0) + item.quantity
    return wanted


def checkout_lines_add(*, checkout_token, lines: list[LineInput]) -> Checkout:
    """Adding a variant already in the cart adds to its quantity (one line per variant)."""
    if not lines:
        raise _error("lines", "Aucun article à ajouter.", CheckoutErrorCode.REQUIRED)
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        existing = list(checkout.lines.order_by())  # unordered: _apply_quantities sorts what the cart holds after
        current = {line.variant_id: line.quantity for line in existing}
        added = _sum_inputs(lines, {})
        wanted = {variant_id: current.get(variant_id, 0) + quantity for variant_id, quantity in added.items()}
        _apply_quantities(checkout, wanted, field="variant_id", existing=existing)
        _touch(checkout, *_stale_delivery(checkout), *_drop_voucher_if_refused(checkout))
    return checkout


def checkout_lines_update(*, checkout_token, lines: list[LineUpdateInput]) -> Checkout:
    """Set quantities by line; 0 removes the line, a negative quantity is refused."""
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        existing = list(checkout.lines.all())
        by_id = {str(line.pk): line for line in existing}
        wanted = {}
        for item in lines:
            line = by_id.get(str(item.line_id))
            if line is None:
                raise _error("line_id", "Cette ligne n'est pas dans le panier.", CheckoutErrorCode.NOT_FOUND,
                             lines=[to_global_id("CheckoutLine", item.line_id)])
            if item.quantity < 0:
                raise _error("quantity", "La quantité ne peut pas être négative.", CheckoutErrorCode.ZERO_QUANTITY,
                             lines=[to_global_id("CheckoutLine", item.line_id)])
            wanted[line.variant_id] = item.quantity
        _apply_quantities(checkout, wanted, field="line_id", existing=existing)
        _touch(checkout, *_stale_delivery(checkout), *_drop_voucher_if_refused(checkout))
    return checkout


def checkout_lines_delete(*, checkout_token, line_ids: list) -> Checkout:
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        by_id = {str(line.pk): line for line in checkout.lines.all()}
        missing = [str(line_id) for line_id in line_ids if str(line_id) not in by_id]
        if missing:
            raise _error("line_id", "Cette ligne n'est pas dans le panier.", CheckoutErrorCode.NOT_FOUND,
                         lines=[to_global_id("CheckoutLine", line_id) for line_id in missing])
        doomed = {str(line_id) for line_id in line_ids}
        CheckoutLine.objects.filter(checkout=checkout, pk__in=[by_id[key].pk for key in doomed]).delete()
        # What the cart holds now, with its listings, for the voucher check and the caller's answer (no re-read).
        checkout.lines_after_write = [line for key, line in by_id.items() if key not in doomed]
        checkout.listings_after_write = variants_with_listings(
            channel_id=checkout.channel_id, variant_ids={line.variant_id for line in checkout.lines_after_write})
        _touch(checkout, *_stale_delivery(checkout), *_drop_voucher_if_refused(checkout))
    return checkout


def _clean_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise _error("email", "Cette adresse e-mail n'est pas valide.", CheckoutErrorCode.INVALID) from None
    return email.lower()


def checkout_email_update(*, checkout_token, email: str) -> Checkout:
    email = _clean_email(email)
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        checkout.email = email
        _touch(checkout, "email", *_drop_voucher_if_refused(checkout))
    return checkout


def checkout_customer_attach(*, checkout_token, user) -> Checkout:
    """The cart now belongs to `user` (the caller checked who may do that); his e-mail replaces the typed one."""
    if user is None or not user.is_active:
        raise _error("customer_id", "Ce compte n'existe pas ou est désactivé.", CheckoutErrorCode.NOT_FOUND)
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        if checkout.user_id not in (None, user.pk):
            raise _error("customer_id", "Ce panier appartient à un autre client.", CheckoutErrorCode.INVALID)
        checkout.user, checkout.email = user, user.email
        _touch(checkout, "user", "email", *_drop_voucher_if_refused(checkout))
    return checkout


def checkout_customer_detach(*, checkout_token) -> Checkout:
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        checkout.user = None
        _touch(checkout, "user")
    return checkout


def checkout_voucher_add(*, checkout_token, code: str) -> Checkout:
    voucher = voucher_by_code(code)
    if voucher is None:
        raise _error("promo_code", "Ce code promo n'existe pas.", CheckoutErrorCode.INVALID)
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        subtotal = checkout_totals(checkout, checkout_lines_info(checkout)).undiscounted_subtotal.gross.amount
        raise_if_refused(voucher, CheckoutErrorCode.VOUCHER_NOT_APPLICABLE.value, channel_id=checkout.channel_id,
                         subtotal_gross=subtotal, customer_email=checkout.email,
                         is_staff=bool(checkout.user and checkout.user.is_staff))
        checkout.voucher, checkout.voucher_code = voucher, voucher.code
        _touch(checkout, "voucher", "voucher_code")
    return checkout


def checkout_voucher_remove(*, checkout_token, code: str | None = None) -> Checkout:
    """Remove the promo code (any code when none is named; a different code than the cart's is NOT_FOUND)."""
    with transaction.atomic():
        checkout = lock_checkout(checkout_token)
        if code and checkout.voucher_code.upper() != code.strip().upper():
            raise _error("promo_code", "Ce code promo n'est pas sur le panier.", CheckoutErrorCode.NOT_FOUND)
        checkout.voucher, checkout.voucher_code = None, ""
        _touch(checkout, "voucher", "voucher_code")
    return checkout


def delivery_options_ttl() -> timedelta:
    """How long computed delivery options stay fresh (Saleor's CHECKOUT_DELIVERY_OPTIONS_TTL)."""
    return timedelta(seconds=int(getattr(settings, "CHECKOUT_DELIVERY_OPTIONS_TTL_SECONDS", 20 * 60)))
