"""Addresses and delivery: served communes, weight brackets, pickup points (ALL and LOCAL), stale options."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.models import Checkout, CheckoutDelivery
from backend.commerce.checkout.selectors import checkout_lines_info, checkout_problems, collection_points_for
from backend.commerce.warehouse.models import Stock, WarehouseClickAndCollectOption
from tests import factories


def codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]


@pytest.fixture
def cart(channel, cheese):
    return services.checkout_create(channel=channel, email="lea@example.fr", lines=[services.LineInput(cheese.pk, 2)])


@pytest.mark.django_db
def test_address_in_a_commune_not_served_is_invalid_and_changes_nothing(cart, zone, home_address):
    # Landrecies is in the territory but not in the delivery zone
    home_address.update(city="Landrecies", postal_code="59550")
    with pytest.raises(ValidationError) as error:
        delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    assert codes(error.value) == ["INVALID"]
    assert error.value.error_dict["postal_code"][0].params["address_type"] == "SHIPPING"
    assert "Landrecies" in error.value.error_dict["postal_code"][0].message
    assert Checkout.objects.get(pk=cart.pk).shipping_address_id is None


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value", "code"), [("postal_code", "5953", "INVALID"),
                                                      ("street_address_1", "", "REQUIRED"),
                                                      ("country", "BE", "INVALID")])
def test_badly_formed_french_address_is_refused(cart, zone, home_address, field, value, code):
    home_address[field] = value
    with pytest.raises(ValidationError) as error:
        delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    assert codes(error.value) == [code]
    assert Checkout.objects.get(pk=cart.pk).shipping_address_id is None


@pytest.mark.django_db
def test_served_address_is_stored_with_its_commune_code(cart, zone, home_address):
    home_address["city"] = "le quesnoy"
    delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    address = Checkout.objects.get(pk=cart.pk).shipping_address
    assert (address.city, address.postal_code, address.commune_insee) == ("LE QUESNOY", "59530", "59481")


@pytest.mark.django_db
def test_delivery_options_follow_the_weight_bracket(channel, cart, cheese, zone, home_address):
    delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    options = delivery.checkout_delivery_options_calculate(checkout_token=cart.pk)
    # 2 x 0,5 kg: the light bracket only
    assert [(d.name, d.price_amount, d.minimum_delivery_days, d.maximum_delivery_days) for d in options] == [
        ("Livraison à domicile", Decimal("4.90"), 1, 3)]
    cheese.weight = Decimal("6")
    cheese.save()
    options = delivery.checkout_delivery_options_calculate(checkout_token=cart.pk)
    assert [(d.name, d.price_amount) for d in options] == [("Livraison lourde", Decimal("9.90"))]


@pytest.mark.django_db
def test_choosing_a_calculated_delivery_then_the_option_disappears_makes_it_invalid(cart, zone, home_address):
    delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    [option] = delivery.checkout_delivery_options_calculate(checkout_token=cart.pk)
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, delivery_id=option.pk)
    checkout = Checkout.objects.get(pk=cart.pk)
    assert checkout.assigned_delivery_id == option.pk
    assert checkout_problems(checkout, checkout_lines_info(checkout)) == []
    # when the method leaves the channel
    zone["light"].channel_listings.all().delete()
    delivery.checkout_delivery_options_calculate(checkout_token=cart.pk)
    checkout = Checkout.objects.get(pk=cart.pk)
    assert [p.kind for p in checkout_problems(checkout, checkout_lines_info(checkout))] == [
        "CheckoutProblemDeliveryMethodInvalid"]


@pytest.mark.django_db
def test_changing_lines_makes_the_delivery_options_stale(cart, cheese, zone, home_address):
    delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    [option] = delivery.checkout_delivery_options_calculate(checkout_token=cart.pk)
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, delivery_id=option.pk)
    services.checkout_lines_add(checkout_token=cart.pk, lines=[services.LineInput(cheese.pk, 1)])
    checkout = Checkout.objects.get(pk=cart.pk)
    assert [p.kind for p in checkout_problems(checkout, checkout_lines_info(checkout))] == [
        "CheckoutProblemDeliveryMethodStale"]


@pytest.mark.django_db
def test_delivery_without_address_is_shipping_address_not_set(cart, zone):
    with pytest.raises(ValidationError) as error:
        delivery.checkout_delivery_method_update(checkout_token=cart.pk, shipping_method_id=zone["light"].pk)
    assert codes(error.value) == ["SHIPPING_ADDRESS_NOT_SET"]
    assert CheckoutDelivery.objects.count() == 0


@pytest.mark.django_db
def test_delivery_of_another_cart_is_not_found(channel, cart, cheese, zone, home_address):
    other = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_shipping_address_update(checkout_token=other.pk, address=home_address)
    [foreign] = delivery.checkout_delivery_options_calculate(checkout_token=other.pk)
    delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    with pytest.raises(ValidationError) as error:
        delivery.checkout_delivery_method_update(checkout_token=cart.pk, delivery_id=foreign.pk)
    assert codes(error.value) == ["NOT_FOUND"]
    assert Checkout.objects.get(pk=cart.pk).assigned_delivery_id is None


@pytest.mark.django_db
def test_pickup_points_all_and_local_as_saleor_rules_them(channel, cart, cheese, farm, pickup_point, communes):
    # a relay point that only serves its own stock (LOCAL), holding 1 Maroilles
    relay = factories.warehouse("Relais de Bavay", commune=communes["bavay"])
    relay.click_and_collect_option = WarehouseClickAndCollectOption.LOCAL_STOCK
    relay.save()
    stock = Stock.objects.create(warehouse=relay, product_variant=cheese, quantity=1)
    checkout = Checkout.objects.get(pk=cart.pk)
    # 2 Maroilles: the relay's own stock is short, the ALL point is fine
    assert [p.name for p in collection_points_for(checkout, checkout_lines_info(checkout))] == [
        "Point retrait Le Quesnoy"]
    stock.quantity = 2
    stock.save()
    assert [p.name for p in collection_points_for(checkout, checkout_lines_info(checkout))] == [
        "Point retrait Le Quesnoy", "Relais de Bavay"]


@pytest.mark.django_db
def test_choosing_a_pickup_point_copies_its_address_and_refuses_a_disabled_one(cart, pickup_point, farm):
    with pytest.raises(ValidationError) as error:
        delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=farm.pk)
    assert codes(error.value) == ["DELIVERY_METHOD_NOT_APPLICABLE"]
    assert Checkout.objects.get(pk=cart.pk).collection_point_id is None
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=pickup_point.pk)
    checkout = Checkout.objects.get(pk=cart.pk)
    assert checkout.collection_point_id == pickup_point.pk
    assert checkout.shipping_address.company_name == "Point retrait Le Quesnoy"
    assert checkout.shipping_address_id != pickup_point.address_id


@pytest.mark.django_db
def test_delivery_options_stay_fresh_for_the_configured_time(cart, zone, home_address, settings):
    settings.CHECKOUT_DELIVERY_OPTIONS_TTL_SECONDS = 60
    delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    before = timezone.now()
    delivery.checkout_delivery_options_calculate(checkout_token=cart.pk)
    stale_at = Checkout.objects.get(pk=cart.pk).delivery_methods_stale_at
    assert before + timedelta(seconds=59) < stale_at < timezone.now() + timedelta(seconds=61)
