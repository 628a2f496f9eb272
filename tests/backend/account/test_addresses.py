"""The address book: accountAddressCreate / Update / Delete and accountSetDefaultAddress, with French rules."""

import pytest

from backend.commerce.account.models import Address
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum
from tests import factories

CREATE = """
mutation($input: AddressInput!, $type: AddressTypeEnum, $customerId: ID) {
  accountAddressCreate(input: $input, type: $type, customerId: $customerId) {
    address { id firstName streetAddress1 city postalCode phone country { code } }
    user { email defaultShippingAddress { id } defaultBillingAddress { id } }
    errors { field message code addressType }
  }
}"""
UPDATE = """
mutation($id: ID!, $input: AddressInput!) {
  accountAddressUpdate(id: $id, input: $input) {
    address { id streetAddress1 streetAddress2 city postalCode }
    errors { field message code }
  }
}"""
DELETE = """
mutation($id: ID!) {
  accountAddressDelete(id: $id) {
    address { id city }
    user { addresses { id } defaultShippingAddress { id } }
    errors { field message code }
  }
}"""
SET_DEFAULT = """
mutation($id: ID!, $type: AddressTypeEnum!) {
  accountSetDefaultAddress(id: $id, type: $type) {
    user { defaultShippingAddress { id } defaultBillingAddress { id } }
    errors { field message code }
  }
}"""
QUESNOY = {"firstName": "Claire", "lastName": "Martin", "streetAddress1": "3 rue Jean Jaurès", "city": "Le Quesnoy",
           "postalCode": "59 530", "phone": "03 27 49 00 00"}


def _book_address(user, city="LE QUESNOY"):
    address = Address.objects.create(street_address_1="1 place du Général Leclerc", city=city, postal_code="59530")
    user.addresses.add(address)
    return address


@pytest.mark.django_db
def test_create_address_normalises_it_the_french_way_and_sets_the_default(gql, customer, customer_token):
    # when
    result = gql(CREATE, {"input": QUESNOY, "type": "SHIPPING"}, token=customer_token)["accountAddressCreate"]
    # then
    address = Address.objects.get()
    assert result["errors"] == []
    assert result["address"] == {"id": to_global_id("Address", address.pk), "firstName": "Claire",
                                 "streetAddress1": "3 rue Jean Jaurès", "city": "LE QUESNOY", "postalCode": "59530",
                                 "phone": "+33327490000", "country": {"code": "FR"}}
    assert result["user"] == {"email": customer.email,
                              "defaultShippingAddress": {"id": to_global_id("Address", address.pk)},
                              "defaultBillingAddress": None}
    assert list(customer.addresses.all()) == [address]


@pytest.mark.django_db
def test_create_address_without_type_leaves_defaults_alone(gql, customer, customer_token):
    result = gql(CREATE, {"input": QUESNOY}, token=customer_token)["accountAddressCreate"]

    assert result["errors"] == []
    assert result["user"]["defaultShippingAddress"] is None
    assert customer.addresses.count() == 1


@pytest.mark.parametrize(("changes", "field", "code", "message"), [
    ({"postalCode": "5953"}, "postalCode", "INVALID", "Le code postal doit compter cinq chiffres."),
    ({"postalCode": "ABCDE"}, "postalCode", "INVALID", "Le code postal doit compter cinq chiffres."),
    ({"postalCode": ""}, "postalCode", "REQUIRED", "Ce champ est obligatoire."),
    ({"city": " "}, "city", "REQUIRED", "Ce champ est obligatoire."),
    ({"streetAddress1": ""}, "streetAddress1", "REQUIRED", "Ce champ est obligatoire."),
    ({"country": "BE"}, "country", "INVALID", "Nous ne servons que des adresses en France."),
    ({"phone": "12345"}, "phone", "INVALID", "Saisissez un numéro de téléphone français (10 chiffres)."),
    ({"firstName": "x" * 300}, "firstName", "INVALID", "Ce champ ne peut pas dépasser 256 caractères."),
])
@pytest.mark.django_db
def test_create_address_refuses_bad_input_and_writes_nothing(gql, customer, customer_token, changes, field, code,
                                                             message):
    result = gql(CREATE, {"input": {**QUESNOY, **changes}, "type": "BILLING"},
                 token=customer_token)["accountAddressCreate"]

    assert result["errors"] == [{"field": field, "message": message, "code": code, "addressType": "BILLING"}]
    assert result["address"] is None
    assert Address.objects.count() == 0


@pytest.mark.django_db
def test_create_address_needs_a_signed_in_user(gql):
    body = gql(CREATE, {"input": QUESNOY}, allow_errors=True)

    assert body["data"] == {"accountAddressCreate": None}
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Address.objects.count() == 0


