import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from backend.commerce.order.models import Order, OrderStatus
from logistics.models import Parcel
from logistics.services.handover import order_handover
from logistics.services.parcels import parcels_sync
from tests import factories


def _code(error: ValidationError) -> str:
    return next(iter(error.error_dict.values()))[0].code


@pytest.mark.django_db(transaction=True)
def test_handover_of_part_then_the_rest_fulfils_the_order_and_mails_the_customer(small_day):
    # given the relay-point order's two parcels at the point
    parcels_sync(day=small_day.day)
    order = small_day.pickup_order
    first, second = Parcel.objects.filter(order=order).order_by("warehouse__name")
    staff = factories.staff()
    # when staff hand over one parcel, then the other
    partial = order_handover(code=order.pickup_code.lower(), user=staff, parcel_ids=[first.pk])
    assert (partial.complete, Order.objects.get(pk=order.pk).status) == (False, OrderStatus.PARTIALLY_FULFILLED)
    rest = order_handover(code=order.pickup_code, user=staff)
    # then the order is fulfilled, both parcels handed over, two mails sent
    assert rest.complete is True
    assert Order.objects.get(pk=order.pk).status == OrderStatus.FULFILLED
    assert Parcel.objects.filter(order=order, handed_over_at__isnull=False).count() == 2
    assert [m.subject for m in mail.outbox] == [f"Votre commande n° {order.number} vous a été remise"] * 2
    # and the code cannot be used again
    with pytest.raises(ValidationError) as reused:
        order_handover(code=order.pickup_code, user=staff)
    assert _code(reused.value) == "CODE_ALREADY_USED"
    assert reused.value.messages == [f"Ce code a déjà servi : la commande n° {order.number} a été remise."]


@pytest.mark.django_db
def test_wrong_code_is_refused_in_french(small_day):
    with pytest.raises(ValidationError) as refused:
        order_handover(code="ZZZ-ZZZ", user=factories.staff())
    assert _code(refused.value) == "WRONG_CODE"
    assert refused.value.messages == ["Aucune commande à retirer avec le code « ZZZZZZ » : vérifiez le code avec "
                                      "le client."]


@pytest.mark.django_db
def test_pay_at_pickup_order_needs_a_payment_method_then_is_marked_paid(small_day):
    order = small_day.pickup_order
    Order.objects.filter(pk=order.pk).update(total_charged_amount=0, charge_status="NONE")
    staff = factories.staff()
    with pytest.raises(ValidationError) as refused:
        order_handover(code=order.pickup_code, user=staff)
    assert _code(refused.value) == "REQUIRED"
    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNFULFILLED
    result = order_handover(code=order.pickup_code, user=staff, payment_method="cash")
    order.refresh_from_db()
    assert result.paid_now is True
    assert (order.total_charged_amount, order.charge_status) == (order.total_gross_amount, "FULL")
    assert order.status == OrderStatus.FULFILLED
