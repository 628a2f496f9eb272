from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from backend.commerce.order.models import OrderEvent, OrderEventType
from backend.commerce.warehouse.models import Stock
from plugins.producers.models import Preparation, PreparationLine, PreparationStatus
from plugins.producers.services.preparations import (
    READY_METADATA_KEY,
    order_split,
    preparation_line_cancel,
    preparation_mark_ready,
)
from tests.plugins.producers.conftest import owned_variant, place_order

pytestmark = pytest.mark.django_db


def test_an_order_is_split_into_one_preparation_per_producer(two_producer_order, producer_a, producer_b):
    order = two_producer_order["order"]

    preparations = {p.producer_id: p for p in Preparation.objects.filter(order=order)}

    assert set(preparations) == {producer_a.pk, producer_b.pk}
    def lines(producer):
        return sorted((line.order_line.product_name, line.quantity) for line in preparations[producer.pk].lines.all())

    assert lines(producer_a) == [("Maroilles AOP", 2)]
    assert lines(producer_b) == [("Bière de Mormal", 6), ("Terrine de campagne", 1)]
    assert {p.status for p in preparations.values()} == {PreparationStatus.TO_PREPARE}


def test_the_split_is_idempotent(two_producer_order):
    order = two_producer_order["order"]

    order_split(order_id=order.pk)
    order_split(order_id=order.pk)

    assert Preparation.objects.filter(order=order).count() == 2
    assert PreparationLine.objects.filter(preparation__order=order).count() == 3


def test_the_order_created_hook_splits_the_order_after_commit(channel, pickup_point, producer_a,
                                                              django_capture_on_commit_callbacks):
    from backend.commerce.checkout import delivery, services
    from backend.commerce.checkout.complete import checkout_complete

    cheese = owned_variant(producer_a, "Maroilles AOP")
    checkout = services.checkout_create(channel=channel, email="lea@example.fr",
                                        lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=pickup_point.pk)

    with django_capture_on_commit_callbacks(execute=True):
        order = checkout_complete(checkout_token=checkout.pk).order

    assert list(Preparation.objects.filter(order=order).values_list("producer_id", flat=True)) == [producer_a.pk]


def test_the_order_moves_on_when_every_producer_is_ready(two_producer_order, producer_a, producer_b):
    order = two_producer_order["order"]
    prep_a = Preparation.objects.get(order=order, producer=producer_a)
    prep_b = Preparation.objects.get(order=order, producer=producer_b)

    preparation_mark_ready(preparation_id=prep_a.pk, producer_id=producer_a.pk)
    order.refresh_from_db()
    assert READY_METADATA_KEY not in order.metadata

    preparation_mark_ready(preparation_id=prep_b.pk, producer_id=producer_b.pk)
    order.refresh_from_db()
    prep_a.refresh_from_db()
    assert prep_a.status == PreparationStatus.READY
    assert order.metadata[READY_METADATA_KEY] == "ready"
    assert OrderEvent.objects.filter(order=order, type=OrderEventType.OTHER,
                                     parameters__message="Tous les producteurs ont préparé la commande.").count() == 1


def test_a_producer_cannot_mark_another_producers_preparation(two_producer_order, producer_a, producer_b):
    prep_b = Preparation.objects.get(order=two_producer_order["order"], producer=producer_b)

    with pytest.raises(ValidationError) as raised:
        preparation_mark_ready(preparation_id=prep_b.pk, producer_id=producer_a.pk)

    assert raised.value.error_dict["id"][0].code == "NOT_FOUND"
    prep_b.refresh_from_db()
    assert prep_b.status == PreparationStatus.TO_PREPARE


def test_cancelling_a_line_releases_its_stock_records_the_refund_and_mails_the_customer(
        two_producer_order, producer_b, django_capture_on_commit_callbacks):
    order, beer = two_producer_order["order"], two_producer_order["beer"]
    line = PreparationLine.objects.get(order_line__variant=beer)
    stock = Stock.objects.get(product_variant=beer)
    assert (stock.quantity, stock.quantity_allocated) == (24, 6)

    with django_capture_on_commit_callbacks(execute=True):
        preparation_line_cancel(line_id=line.pk, producer_id=producer_b.pk, reason="grêle sur le houblon")

    stock.refresh_from_db()
    line.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (24, 0)
    assert line.refunded_amount == Decimal("23.40")
    assert line.cancel_reason == "grêle sur le houblon"
    refund = OrderEvent.objects.get(order=order, type=OrderEventType.PAYMENT_REFUNDED)
    assert refund.parameters["amount"] == "23.40"
    assert refund.parameters["recorded_only"] is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lea@example.fr"]
    assert mail.outbox[0].subject == f"Commande n° {order.number} : un produit n'est pas disponible"
    assert "Brasserie de Landrecies ne pourra pas fournir « Bière de Mormal » (quantité 6)" in mail.outbox[0].body
    assert "grêle sur le houblon" in mail.outbox[0].body
    assert "23,40\u00a0€" in mail.outbox[0].body
    assert Preparation.objects.get(order=order, producer=producer_b).status == PreparationStatus.TO_PREPARE


def test_cancelling_a_line_twice_is_refused_and_changes_nothing(two_producer_order, producer_b):
    line = PreparationLine.objects.get(order_line__variant=two_producer_order["terrine"])
    preparation_line_cancel(line_id=line.pk, producer_id=producer_b.pk)
    events = OrderEvent.objects.count()

    with pytest.raises(ValidationError) as raised:
        preparation_line_cancel(line_id=line.pk, producer_id=producer_b.pk)

    assert raised.value.error_dict["id"][0].code == "NOT_EDITABLE"
    assert OrderEvent.objects.count() == events


def test_cancelling_every_line_of_a_producer_cancels_its_preparation(channel, pickup_point, producer_a):
    cheese = owned_variant(producer_a, "Maroilles AOP")
    order = place_order(channel, pickup_point, [(cheese, 1)])
    line = PreparationLine.objects.get(preparation__order=order)

    preparation_line_cancel(line_id=line.pk, producer_id=producer_a.pk)

    assert Preparation.objects.get(order=order).status == PreparationStatus.CANCELLED


def test_a_paid_line_is_refunded_through_its_gateway(channel, pickup_point, producer_a):
    from backend.commerce.order.services import order_mark_as_paid
    from backend.commerce.payment.models import TransactionEvent

    cheese = owned_variant(producer_a, "Maroilles AOP", price="12.50")
    order = place_order(channel, pickup_point, [(cheese, 2)])
    order_mark_as_paid(order_id=order.pk)
    line = PreparationLine.objects.get(preparation__order=order)

    with pytest.raises(ValidationError) as raised:
        # pay-at-pickup has no gateway answering refunds: the request is refused, nothing is written
        preparation_line_cancel(line_id=line.pk, producer_id=producer_a.pk)

    assert raised.value.error_dict["id"][0].code == "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK"
    line.refresh_from_db()
    assert line.cancelled_at is None
    assert TransactionEvent.objects.filter(type="REFUND_REQUEST").count() == 0