@pytest.mark.django_db
def test_create_address_for_a_customer_needs_manage_users(gql, customer):
    # given
    from backend.commerce.account.tokens import create_access_token

    other = factories.user("autre@example.fr")
    staff = factories.staff(permissions=[PermissionEnum.MANAGE_USERS])
    customer_id = to_global_id("User", customer.pk)
    # when
    refused = gql(CREATE, {"input": QUESNOY, "customerId": customer_id}, token=create_access_token(other),
                  allow_errors=True)
    allowed = gql(CREATE, {"input": QUESNOY, "customerId": customer_id},
                  token=create_access_token(staff))["accountAddressCreate"]
    # then
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert other.addresses.count() == 0
    assert allowed["errors"] == []
    assert allowed["user"]["email"] == customer.email
    assert customer.addresses.count() == 1


@pytest.mark.django_db
def test_update_address_changes_only_the_fields_sent(gql, customer, customer_token):
    # given
    address = _book_address(customer)
    # when
    result = gql(UPDATE, {"id": to_global_id("Address", address.pk), "input": {"streetAddress2": "Bâtiment B"}},
                 token=customer_token)["accountAddressUpdate"]
    # then
    assert result == {"address": {"id": to_global_id("Address", address.pk),
                                  "streetAddress1": "1 place du Général Leclerc", "streetAddress2": "Bâtiment B",
                                  "city": "LE QUESNOY", "postalCode": "59530"}, "errors": []}


@pytest.mark.django_db
def test_update_address_refuses_an_invalid_result_and_keeps_the_address(gql, customer, customer_token):
    address = _book_address(customer)

    result = gql(UPDATE, {"id": to_global_id("Address", address.pk), "input": {"postalCode": "123"}},
                 token=customer_token)["accountAddressUpdate"]

    assert result["errors"] == [{"field": "postalCode", "message": "Le code postal doit compter cinq chiffres.",
                                 "code": "INVALID"}]
    address.refresh_from_db()
    assert address.postal_code == "59530"


@pytest.mark.django_db
def test_another_customers_address_cannot_be_updated_deleted_or_made_default(gql, customer_token):
    # given
    stranger = factories.user("voisin@example.fr")
    address = _book_address(stranger, city="BAVAY")
    address_id = to_global_id("Address", address.pk)
    not_found = [{"field": "id", "message": "Cette adresse n'existe pas dans votre carnet d'adresses.",
                  "code": "NOT_FOUND"}]
    # when
    updated = gql(UPDATE, {"id": address_id, "input": {"city": "Maubeuge"}}, token=customer_token)
    deleted = gql(DELETE, {"id": address_id}, token=customer_token)
    defaulted = gql(SET_DEFAULT, {"id": address_id, "type": "SHIPPING"}, token=customer_token)
    # then
    assert updated["accountAddressUpdate"]["errors"] == not_found
    assert deleted["accountAddressDelete"]["errors"] == not_found
    assert defaulted["accountSetDefaultAddress"]["errors"] == not_found
    address.refresh_from_db()
    assert address.city == "BAVAY"
    stranger.refresh_from_db()
    assert stranger.addresses.count() == 1


@pytest.mark.parametrize(("global_id", "message"), [
    ("pas-un-id", "Identifiant invalide : pas-un-id."),
    (to_global_id("Product", 1), "Identifiant invalide : UHJvZHVjdDox n'est pas un identifiant de type Address."),
])
@pytest.mark.django_db
def test_address_mutations_refuse_malformed_ids(gql, customer_token, global_id, message):
    result = gql(DELETE, {"id": global_id}, token=customer_token)["accountAddressDelete"]

    assert result["errors"] == [{"field": "id", "message": message, "code": "GRAPHQL_ERROR"}]


@pytest.mark.django_db
def test_delete_address_clears_the_default_it_was(gql, customer, customer_token):
    # given
    address = _book_address(customer)
    kept = _book_address(customer, city="BAVAY")
    customer.default_shipping_address = address
    customer.save()
    # when
    result = gql(DELETE, {"id": to_global_id("Address", address.pk)}, token=customer_token)["accountAddressDelete"]
    # then
    assert result == {"address": {"id": to_global_id("Address", address.pk), "city": "LE QUESNOY"},
                      "user": {"addresses": [{"id": to_global_id("Address", kept.pk)}],
                               "defaultShippingAddress": None},
                      "errors": []}
    assert list(Address.objects.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.django_db
def test_set_default_address_for_each_type(gql, customer, customer_token):
    shipping, billing = _book_address(customer), _book_address(customer, city="BAVAY")

    gql(SET_DEFAULT, {"id": to_global_id("Address", shipping.pk), "type": "SHIPPING"}, token=customer_token)
    result = gql(SET_DEFAULT, {"id": to_global_id("Address", billing.pk), "type": "BILLING"},
                 token=customer_token)["accountSetDefaultAddress"]

    assert result == {"user": {"defaultShippingAddress": {"id": to_global_id("Address", shipping.pk)},
                               "defaultBillingAddress": {"id": to_global_id("Address", billing.pk)}},
                      "errors": []}
