"""Address rules, shipping zones, the cart's customer, metadata permissions and the cart's problems."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.commerce.checkout import delivery, services
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.checkout.models import Checkout
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.api.checkout.conftest import ERRORS, HOME, gid, run


@pytest.mark.django_db
def test_address_validation_rules_for_france_list_the_served_communes(api, zone):
    rules = run(api, """{ addressValidationRules(countryCode: FR) { countryCode countryName requiredFields
        upperFields postalCodeMatchers postalCodeExamples cityChoices { raw verbose } cityAreaChoices { raw } } }""",
                path="addressValidationRules")
    assert rules == {
        "countryCode": "FR", "countryName": "France", "requiredFields": ["streetAddress1", "city", "postalCode"],
        "upperFields": ["city"], "postalCodeMatchers": [r"^\d{5}$"], "postalCodeExamples": ["59530", "59570"],
        "cityChoices": [{"raw": "BAVAY", "verbose": "Bavay (59570)"},
                        {"raw": "LE QUESNOY", "verbose": "Le Quesnoy (59530)"}],
        "cityAreaChoices": []}


@pytest.mark.django_db
def test_shipping_zones_are_for_staff(api, zone, order_staff_api, plain_staff_api):
    query = "{ shippingZones(first: 5) { totalCount edges { node { name countries { code } " \
            "shippingMethods { name maximumOrderWeight { value } } channels { slug } } } } }"
    for client in (api, plain_staff_api):
        assert client.query(query)["data"] == {"shippingZones": None}
    assert run(order_staff_api, query, path="shippingZones") == {"totalCount": 1, "edges": [{"node": {
        "name": "Tournée du Quesnoy", "countries": [{"code": "FR"}],
        "shippingMethods": [{"name": "Livraison à domicile", "maximumOrderWeight": {"value": 10.0}},
                            {"name": "Livraison lourde", "maximumOrderWeight": {"value": 30.0}}],
        "channels": [{"slug": "comptoir-de-mormal"}]}}]}


ATTACH = """mutation ($id: ID!, $c: ID) { checkoutCustomerAttach(id: $id, customerId: $c) {
  checkout { email user { email } } ERRS } }""".replace("ERRS", ERRORS)
DETACH = """mutation ($id: ID!) { checkoutCustomerDetach(id: $id) { checkout { email } ERRS } }""".replace(
    "ERRS", ERRORS)


@pytest.mark.django_db
def test_customer_attach_is_for_the_signed_in_caller(api, channel, customer, customer_api):
    cart = services.checkout_create(channel=channel, email="autre@example.fr")
    checkout_id = gid("Checkout", cart.pk)
    assert api.query(ATTACH, {"id": checkout_id})["data"] == {"checkoutCustomerAttach": None}
    other = factories.user("paul@example.fr")
    refused = customer_api.query(ATTACH, {"id": checkout_id, "c": gid("User", other.pk)})
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Checkout.objects.get().user_id is None
    attached = run(customer_api, ATTACH, {"id": checkout_id}, "checkoutCustomerAttach")
    assert attached == {"checkout": {"email": "lea@example.fr", "user": {"email": "lea@example.fr"}}, "errors": []}
    # someone else cannot take the cart off Léa's account
    assert UserClient(other).query(DETACH, {"id": checkout_id})["data"] == {"checkoutCustomerDetach": None}
    assert Checkout.objects.get().user_id == customer.pk
    assert run(customer_api, DETACH, {"id": checkout_id}, "checkoutCustomerDetach")["errors"] == []
    assert Checkout.objects.get().user_id is None


@pytest.mark.django_db
def test_update_metadata_on_an_order_needs_manage_orders(api, channel, cheese, pickup_point, order_staff_api):
    cart = services.checkout_create(channel=channel, email="lea@example.fr", lines=[services.LineInput(cheese.pk, 1)])
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, collection_point_id=pickup_point.pk)
    order = checkout_complete(checkout_token=cart.pk).order
    mutation = """mutation ($id: ID!) { updateMetadata(id: $id, input: [{key: "tournee", value: "mardi"}]) {
        item { ... on Order { metadata { key value } } } errors { field code } } }"""
    assert api.query(mutation, {"id": gid("Order", order.pk)})["data"] == {"updateMetadata": None}
    assert api.query(mutation, {"id": gid("Product", 1)})["data"] == {"updateMetadata": None}
    answer = run(order_staff_api, mutation, {"id": gid("Order", order.pk)}, "updateMetadata")
    assert answer == {"item": {"metadata": [{"key": "pickupCode", "value": order.pickup_code},
                                            {"key": "tournee", "value": "mardi"}]}, "errors": []}


@pytest.mark.django_db
def test_stale_delivery_and_short_stock_are_reported_as_problems(api, channel, cheese, zone, home_address):
    from backend.commerce.warehouse.models import Stock

    cart = services.checkout_create(channel=channel, email="lea@example.fr", lines=[services.LineInput(cheese.pk, 3)])
    delivery.checkout_shipping_address_update(checkout_token=cart.pk, address=home_address)
    delivery.checkout_delivery_method_update(checkout_token=cart.pk, shipping_method_id=zone["light"].pk)
    Checkout.objects.filter(pk=cart.pk).update(delivery_methods_stale_at=timezone.now() - timedelta(minutes=1))
    Stock.objects.filter(product_variant=cheese).update(quantity=2)
    problems = run(api, """query ($id: ID!) { checkout(id: $id) { problems { __typename
        ... on CheckoutLineProblemInsufficientStock { availableQuantity variant { id } line { quantity } }
        ... on CheckoutProblemDeliveryMethodStale { delivery { shippingMethod { name } } } }
        lines { problems { __typename } } } }""", {"id": gid("Checkout", cart.pk)}, "checkout")
    assert problems == {"problems": [
        {"__typename": "CheckoutLineProblemInsufficientStock", "availableQuantity": 2,
         "variant": {"id": gid("ProductVariant", cheese.pk)}, "line": {"quantity": 3}},
        {"__typename": "CheckoutProblemDeliveryMethodStale",
         "delivery": {"shippingMethod": {"name": "Livraison à domicile"}}}],
        "lines": [{"problems": [{"__typename": "CheckoutLineProblemInsufficientStock"}]}]}
    assert HOME["postal_code"] == "59530"


@pytest.mark.django_db
def test_save_address_copies_it_once_into_the_customers_book(channel, customer, customer_api, zone):
    cart = services.checkout_create(channel=channel, user=customer)
    address = {"firstName": "Léa", "lastName": "Martin", "streetAddress1": HOME["street_address_1"],
               "city": "Le Quesnoy", "postalCode": "59530", "country": "FR"}
    mutation = """mutation ($id: ID!, $a: AddressInput!, $save: Boolean) { checkoutShippingAddressUpdate(id: $id,
        shippingAddress: $a, saveAddress: $save) { checkout { shippingAddress { city } } ERRS } }""".replace(
        "ERRS", ERRORS)
    run(customer_api, mutation, {"id": gid("Checkout", cart.pk), "a": address, "save": False})
    assert customer.addresses.count() == 0
    for _ in range(2):
        answer = run(customer_api, mutation, {"id": gid("Checkout", cart.pk), "a": address},
                     "checkoutShippingAddressUpdate")
        assert answer == {"checkout": {"shippingAddress": {"city": "LE QUESNOY"}}, "errors": []}
    assert list(customer.addresses.values_list("city", "postal_code")) == [("LE QUESNOY", "59530")]


@pytest.mark.django_db
def test_checkout_create_with_addresses_checks_them_like_the_update(api, channel, zone):
    mutation = """mutation ($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
        checkout { shippingAddress { city } billingAddress { city } metafield(key: "source") } ERRS } }""".replace(
        "ERRS", ERRORS)
    home = {"firstName": "Léa", "lastName": "Martin", "streetAddress1": HOME["street_address_1"],
            "city": "Bavay", "postalCode": "59570", "country": "FR"}
    created = run(api, mutation, {"input": {"channel": channel.slug, "shippingAddress": home, "billingAddress": home,
                                            "metadata": [{"key": "source", "value": "marche"}]}}, "checkoutCreate")
    assert created == {"checkout": {"shippingAddress": {"city": "BAVAY"}, "billingAddress": {"city": "BAVAY"},
                                    "metafield": "marche"}, "errors": []}
    outside = run(api, mutation, {"input": {"channel": channel.slug, "shippingAddress": {**home, "city": "Landrecies",
                                                                                       "postalCode": "59550"}}},
                  "checkoutCreate")
    assert (outside["checkout"], [(e["code"], e["addressType"]) for e in outside["errors"]]) == (
        None, [("INVALID", "SHIPPING")])
    assert Checkout.objects.count() == 1
