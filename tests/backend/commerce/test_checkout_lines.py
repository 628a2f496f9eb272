"""Cart lines: each refusal answers Saleor's error code and leaves the cart exactly as it was."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.commerce.checkout import services
from backend.commerce.checkout.models import Checkout, CheckoutLine
from backend.commerce.product.models import ProductChannelListing, ProductVariantChannelListing
from backend.core.ids import to_global_id
from tests import factories


def codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]


def lines_of(checkout) -> list[tuple[int, int]]:
    return list(CheckoutLine.objects.filter(checkout=checkout).order_by("created_at")
                .values_list("variant_id", "quantity"))


@pytest.fixture
def cart(channel, cheese):
    return services.checkout_create(channel=channel, email="lea@example.fr", lines=[services.LineInput(cheese.pk, 1)])


@pytest.mark.django_db
def test_adding_a_variant_already_in_the_cart_adds_to_its_line(cart, cheese):
    services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(cheese.pk, 2)])
    assert lines_of(cart) == [(cheese.pk, 3)]


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", [0, -3])
def test_adding_zero_or_negative_quantity_is_zero_quantity(cart, cheese, quantity):
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(cheese.pk, quantity)])
    assert codes(error.value) == ["ZERO_QUANTITY"]
    assert lines_of(cart) == [(cheese.pk, 1)]


@pytest.mark.django_db
def test_more_than_the_stock_is_insufficient_stock_naming_the_variant(cart, cheese):
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(cheese.pk, 10)])
    assert codes(error.value) == ["INSUFFICIENT_STOCK"]
    assert error.value.error_dict["quantity"][0].params["variants"] == [to_global_id("ProductVariant", cheese.pk)]
    assert lines_of(cart) == [(cheese.pk, 1)]


@pytest.mark.django_db
def test_more_than_fifty_units_is_quantity_greater_than_limit(channel, cart):
    from tests.backend.commerce.conftest import sellable

    flour = sellable("Farine de blé", stock=500)
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(flour.pk, 51)])
    assert codes(error.value) == ["QUANTITY_GREATER_THAN_LIMIT"]
    assert CheckoutLine.objects.filter(checkout=cart).count() == 1


@pytest.mark.django_db
def test_per_customer_limit_of_the_variant_is_quantity_greater_than_limit(cart, cheese):
    cheese.quantity_limit_per_customer = 2
    cheese.save()
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(cheese.pk, 2)])
    assert codes(error.value) == ["QUANTITY_GREATER_THAN_LIMIT"]
    assert lines_of(cart) == [(cheese.pk, 1)]


@pytest.mark.django_db
def test_variant_without_price_in_the_channel_is_unavailable_in_channel(cart, cheese):
    from tests.backend.commerce.conftest import sellable

    other = sellable("Miel de Mormal")
    ProductVariantChannelListing.objects.filter(variant=other).delete()
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(other.pk, 1)])
    assert codes(error.value) == ["UNAVAILABLE_VARIANT_IN_CHANNEL"]
    assert lines_of(cart) == [(cheese.pk, 1)]


@pytest.mark.django_db
def test_unpublished_product_is_product_not_published(cart, cheese):
    from tests.backend.commerce.conftest import sellable

    other = sellable("Miel de Mormal")
    ProductChannelListing.objects.filter(product=other.product).update(is_published=False)
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(other.pk, 1)])
    assert codes(error.value) == ["PRODUCT_NOT_PUBLISHED"]
    assert lines_of(cart) == [(cheese.pk, 1)]


@pytest.mark.django_db
def test_product_on_sale_only_tomorrow_is_unavailable_for_purchase(cart, cheese):
    from tests.backend.commerce.conftest import sellable

    other = sellable("Miel de Mormal")
    ProductChannelListing.objects.filter(product=other.product).update(
        available_for_purchase_at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(other.pk, 1)])
    assert codes(error.value) == ["PRODUCT_UNAVAILABLE_FOR_PURCHASE"]


@pytest.mark.django_db
def test_unknown_variant_is_not_found(cart, cheese):
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(999_999, 1)])
    assert codes(error.value) == ["NOT_FOUND"]
    assert lines_of(cart) == [(cheese.pk, 1)]


@pytest.mark.django_db
def test_unknown_checkout_is_not_found(channel, cheese):
    import uuid

    with pytest.raises(ValidationError) as error:
        services.checkout_lines_add(checkout_token=uuid.uuid4(), lines=[services.LineInput(cheese.pk, 1)])
    assert codes(error.value) == ["NOT_FOUND"]


@pytest.mark.django_db
def test_update_to_zero_removes_the_line_and_negative_is_refused(cart, cheese):
    line = cart.lines.get()
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_update(checkout_token=cart.pk, lines=[services.LineUpdateInput(line.pk, -1)])
    assert codes(error.value) == ["ZERO_QUANTITY"]
    assert lines_of(cart) == [(cheese.pk, 1)]
    services.checkout_lines_update(checkout_token=cart.pk, lines=[services.LineUpdateInput(line.pk, 0)])
    assert lines_of(cart) == []


@pytest.mark.django_db
def test_lines_of_another_cart_cannot_be_updated_or_deleted(channel, cart, cheese):
    other = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 2)])
    foreign_line = other.lines.get()
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_update(checkout_token=cart.pk, lines=[services.LineUpdateInput(foreign_line.pk, 5)])
    assert codes(error.value) == ["NOT_FOUND"]
    with pytest.raises(ValidationError) as error:
        services.checkout_lines_delete(checkout_token=cart.pk, line_ids=[foreign_line.pk])
    assert codes(error.value) == ["NOT_FOUND"]
    assert lines_of(other) == [(cheese.pk, 2)]


@pytest.mark.django_db
def test_invalid_email_is_invalid_and_keeps_the_old_one(cart):
    with pytest.raises(ValidationError) as error:
        services.checkout_email_update(checkout_token=cart.pk, email="pas-un-email")
    assert codes(error.value) == ["INVALID"]
    assert Checkout.objects.get(pk=cart.pk).email == "lea@example.fr"


@pytest.mark.django_db
def test_inactive_channel_refuses_new_carts(channel):
    channel.is_active = False
    channel.save()
    with pytest.raises(ValidationError) as error:
        services.checkout_create(channel=channel)
    assert codes(error.value) == ["CHANNEL_INACTIVE"]
    assert Checkout.objects.count() == 0


@pytest.mark.django_db
def test_customer_attach_takes_the_account_email_and_detach_keeps_it(cart):
    user = factories.user("marc@example.fr")
    services.checkout_customer_attach(checkout_token=cart.pk, user=user)
    cart.refresh_from_db()
    assert (cart.user_id, cart.email) == (user.pk, "marc@example.fr")
    services.checkout_customer_detach(checkout_token=cart.pk)
    cart.refresh_from_db()
    assert (cart.user_id, cart.email) == (None, "marc@example.fr")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_lines_add_query_count_does_not_grow_with_the_lines(cart, channel, count, django_assert_num_queries):
    from tests.backend.commerce.conftest import sellable

    variants = [sellable(f"Produit {i}") for i in range(count)]
    # lock, lines, variants with their listings (one query), the cart's distribution day (plugins' refusals: a
    # producer's cut-off), insert, stocks, reservations, touch, and the savepoint pair
    with django_assert_num_queries(10):
        services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(v.pk, 1) for v in variants])
    assert CheckoutLine.objects.filter(checkout=cart).count() == count + 1


@pytest.mark.django_db
def test_malformed_ids_are_not_found_never_a_crash(channel, cheese):
    from backend.commerce.checkout.complete import checkout_complete
    from backend.commerce.order.fulfillment import order_fulfillment_cancel
    from backend.commerce.order.services import order_cancel
    from backend.commerce.payment.services import transaction_event_record

    calls = [
        lambda: services.checkout_lines_add(checkout_token="pas-un-uuid", lines=[services.LineInput(cheese.pk, 1)]),
        lambda: checkout_complete(checkout_token="123"),
        lambda: order_cancel(order_id="abc"),
        lambda: order_fulfillment_cancel(fulfillment_id="abc"),
        lambda: transaction_event_record(transaction_token="abc", type="CHARGE_SUCCESS", amount=1),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as error:
            call()
        assert codes(error.value) == ["NOT_FOUND"]
