"""The `me` query: the signed-in user with the contract's fields, through dataloaders, with pinned SQL counts."""

import pytest
from django.contrib.auth.models import Group, Permission

from backend.commerce.account.models import Address
from backend.commerce.account.tokens import create_access_token
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum
from tests import factories

ME_FULL = """
query {
  me {
    id email firstName lastName isActive isConfirmed isStaff languageCode dateJoined lastLogin updatedAt note
    avatar { url }
    metadata { key value }
    privateMetadata { key value }
    addresses { id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode
                country { code country } countryArea phone isDefaultShippingAddress isDefaultBillingAddress }
    defaultShippingAddress { id city }
    defaultBillingAddress { id city }
    userPermissions { code name }
    restrictedAccessToChannels
  }
}"""


def _address(user, city, postal_code="59530", **extra):
    address = Address.objects.create(first_name=user.first_name, last_name=user.last_name,
                                     street_address_1="12 rue Chevray", city=city, postal_code=postal_code, **extra)
    user.addresses.add(address)
    return address


@pytest.mark.django_db
def test_me_is_null_for_anonymous_callers(gql):
    assert gql("{ me { id email } }") == {"me": None}


@pytest.mark.django_db
def test_me_answers_the_contract_fields_of_a_customer(gql, customer, customer_token):
    # given
    home = _address(customer, "LE QUESNOY", phone="+33327000000")
    work = _address(customer, "BAVAY", "59570", company_name="Fromagerie de Bavay")
    customer.default_shipping_address = home
    customer.default_billing_address = work
    customer.metadata = {"newsletter": "oui"}
    customer.private_metadata = {"note-interne": "secret"}
    customer.note = "Client fidèle"
    customer.save()
    # when
    me = gql(ME_FULL, token=customer_token)["me"]
    # then
    assert me["id"] == to_global_id("User", customer.pk)
    assert (me["email"], me["firstName"], me["lastName"]) == ("claire.martin@example.fr", "Claire", "Martin")
    assert (me["isActive"], me["isConfirmed"], me["isStaff"]) == (True, True, False)
    assert me["languageCode"] == "FR"
    assert me["dateJoined"] == customer.date_joined.isoformat()
    assert me["note"] is None  # staff only
    assert me["avatar"] is None
    assert me["metadata"] == [{"key": "newsletter", "value": "oui"}]
    assert me["privateMetadata"] == []
    assert me["userPermissions"] == []
    assert me["restrictedAccessToChannels"] is False
    assert me["addresses"] == [
        {"id": to_global_id("Address", home.pk), "firstName": "Claire", "lastName": "Martin", "companyName": "",
         "streetAddress1": "12 rue Chevray", "streetAddress2": "", "city": "LE QUESNOY", "cityArea": "",
         "postalCode": "59530", "country": {"code": "FR", "country": "France"}, "countryArea": "",
         "phone": "+33327000000", "isDefaultShippingAddress": True, "isDefaultBillingAddress": False},
        {"id": to_global_id("Address", work.pk), "firstName": "Claire", "lastName": "Martin",
         "companyName": "Fromagerie de Bavay", "streetAddress1": "12 rue Chevray", "streetAddress2": "",
         "city": "BAVAY", "cityArea": "", "postalCode": "59570", "country": {"code": "FR", "country": "France"},
         "countryArea": "", "phone": None, "isDefaultShippingAddress": False, "isDefaultBillingAddress": True},
    ]
    assert me["defaultShippingAddress"] == {"id": to_global_id("Address", home.pk), "city": "LE QUESNOY"}
    assert me["defaultBillingAddress"] == {"id": to_global_id("Address", work.pk), "city": "BAVAY"}


@pytest.mark.django_db
def test_me_lists_staff_permissions_own_and_through_groups(gql):
    # given
    staff = factories.staff("equipe@comptoir-de-mormal.fr", permissions=[PermissionEnum.MANAGE_ORDERS])
    group = Group.objects.create(name="Catalogue")
    group.permissions.add(Permission.objects.get(content_type__app_label="product", codename="manage_products"))
    staff.groups.add(group)
    # when
    me = gql("{ me { isStaff userPermissions { code name } } }", token=create_access_token(staff))["me"]
    # then
    assert me == {"isStaff": True, "userPermissions": [
        {"code": "MANAGE_ORDERS", "name": "Gérer les commandes"},
        {"code": "MANAGE_PRODUCTS", "name": Permission.objects.get(codename="manage_products").name},
    ]}


@pytest.mark.django_db
def test_superuser_holds_every_saleor_permission(gql):
    admin = factories.user("admin@comptoir-de-mormal.fr", is_staff=True, is_superuser=True)

    me = gql("{ me { userPermissions { code } } }", token=create_access_token(admin))["me"]

    assert [p["code"] for p in me["userPermissions"]] == [p.name for p in PermissionEnum]


@pytest.mark.django_db
def test_staff_managing_users_reads_the_note(gql):
    staff = factories.staff(permissions=[PermissionEnum.MANAGE_USERS])
    staff.note = "Référent EPCI"
    staff.save()

    assert gql("{ me { note } }", token=create_access_token(staff)) == {"me": {"note": "Référent EPCI"}}


@pytest.mark.parametrize("address_count", [1, 20])
@pytest.mark.django_db
def test_me_query_count_does_not_grow_with_the_address_book(gql, customer, customer_token, address_count,
                                                            django_assert_num_queries):
    # given
    for i in range(address_count):
        _address(customer, f"COMMUNE {i}")
    customer.default_shipping_address = customer.default_billing_address = customer.addresses.first()
    customer.save()
    # when / then: the bearer's user, the address book (which holds the default addresses too)
    with django_assert_num_queries(2):
        me = gql(ME_FULL, token=customer_token)["me"]
    assert len(me["addresses"]) == address_count


@pytest.mark.django_db
def test_me_query_count_for_staff(gql, django_assert_num_queries):
    staff = factories.staff(permissions=[PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_USERS])
    token = create_access_token(staff)

    # the bearer's user, the address book, permissions granted directly and through groups
    with django_assert_num_queries(4):
        me = gql(ME_FULL, token=token)["me"]
    assert [p["code"] for p in me["userPermissions"]] == ["MANAGE_USERS", "MANAGE_ORDERS"]


@pytest.mark.parametrize(("stored", "answered"), [("fr", "FR"), ("fr-be", "FR_BE"), ("en", "EN"), ("klingon", "FR")])
@pytest.mark.django_db
def test_language_code_is_answered_as_saleors_enum(gql, customer, customer_token, stored, answered):
    customer.language_code = stored
    customer.save()

    assert gql("{ me { languageCode } }", token=customer_token) == {"me": {"languageCode": answered}}


@pytest.mark.django_db
def test_a_default_address_outside_the_book_is_still_answered(gql, customer, customer_token):
    # given: a default address that is not (or no longer) in the address book
    address = Address.objects.create(street_address_1="4 rue", city="HOUDAIN-LEZ-BAVAY", postal_code="59570")
    customer.default_billing_address = address
    customer.save()
    # when
    me = gql("{ me { addresses { id } defaultBillingAddress { id city } } }", token=customer_token)["me"]
    # then
    assert me == {"addresses": [], "defaultBillingAddress": {"id": to_global_id("Address", address.pk),
                                                             "city": "HOUDAIN-LEZ-BAVAY"}}
