"""Stock reservation while a cart is open, and the rules of promo codes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.commerce.checkout import services
from backend.commerce.checkout.models import Checkout, Reservation
from backend.commerce.checkout.stock import (
    available_by_variant,
    checkout_reservation_expires,
    purge_expired_reservations,
)
from backend.commerce.checkout.tasks import delete_expired_reservations
from backend.commerce.discount.models import DiscountValueType, Voucher, VoucherCustomer


def codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]


@pytest.fixture
def holding_channel(channel):
    channel.reservation_minutes_anonymous = 20
    channel.reservation_minutes_authenticated = 30
    channel.save()
    return channel


@pytest.mark.django_db
def test_an_open_cart_holds_its_units_until_the_reservation_expires(holding_channel, cheese):
    # given a cart holding 8 of the 10 Maroilles
    first = services.checkout_create(channel=holding_channel, lines=[services.LineInput(cheese.pk, 8)])
    reservation = Reservation.objects.get()
    assert reservation.quantity_reserved == 8
    expires = checkout_reservation_expires(first)
    assert timezone.now() + timedelta(minutes=19) < expires <= timezone.now() + timedelta(minutes=20)
    # when another cart asks for 3, it is refused; 2 are fine
    with pytest.raises(ValidationError) as error:
        services.checkout_create(channel=holding_channel, lines=[services.LineInput(cheese.pk, 3)])
    assert codes(error.value) == ["INSUFFICIENT_STOCK"]
    assert Checkout.objects.count() == 1
    assert available_by_variant(channel_id=holding_channel.pk, variant_ids={cheese.pk}) == {cheese.pk: 2}
    # then once the reservation expired it is ignored, and purged by the task
    Reservation.objects.update(reserved_until=timezone.now() - timedelta(seconds=1))
    second = services.checkout_create(channel=holding_channel, lines=[services.LineInput(cheese.pk, 9)])
    assert second.lines.get().quantity == 9
    assert checkout_reservation_expires(first) is None
    assert delete_expired_reservations.apply().get() == 1
    assert list(Reservation.objects.values_list("quantity_reserved", flat=True)) == [9]


@pytest.mark.django_db
def test_a_cart_owns_its_reservation_when_changing_its_quantity(holding_channel, cheese):
    cart = services.checkout_create(channel=holding_channel, lines=[services.LineInput(cheese.pk, 6)])
    services.checkout_lines_update(checkout_token=cart.pk,
                                   lines=[services.LineUpdateInput(cart.lines.get().pk, 10)])
    assert list(Reservation.objects.values_list("quantity_reserved", flat=True)) == [10]


@pytest.mark.django_db
def test_no_reservation_when_the_channel_does_not_hold_stock(channel, cheese):
    services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 8)])
    assert Reservation.objects.count() == 0
    assert purge_expired_reservations() == 0


@pytest.fixture
def cart(channel, cheese):
    return services.checkout_create(channel=channel, email="lea@example.fr", lines=[services.LineInput(cheese.pk, 2)])


@pytest.mark.django_db
def test_voucher_code_is_case_insensitive_and_unique_that_way(cart):
    from django.db import IntegrityError, transaction

    Voucher.objects.create(code="Mormal5", discount_value=Decimal("5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Voucher.objects.create(code="MORMAL5", discount_value=Decimal("1"))
    services.checkout_voucher_add(checkout_token=cart.pk, code=" mormal5 ")
    assert Checkout.objects.get(pk=cart.pk).voucher_code == "Mormal5"


@pytest.mark.django_db
def test_unknown_voucher_code_is_invalid(cart):
    with pytest.raises(ValidationError) as error:
        services.checkout_voucher_add(checkout_token=cart.pk, code="NOPE")
    assert codes(error.value) == ["INVALID"]


@pytest.mark.django_db
@pytest.mark.parametrize("rule", [
    {"min_spent_amount": Decimal("30.00")},
    {"usage_limit": 3, "used": 3},
    {"is_active": False},
    {"start_date": timezone.now() + timedelta(days=2)},
    {"end_date": timezone.now() - timedelta(days=1)},
])
def test_voucher_outside_its_rules_is_not_applicable(cart, rule):
    Voucher.objects.create(code="ETE", discount_value=Decimal("5"), **rule)
    with pytest.raises(ValidationError) as error:
        services.checkout_voucher_add(checkout_token=cart.pk, code="ETE")
    assert codes(error.value) == ["VOUCHER_NOT_APPLICABLE"]
    assert Checkout.objects.get(pk=cart.pk).voucher_id is None


@pytest.mark.django_db
def test_once_per_customer_voucher_refuses_a_second_use_by_the_same_email(cart):
    voucher = Voucher.objects.create(code="BIENVENUE", discount_value=Decimal("5"), apply_once_per_customer=True)
    VoucherCustomer.objects.create(voucher=voucher, customer_email="lea@example.fr")
    with pytest.raises(ValidationError) as error:
        services.checkout_voucher_add(checkout_token=cart.pk, code="bienvenue")
    assert codes(error.value) == ["VOUCHER_NOT_APPLICABLE"]


@pytest.mark.django_db
def test_voucher_is_dropped_when_the_cart_falls_under_its_minimum(cart, cheese):
    Voucher.objects.create(code="DIX", discount_value_type=DiscountValueType.PERCENTAGE, discount_value=Decimal("10"),
                           min_spent_amount=Decimal("20.00"))
    services.checkout_voucher_add(checkout_token=cart.pk, code="DIX")
    services.checkout_lines_update(checkout_token=cart.pk, lines=[services.LineUpdateInput(cart.lines.get().pk, 1)])
    checkout = Checkout.objects.get(pk=cart.pk)
    assert (checkout.voucher_id, checkout.voucher_code) == (None, "")


@pytest.mark.django_db
def test_removing_another_code_than_the_carts_is_not_found(cart):
    Voucher.objects.create(code="DIX", discount_value=Decimal("1"))
    services.checkout_voucher_add(checkout_token=cart.pk, code="DIX")
    with pytest.raises(ValidationError) as error:
        services.checkout_voucher_remove(checkout_token=cart.pk, code="AUTRE")
    assert codes(error.value) == ["NOT_FOUND"]
    assert Checkout.objects.get(pk=cart.pk).voucher_code == "DIX"
    services.checkout_voucher_remove(checkout_token=cart.pk, code="dix")
    assert Checkout.objects.get(pk=cart.pk).voucher_code == ""
