"""Monthly statements: what a producer sold (TTC, by VAT rate), what was refunded, the Comptoir's commission (HT, plus
20 % VAT on it) and the net to pay. Payouts: a Stripe Connect transfer when Stripe is configured and the producer has
a connected account; otherwise the statement is the basis of a SEPA bank transfer to the producer's IBAN."""

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.commerce.order.models import OrderStatus
from plugins.producers.error_codes import ProducerErrorCode as Code
from plugins.producers.models import PreparationLine, Producer, Statement, StatementStatus
from plugins.producers.services.producers import error

COMMISSION_VAT_RATE = Decimal("20")
COUNTED_STATUSES = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED,
                    OrderStatus.PARTIALLY_RETURNED, OrderStatus.RETURNED)
CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    if first.month == 12:
        return first, first.replace(year=first.year + 1, month=1)
    following = first.replace(month=first.month + 1)
    return first, following


def statement_figures(*, producer: Producer, month: date) -> dict:
    """Sales = lines of the producer in orders placed during the month (cancelled orders left out);
    refunds = lines the producer cancelled during the month."""
    first, following = month_bounds(month)
    lines = (PreparationLine.objects.filter(preparation__producer=producer,
                                            preparation__order__created_at__date__gte=first,
                                            preparation__order__created_at__date__lt=following,
                                            preparation__order__status__in=COUNTED_STATUSES)
             .values_list("order_line__tax_rate", "order_line__total_price_gross_amount", "preparation__order_id"))
    by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    orders = set()
    for rate, gross, order_id in lines:
        by_rate[Decimal(rate).quantize(CENT)] += gross
        orders.add(order_id)
    refunds = sum((amount for amount in PreparationLine.objects.filter(
        preparation__producer=producer, cancelled_at__date__gte=first, cancelled_at__date__lt=following)
        .values_list("refunded_amount", flat=True)), Decimal("0"))
    sales = sum(by_rate.values(), Decimal("0"))
    base = sales - refunds
    commission_net = cents(base * producer.commission_rate / 100)
    commission_vat = cents(commission_net * COMMISSION_VAT_RATE / 100)
    return {
        "sales_by_rate": [{"rate": f"{rate:.2f}", "gross": f"{cents(gross):.2f}"}
                          for rate, gross in sorted(by_rate.items())],
        "sales_gross": cents(sales), "refunds_gross": cents(refunds), "commission_rate": producer.commission_rate,
        "commission_net": commission_net, "commission_vat": commission_vat,
        "net_payable": cents(base - commission_net - commission_vat), "order_count": len(orders),
    }


def statement_compute(*, producer: Producer, month: date) -> Statement:
    """(Re)compute the statement of a month; a paid statement is frozen."""
    first, _ = month_bounds(month)
    with transaction.atomic():
        statement = Statement.objects.select_for_update().filter(producer=producer, month=first).first()
        if statement is not None and statement.status == StatementStatus.PAID:
            return statement
        figures = statement_figures(producer=producer, month=first)
        statement, _ = Statement.objects.update_or_create(producer=producer, month=first,
                                                          defaults={**figures, "computed_at": timezone.now()})
    return statement


def statements_compute_month(*, month: date) -> list[Statement]:
    return [statement_compute(producer=producer, month=month) for producer in Producer.objects.all()]


def statement_mark_paid(*, statement: Statement, reference: str) -> Statement:
    reference = (reference or "").strip()
    if not reference:
        raise error("reference", "Indiquez la référence du virement.", Code.REQUIRED)
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        if statement.status == StatementStatus.PAID:
            raise error("id", "Ce relevé est déjà payé.", Code.NOT_EDITABLE)
        statement.status = StatementStatus.PAID
        statement.paid_at = timezone.now()
        statement.payout_reference = reference[:255]
        statement.save(update_fields=["status", "paid_at", "payout_reference"])
    return statement


def stripe_transfer_params(statement: Statement) -> dict:
    """The stripe.Transfer.create arguments of a payout (amount in cents, idempotent per statement)."""
    return {
        "amount": int((statement.net_payable * 100).to_integral_value()),
        "currency": "eur",
        "destination": statement.producer.stripe_account_id,
        "description": f"Relevé {statement.month:%m/%Y} — {statement.producer.trade_name}",
        "metadata": {"statement": str(statement.pk), "producer": statement.producer.slug},
        "idempotency_key": f"comptoir-statement-{statement.pk}",
    }


def statement_pay_with_stripe(*, statement: Statement) -> Statement:
    """A Stripe Connect transfer of the net to the producer's connected account, then the statement is paid."""
    if not getattr(settings, "STRIPE_SECRET_KEY", ""):
        raise error("id", "Stripe n'est pas configuré : payez ce relevé par virement SEPA.", Code.PAYOUT_ERROR)
    if not statement.producer.stripe_account_id:
        raise error("id", "Ce producteur n'a pas de compte Stripe Connect.", Code.PAYOUT_ERROR)
    if statement.status == StatementStatus.PAID:
        raise error("id", "Ce relevé est déjà payé.", Code.NOT_EDITABLE)
    if statement.net_payable <= 0:
        raise error("id", "Rien à verser pour ce mois.", Code.PAYOUT_ERROR)
    import stripe

    params = stripe_transfer_params(statement)
    key = params.pop("idempotency_key")
    client = stripe.StripeClient(settings.STRIPE_SECRET_KEY, **(
        {"base_addresses": {"api": settings.STRIPE_API_BASE}} if getattr(settings, "STRIPE_API_BASE", "") else {}))
    try:
        transfer = client.transfers.create(params=params, options={"idempotency_key": key})
    except stripe.StripeError as exc:
        raise error("id", f"Stripe a refusé le virement : {exc.user_message or exc}", Code.PAYOUT_ERROR) from None
    return statement_mark_paid(statement=statement, reference=f"stripe:{transfer.id}")
