"""Transaction events are applied once; statuses follow Saleor's NONE/PARTIAL/FULL/OVERCHARGED."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.checkout.models import Checkout
from backend.commerce.order.models import Order, OrderEventType
from backend.commerce.payment.models import TransactionEvent
from backend.commerce.payment.services import transaction_create, transaction_event_record
from backend.commerce.payment.status import authorize_status, charge_status

D = Decimal


@pytest.mark.parametrize(("charged", "expected"), [("0", "NONE"), ("10", "PARTIAL"), ("25", "FULL"),
                                                   ("30", "OVERCHARGED")])
def test_charge_status_follows_saleor(charged, expected):
    assert charge_status(total=D("25"), charged=D(charged)) == expected


@pytest.mark.parametrize(("authorized", "charged", "expected"), [("0", "0", "NONE"), ("10", "0", "PARTIAL"),
                                                                 ("15", "10", "FULL")])
def test_authorize_status_counts_authorized_and_charged(authorized, charged, expected):
    assert authorize_status(total=D("25"), authorized=D(authorized), charged=D(charged)) == expected


@pytest.mark.django_db
def test_replayed_event_changes_nothing_the_second_time(pickup_checkout):
    item, _ = transaction_create(checkout=pickup_checkout, app_identifier="saleor.io.dummy-payment-app")
    first, created = transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS", amount=D("25.00"),
                                              psp_reference="pi_123")
    assert created is True
    for _ in range(24):
        again, created = transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS",
                                                  amount=D("25.00"), psp_reference="pi_123")
        assert (again.pk, created) == (first.pk, False)
    item.refresh_from_db()
    assert (item.charged_value, TransactionEvent.objects.count()) == (D("25.00"), 1)
    assert Checkout.objects.get(pk=pickup_checkout.pk).charge_status == "FULL"


@pytest.mark.django_db
def test_replay_with_another_amount_is_incorrect_details(pickup_checkout):
    item, _ = transaction_create(checkout=pickup_checkout, app_identifier="x")
    transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS", amount=D("25.00"), psp_reference="pi")
    with pytest.raises(ValidationError) as error:
        transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS", amount=D("9.00"),
                                 psp_reference="pi")
    assert error.value.error_dict["amount"][0].code == "INCORRECT_DETAILS"
    item.refresh_from_db()
    assert item.charged_value == D("25.00")


@pytest.mark.django_db
def test_a_late_failure_does_not_undo_a_success(pickup_checkout):
    item, _ = transaction_create(checkout=pickup_checkout, app_identifier="x")
    transaction_event_record(transaction_token=item.pk, type="CHARGE_REQUEST", amount=D("25.00"), psp_reference="pi")
    item.refresh_from_db()
    assert (item.charge_pending_value, item.charged_value) == (D("25.00"), D("0.00"))
    transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS", amount=D("25.00"), psp_reference="pi")
    transaction_event_record(transaction_token=item.pk, type="CHARGE_FAILURE", amount=D("25.00"), psp_reference="pi")
    item.refresh_from_db()
    assert (item.charge_pending_value, item.charged_value) == (D("0.00"), D("25.00"))


@pytest.mark.django_db
def test_authorization_then_charge_and_refund_move_the_amounts(pickup_checkout):
    item, _ = transaction_create(checkout=pickup_checkout, app_identifier="x")
    transaction_event_record(transaction_token=item.pk, type="AUTHORIZATION_SUCCESS", amount=D("25.00"),
                             psp_reference="a")
    assert Checkout.objects.get(pk=pickup_checkout.pk).authorize_status == "FULL"
    transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS", amount=D("25.00"), psp_reference="c")
    transaction_event_record(transaction_token=item.pk, type="REFUND_SUCCESS", amount=D("5.00"), psp_reference="r")
    item.refresh_from_db()
    assert (item.authorized_value, item.charged_value, item.refunded_value) == (D("0.00"), D("20.00"), D("5.00"))
    assert Checkout.objects.get(pk=pickup_checkout.pk).charge_status == "PARTIAL"


@pytest.mark.django_db
def test_idempotency_key_returns_the_same_transaction(pickup_checkout):
    first, created = transaction_create(checkout=pickup_checkout, app_identifier="stripe", idempotency_key="k1")
    again, created_again = transaction_create(checkout=pickup_checkout, app_identifier="stripe", idempotency_key="k1")
    assert (created, created_again, again.pk) == (True, False, first.pk)


@pytest.mark.django_db
def test_order_paid_by_webhook_replays_sends_one_payment_mail(pickup_checkout, django_capture_on_commit_callbacks):
    order = checkout_complete(checkout_token=pickup_checkout.pk).order
    item, _ = transaction_create(order=order, app_identifier="saleor.app.payment.stripe")
    mail.outbox.clear()
    for _ in range(25):
        with django_capture_on_commit_callbacks(execute=True):
            transaction_event_record(transaction_token=item.pk, type="CHARGE_SUCCESS", amount=D("25.00"),
                                     psp_reference="pi_999")
    order = Order.objects.get(pk=order.pk)
    assert (order.charge_status, order.total_charged_amount) == ("FULL", D("25.00"))
    assert order.events.filter(type=OrderEventType.ORDER_FULLY_PAID).count() == 1
    assert [m.subject for m in mail.outbox] == [f"Paiement reçu pour votre commande n° {order.number}"]
