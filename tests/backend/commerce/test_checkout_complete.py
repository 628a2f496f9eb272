"""checkoutComplete: the order it makes, its idempotency, and every refusal leaving the cart untouched."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.checkout.models import Checkout
from backend.commerce.discount.models import Voucher, VoucherCustomer
from backend.commerce.order.models import (
    PICKUP_CODE_ALPHABET,
    Allocation,
    Order,
    OrderEvent,
    OrderEventType,
    OrderStatus,
)
from backend.commerce.order.services import order_mark_as_paid
from backend.commerce.payment.models import TransactionEventType
from backend.commerce.payment.services import transaction_create, transaction_event_record
from backend.commerce.warehouse.models import Stock


def codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]


def nothing_changed(checkout, stock_allocated=0):
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert Order.objects.count() == 0
    assert list(Stock.objects.values_list("quantity_allocated", flat=True).distinct()) == [stock_allocated]


@pytest.mark.django_db
def test_pay_at_pickup_order_is_placed_with_lines_allocations_code_and_mail(pickup_checkout, cheese, pickup_point,
                                                                            django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = checkout_complete(checkout_token=pickup_checkout.pk)
    # then the order copies the cart, allocates the stock and waits for payment at pickup
    order = result.order
    assert result.created is True
    assert order.number > 0
    assert (order.status, order.charge_status, order.authorize_status) == (OrderStatus.UNFULFILLED, "NONE", "NONE")
    assert (order.user_email, order.collection_point_id, order.collection_point_name) == (
        "lea@example.fr", pickup_point.pk, "Point retrait Le Quesnoy")
    assert len(order.pickup_code) == 6 and set(order.pickup_code) <= set(PICKUP_CODE_ALPHABET)
    assert (order.total_gross_amount, order.total_net_amount) == (Decimal("25.00"), Decimal("23.70"))
    assert order.vat_breakdown == [{"rate": "5.50", "net": "23.70", "tax": "1.30", "gross": "25.00"}]
    line = order.lines.get()
    assert (line.product_name, line.product_sku, line.quantity, line.unit_price_gross_amount, line.tax_rate) == (
        "Maroilles AOP", cheese.sku, 2, Decimal("12.50"), Decimal("5.50"))
    assert list(Allocation.objects.values_list("order_line_id", "quantity_allocated")) == [(line.pk, 2)]
    assert Stock.objects.get(product_variant=cheese).quantity_allocated == 2
    assert not Checkout.objects.filter(pk=pickup_checkout.pk).exists()
    assert list(order.events.values_list("type", flat=True)) == [OrderEventType.PLACED, OrderEventType.EMAIL_SENT]
    # and the confirmation mail, in French, names the pickup point, its hours, the code and the producer
    [message] = mail.outbox
    assert message.to == ["lea@example.fr"]
    assert message.subject == f"Votre commande n° {order.number} est bien enregistrée"
    assert "Retrait : Point retrait Le Quesnoy" in message.body
    assert "mardi : 16h00 – 19h00" in message.body
    assert f"Votre code de retrait : {order.pickup_code}" in message.body
    assert "À régler au retrait (espèces ou carte) : 25,00\u00a0€" in message.body
    assert "Ferme du Bocage\n  - 2 x Maroilles AOP à 12,50\u00a0€ = 25,00\u00a0€" in message.body
    html = message.alternatives[0][0]
    assert order.pickup_code in html and "Ferme du Bocage" in html


@pytest.mark.django_db
def test_a_repeated_complete_answers_the_same_order(pickup_checkout):
    first = checkout_complete(checkout_token=pickup_checkout.pk)
    again = checkout_complete(checkout_token=pickup_checkout.pk)
    assert (again.order.pk, again.created) == (first.order.pk, False)
    assert Order.objects.count() == 1
    assert Allocation.objects.count() == 1


@pytest.mark.django_db
def test_cart_without_email_is_email_not_set(channel, cheese, pickup_point):
    checkout = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    with pytest.raises(ValidationError) as error:
        checkout_complete(checkout_token=checkout.pk)
    assert codes(error.value) == ["EMAIL_NOT_SET"]
    nothing_changed(checkout)


@pytest.mark.django_db
def test_empty_cart_is_no_lines(channel):
    checkout = services.checkout_create(channel=channel, email="lea@example.fr")
    with pytest.raises(ValidationError) as error:
        checkout_complete(checkout_token=checkout.pk)
    assert codes(error.value) == ["NO_LINES"]
    assert Checkout.objects.filter(pk=checkout.pk).exists()


@pytest.mark.django_db
def test_cart_without_delivery_is_shipping_method_not_set(channel, cheese):
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 1)])
    with pytest.raises(ValidationError) as error:
        checkout_complete(checkout_token=checkout.pk)
    assert codes(error.value) == ["SHIPPING_METHOD_NOT_SET"]
    nothing_changed(checkout)


@pytest.mark.django_db
def test_unpaid_home_delivery_is_refused_when_the_channel_wants_payment_first(channel, cheese, zone, home_address):
    channel.allow_unpaid_orders = False
    channel.save(update_fields=["allow_unpaid_orders"])
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_shipping_address_update(checkout_token=checkout.pk, address=home_address)
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, shipping_method_id=zone["light"].pk)
    with pytest.raises(ValidationError) as error:
        checkout_complete(checkout_token=checkout.pk)
    assert codes(error.value) == ["CHECKOUT_NOT_FULLY_PAID"]
    nothing_changed(checkout)


@pytest.mark.django_db
def test_unpaid_home_delivery_is_paid_to_the_courier_when_the_channel_allows_it(channel, cheese, zone, home_address):
    # "Paiement à la livraison": placed unpaid, marked paid at the door like a pickup order at the counter.
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_shipping_address_update(checkout_token=checkout.pk, address=home_address)
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, shipping_method_id=zone["light"].pk)
    order = checkout_complete(checkout_token=checkout.pk).order
    assert (order.charge_status, order.total_gross_amount, order.pickup_code) == ("NONE", Decimal("17.40"), "")
    paid = order_mark_as_paid(order_id=order.pk, transaction_reference="especes-livreur")
    assert (paid.charge_status, paid.total_charged_amount) == ("FULL", Decimal("17.40"))


@pytest.mark.django_db
def test_paid_home_delivery_moves_the_transaction_to_a_paid_order(channel, cheese, zone, home_address,
                                                                  django_capture_on_commit_callbacks):
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_shipping_address_update(checkout_token=checkout.pk, address=home_address)
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, shipping_method_id=zone["light"].pk)
    item, _ = transaction_create(checkout=checkout, app_identifier="saleor.io.dummy-payment-app")
    transaction_event_record(transaction_token=item.pk, type=TransactionEventType.CHARGE_SUCCESS,
                             amount=Decimal("17.40"), psp_reference="psp-1")
    checkout.refresh_from_db()
    assert checkout.charge_status == "FULL"
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout_complete(checkout_token=checkout.pk).order
    item.refresh_from_db()
    assert (item.order_id, item.checkout_id) == (order.pk, None)
    assert (order.charge_status, order.total_charged_amount, order.total_gross_amount) == (
        "FULL", Decimal("17.40"), Decimal("17.40"))
    assert (order.shipping_method_name, order.shipping_price_gross_amount, order.pickup_code) == (
        "Livraison à domicile", Decimal("4.90"), "")
    assert order.shipping_address.commune_insee == "59481"
    assert order.events.filter(type=OrderEventType.PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT).count() == 1
    assert "Livraison : Livraison à domicile, à Léa Martin, 3 rue de la Porte Fauroeulx, 59530 LE QUESNOY" in \
        mail.outbox[0].body


@pytest.mark.django_db
def test_line_short_of_stock_at_completion_is_insufficient_stock(pickup_checkout, cheese):
    Stock.objects.filter(product_variant=cheese).update(quantity=1)
    with pytest.raises(ValidationError) as error:
        checkout_complete(checkout_token=pickup_checkout.pk)
    assert codes(error.value) == ["INSUFFICIENT_STOCK"]
    nothing_changed(pickup_checkout)


@pytest.mark.django_db
def test_voucher_use_is_counted_once_and_refused_when_exhausted(pickup_checkout, channel, cheese, pickup_point):
    voucher = Voucher.objects.create(code="UNE", discount_value=Decimal("2"), usage_limit=1,
                                     apply_once_per_customer=True)
    services.checkout_voucher_add(checkout_token=pickup_checkout.pk, code="une")
    order = checkout_complete(checkout_token=pickup_checkout.pk).order
    voucher.refresh_from_db()
    assert (voucher.used, order.discount_amount, order.total_gross_amount) == (1, Decimal("2.00"), Decimal("23.00"))
    assert list(VoucherCustomer.objects.values_list("customer_email", flat=True)) == ["lea@example.fr"]
    # a second cart that added the code before it ran out is refused at completion
    other = services.checkout_create(channel=channel, email="marc@example.fr", lines=[services.LineInput(cheese.pk, 1)])
    Checkout.objects.filter(pk=other.pk).update(voucher=voucher, voucher_code="UNE")
    delivery.checkout_delivery_method_update(checkout_token=other.pk, collection_point_id=pickup_point.pk)
    with pytest.raises(ValidationError) as error:
        checkout_complete(checkout_token=other.pk)
    assert codes(error.value) == ["VOUCHER_NOT_APPLICABLE"]
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_completed_cart_cannot_be_edited_any_more(pickup_checkout, cheese):
    checkout_complete(checkout_token=pickup_checkout.pk)
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=pickup_checkout.pk, lines=[services.LineInput(cheese.pk, 1)])
    assert codes(error.value) == ["NOT_FOUND"]
    assert OrderEvent.objects.filter(type=OrderEventType.PLACED).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("producers", "queries"), [(1, 32), (3, 34)])
def test_complete_query_count_grows_only_with_the_stocks_touched(channel, pickup_point, producers, queries,
                                                                 django_assert_num_queries):
    from tests import factories
    from tests.backend.commerce.conftest import sellable

    variants = [sellable(f"Produit {i}", wh=factories.warehouse()) for i in range(producers)]
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(v.pk, 1) for v in variants])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)
    # one UPDATE per stock row allocated; everything else is constant (the cart's distribution day: one query for the
    # plugins' refusals, a producer's cut-off)
    with django_assert_num_queries(queries):
        checkout_complete(checkout_token=checkout.pk)
    assert Order.objects.get().lines.count() == producers
