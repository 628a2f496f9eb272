"""Staff actions on orders: cancel releases stock, fulfil takes it out, mark-as-paid records a transaction."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.discount.models import Voucher
from backend.commerce.order.fulfillment import FulfillLineInput, order_fulfill, order_fulfillment_cancel
from backend.commerce.order.models import Allocation, FulfillmentStatus, Order, OrderEventType, OrderStatus
from backend.commerce.order.services import order_cancel, order_confirm, order_mark_as_paid, order_note_add
from backend.commerce.payment.models import TransactionEvent, TransactionItem
from backend.commerce.warehouse.models import Stock
from tests import factories


def codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]


@pytest.fixture
def order(pickup_checkout):
    return checkout_complete(checkout_token=pickup_checkout.pk).order


@pytest.fixture
def staff():
    return factories.staff()


def stock_of(variant) -> tuple[int, int]:
    stock = Stock.objects.get(product_variant=variant)
    return stock.quantity, stock.quantity_allocated


@pytest.mark.django_db
def test_cancel_releases_the_stock_and_gives_the_promo_use_back(order, cheese, staff,
                                                                django_capture_on_commit_callbacks):
    voucher = Voucher.objects.create(code="X", discount_value=Decimal("1"), used=1)
    Order.objects.filter(pk=order.pk).update(voucher=voucher)
    assert stock_of(cheese) == (10, 2)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = order_cancel(order_id=order.pk, user=staff)
    assert cancelled.status == OrderStatus.CANCELED
    assert stock_of(cheese) == (10, 0)
    assert list(Allocation.objects.values_list("quantity_allocated", flat=True)) == [0]
    voucher.refresh_from_db()
    assert voucher.used == 0
    assert cancelled.events.filter(type=OrderEventType.CANCELED, user=staff).count() == 1
    assert [m.subject for m in mail.outbox] == [f"Votre commande n° {order.number} est annulée"]
    assert "Ferme du Bocage\n  - 2 x Maroilles AOP à 12,50\u00a0€ = 25,00\u00a0€" in mail.outbox[0].body
    # a second cancel is refused and releases nothing twice
    with pytest.raises(ValidationError) as error:
        order_cancel(order_id=order.pk, user=staff)
    assert codes(error.value) == ["CANNOT_CANCEL_ORDER"]
    assert stock_of(cheese) == (10, 0)


@pytest.mark.django_db
def test_fulfil_takes_the_units_out_of_the_producers_stock(order, cheese, farm, staff,
                                                          django_capture_on_commit_callbacks):
    line = order.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        [fulfillment] = order_fulfill(order_id=order.pk, user=staff,
                                      lines=[FulfillLineInput(line.pk, farm.pk, 2)])
    order.refresh_from_db()
    line.refresh_from_db()
    assert (order.status, line.quantity_fulfilled) == (OrderStatus.FULFILLED, 2)
    assert stock_of(cheese) == (8, 0)
    assert (fulfillment.warehouse_id, fulfillment.fulfillment_order, fulfillment.status) == (farm.pk, 1, "FULFILLED")
    assert list(fulfillment.lines.values_list("quantity", flat=True)) == [2]
    assert order.events.filter(type=OrderEventType.FULFILLMENT_FULFILLED_ITEMS).count() == 1
    [ready] = mail.outbox
    assert ready.subject == f"Votre commande n° {order.number} est prête"
    assert "Ferme du Bocage a préparé sa part de votre commande." in ready.body


@pytest.mark.django_db
def test_partial_fulfilment_then_cancelling_it_puts_the_units_back(order, cheese, farm, staff):
    line = order.lines.get()
    [fulfillment] = order_fulfill(order_id=order.pk, user=staff, lines=[FulfillLineInput(line.pk, farm.pk, 1)])
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    assert stock_of(cheese) == (9, 1)
    order_fulfillment_cancel(fulfillment_id=fulfillment.pk, user=staff)
    order.refresh_from_db()
    line.refresh_from_db()
    fulfillment.refresh_from_db()
    assert (order.status, line.quantity_fulfilled, fulfillment.status) == (
        OrderStatus.UNFULFILLED, 0, FulfillmentStatus.CANCELED)
    assert stock_of(cheese) == (10, 2)
    with pytest.raises(ValidationError) as error:
        order_fulfillment_cancel(fulfillment_id=fulfillment.pk, user=staff)
    assert codes(error.value) == ["CANNOT_CANCEL_FULFILLMENT"]
    assert stock_of(cheese) == (10, 2)


@pytest.mark.django_db
def test_fulfilling_more_than_ordered_or_zero_is_refused_and_changes_nothing(order, cheese, farm, staff):
    line = order.lines.get()
    for quantity, code in ((3, "FULFILL_ORDER_LINE"), (0, "ZERO_QUANTITY")):
        with pytest.raises(ValidationError) as error:
            order_fulfill(order_id=order.pk, user=staff, lines=[FulfillLineInput(line.pk, farm.pk, quantity)])
        assert codes(error.value) == [code]
    assert stock_of(cheese) == (10, 2)
    assert order.fulfillments.count() == 0


@pytest.mark.django_db
def test_fulfilling_from_a_warehouse_without_the_units_is_insufficient_stock(order, cheese, pickup_point, staff):
    Stock.objects.create(warehouse=pickup_point, product_variant=cheese, quantity=1)
    line = order.lines.get()
    with pytest.raises(ValidationError) as error:
        order_fulfill(order_id=order.pk, user=staff, lines=[FulfillLineInput(line.pk, pickup_point.pk, 2)])
    assert codes(error.value) == ["INSUFFICIENT_STOCK"]
    assert order.fulfillments.count() == 0
    assert sorted(Stock.objects.values_list("quantity", "quantity_allocated")) == [(1, 0), (10, 2)]


@pytest.mark.django_db
def test_cancelling_a_prepared_order_is_refused(order, farm, staff, cheese):
    order_fulfill(order_id=order.pk, user=staff, lines=[FulfillLineInput(order.lines.get().pk, farm.pk, 2)])
    with pytest.raises(ValidationError) as error:
        order_cancel(order_id=order.pk, user=staff)
    assert codes(error.value) == ["CANNOT_CANCEL_ORDER"]
    assert stock_of(cheese) == (8, 0)


@pytest.mark.django_db
def test_mark_as_paid_at_pickup_records_a_charge_transaction_and_mails_once(order, staff,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        paid = order_mark_as_paid(order_id=order.pk, user=staff, transaction_reference="CB-0042")
    assert (paid.charge_status, paid.authorize_status, paid.total_charged_amount) == ("FULL", "FULL",
                                                                                      Decimal("25.00"))
    item = TransactionItem.objects.get()
    assert (item.order_id, item.name, item.charged_value, item.app_identifier) == (
        order.pk, "Paiement au retrait", Decimal("25.00"), "comptoir.pay-at-pickup")
    assert list(TransactionEvent.objects.values_list("type", "amount_value", "psp_reference")) == [
        ("CHARGE_SUCCESS", Decimal("25.00"), "CB-0042")]
    assert list(paid.events.values_list("type", flat=True)) == [
        "PLACED", "PAYMENT_CAPTURED", "ORDER_FULLY_PAID", "ORDER_MARKED_AS_PAID", "EMAIL_SENT"]
    assert [m.subject for m in mail.outbox] == [f"Paiement reçu pour votre commande n° {order.number}"]
    with pytest.raises(ValidationError) as error:
        order_mark_as_paid(order_id=order.pk, user=staff)
    assert codes(error.value) == ["PAYMENT_ERROR"]
    assert TransactionItem.objects.count() == 1


@pytest.mark.django_db
def test_confirm_only_an_unconfirmed_order_and_notes_are_kept(order, staff):
    with pytest.raises(ValidationError) as error:
        order_confirm(order_id=order.pk, user=staff)
    assert codes(error.value) == ["INVALID"]
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.UNCONFIRMED)
    assert order_confirm(order_id=order.pk, user=staff).status == OrderStatus.UNFULFILLED
    with pytest.raises(ValidationError) as error:
        order_note_add(order_id=order.pk, message="   ", user=staff)
    assert codes(error.value) == ["REQUIRED"]
    _, event = order_note_add(order_id=order.pk, message="Client prévenu par téléphone", user=staff)
    assert (event.type, event.parameters["message"], event.user_id) == ("NOTE_ADDED", "Client prévenu par téléphone",
                                                                        staff.pk)


@pytest.mark.django_db
def test_channel_without_auto_confirmation_places_unconfirmed_orders(pickup_checkout, channel):
    channel.automatically_confirm_all_new_orders = False
    channel.save()
    assert checkout_complete(checkout_token=pickup_checkout.pk).order.status == OrderStatus.UNCONFIRMED


@pytest.mark.django_db
def test_pickup_counter_finds_the_open_order_by_its_code_typed_loosely(order, pickup_point, staff):
    from backend.commerce.order.selectors import open_order_by_pickup_code, order_by_id, orders_of_user

    typed = "-".join([order.pickup_code[:3].lower(), order.pickup_code[3:]])
    assert open_order_by_pickup_code(typed, collection_point_id=pickup_point.pk).pk == order.pk
    assert open_order_by_pickup_code("ABC") is None
    assert order_by_id("not-a-uuid") is None
    assert order_by_id(str(order.pk)).pk == order.pk
    assert list(orders_of_user(staff)) == []
    order_cancel(order_id=order.pk, user=staff)
    assert open_order_by_pickup_code(order.pickup_code) is None


@pytest.mark.django_db
def test_served_communes_are_those_of_the_channels_zones(channel, zone):
    from backend.commerce.shipping.selectors import served_communes

    assert [c.name for c in served_communes(channel_id=channel.pk)] == ["Bavay", "Le Quesnoy"]
