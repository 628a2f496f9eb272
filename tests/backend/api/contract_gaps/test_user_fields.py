"""User's carts, gift cards, stored payment means, permission groups, channels, history and customer type."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from backend.commerce.checkout import services
from backend.commerce.checkout.models import Checkout
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum
from tests import factories
from tests.backend.api.catalogue.conftest import UserClient
from tests.backend.api.contract_gaps.conftest import count_queries, fresh, place_order, refusals


def _cart(channel, user, variant, minutes_ago):
    lines = [services.LineInput(variant.pk, 1)] if variant else []
    cart = services.checkout_create(channel=channel, user=user, lines=lines)
    Checkout.objects.filter(pk=cart.pk).update(updated_at=timezone.now() - timedelta(minutes=minutes_ago))
    return cart


def _group(name, *permissions):
    group = Group.objects.create(name=name)
    for permission in permissions:
        group.permissions.add(Permission.objects.get(content_type__app_label=permission.app_label,
                                                     codename=permission.codename))
    return group


CARTS = """query ($channel: String) { me {
  checkout { id }
  checkoutIds checkoutTokens
  inChannel: checkoutIds(channel: $channel)
  checkouts(first: 10) { totalCount edges { node { id email } } } } }"""


@pytest.mark.django_db
def test_a_customer_reads_their_carts_most_recent_first(customer, customer_api, channel, cheese):
    other_channel = factories.channel("marche-de-noel")
    old = _cart(channel, customer, cheese, minutes_ago=30)
    recent = _cart(channel, customer, cheese, minutes_ago=5)
    christmas = _cart(other_channel, customer, None, minutes_ago=10)  # the cheese is not sold there
    _cart(channel, factories.user("autre@example.fr"), cheese, minutes_ago=1)  # somebody else's

    body = customer_api.query(CARTS, {"channel": "comptoir-de-mormal"})

    assert "errors" not in body
    me = body["data"]["me"]
    ids = [to_global_id("Checkout", cart.pk) for cart in (recent, christmas, old)]
    assert me["checkout"] == {"id": ids[0]}
    assert me["checkoutIds"] == ids
    assert me["checkoutTokens"] == [str(cart.pk) for cart in (recent, christmas, old)]
    assert me["inChannel"] == [ids[0], ids[2]]
    assert me["checkouts"] == {"totalCount": 3, "edges": [
        {"node": {"id": cart_id, "email": "lea@example.fr"}} for cart_id in ids]}


@pytest.mark.django_db
def test_a_customer_without_carts_gift_cards_or_stored_cards_gets_empty_answers(customer_api):
    body = customer_api.query("""{ me { checkout { id } checkoutIds
      checkouts(first: 5) { totalCount edges { node { id } } }
      giftCards(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage } }
      storedPaymentMethods(channel: "comptoir-de-mormal") { id }
      storedPaymentSources(channel: "comptoir-de-mormal") { gateway } } }""")

    assert body == {"data": {"me": {
        "checkout": None, "checkoutIds": [], "checkouts": {"totalCount": 0, "edges": []},
        "giftCards": {"totalCount": 0, "edges": [], "pageInfo": {"hasNextPage": False}},
        "storedPaymentMethods": [], "storedPaymentSources": []}}}


@pytest.mark.django_db
def test_user_checkouts_cost_the_same_queries_for_one_cart_or_many(customer, channel, cheese):
    query = "{ me { checkoutIds checkouts(first: 10) { edges { node { id token } } } } }"
    counts = []
    for carts in (1, 4):
        Checkout.objects.filter(user=customer).delete()
        for minutes in range(carts):
            _cart(channel, customer, cheese, minutes_ago=minutes)
        count, body = count_queries(UserClient(fresh(customer)), query)
        assert len(body["data"]["me"]["checkouts"]["edges"]) == carts
        counts.append(count)
    assert counts == [1, 1]  # the user's carts, once for both fields


@pytest.mark.django_db
def test_staff_reads_their_groups_the_groups_they_can_manage_and_the_channels(channel):
    orders = _group("Commandes", PermissionEnum.MANAGE_ORDERS)
    _group("Direction", PermissionEnum.MANAGE_ORDERS, PermissionEnum.MANAGE_STAFF)
    _group("Catalogue", PermissionEnum.MANAGE_PRODUCTS)
    _group("Lecture seule")
    member = factories.staff("preparation@comptoir-de-mormal.fr", permissions=[PermissionEnum.MANAGE_PRODUCTS])
    member.groups.add(orders)

    body = UserClient(member).query("""{ me { restrictedAccessToChannels accessibleChannels { slug }
      permissionGroups { name permissions { code } restrictedAccessToChannels accessibleChannels { slug } }
      editableGroups { name userCanManage } } }""")

    assert "errors" not in body
    assert body["data"]["me"] == {
        "restrictedAccessToChannels": False, "accessibleChannels": [{"slug": "comptoir-de-mormal"}],
        "permissionGroups": [{"name": "Commandes", "permissions": [{"code": "MANAGE_ORDERS"}],
                              "restrictedAccessToChannels": False,
                              "accessibleChannels": [{"slug": "comptoir-de-mormal"}]}],
        # every group whose permissions they all hold (through a group or their own), not "Direction"
        "editableGroups": [{"name": "Catalogue", "userCanManage": True}, {"name": "Commandes", "userCanManage": True},
                           {"name": "Lecture seule", "userCanManage": True}],
    }


@pytest.mark.django_db
def test_group_members_are_listed_to_staff_managing_staff_only(channel):
    team = _group("Commandes", PermissionEnum.MANAGE_ORDERS)
    manager = factories.staff("rh@comptoir-de-mormal.fr", permissions=[PermissionEnum.MANAGE_STAFF])
    member = factories.staff("preparation@comptoir-de-mormal.fr")
    manager.groups.add(team)
    member.groups.add(team)
    query = "{ me { permissionGroups { name userCanManage users { email } } } }"

    as_manager = UserClient(manager).query(query)
    as_member = UserClient(member).query(query)

    assert as_manager == {"data": {"me": {"permissionGroups": [{"name": "Commandes", "userCanManage": True, "users": [
        {"email": "preparation@comptoir-de-mormal.fr"}, {"email": "rh@comptoir-de-mormal.fr"}]}]}}}
    assert refusals(as_member) == [(["me", "permissionGroups", 0, "users"], "PermissionDenied")]
    # the member holds the group's permission through it, so may manage it (Saleor's rule), but may not list its
    # members without MANAGE_STAFF
    assert as_member["data"]["me"]["permissionGroups"] == [{"name": "Commandes", "userCanManage": True,
                                                            "users": None}]


@pytest.mark.django_db
def test_a_customer_has_no_group_and_no_channel_access(customer_api):
    _group("Commandes", PermissionEnum.MANAGE_ORDERS)

    body = customer_api.query("{ me { permissionGroups { name } editableGroups { name } "
                              "accessibleChannels { slug } } }")

    assert body == {"data": {"me": {"permissionGroups": [], "editableGroups": [], "accessibleChannels": []}}}


@pytest.mark.django_db
def test_staff_managing_users_reads_a_customers_history(channel, customer, cheese, pickup_point):
    order = place_order(channel, customer, [(cheese, 1)], point=pickup_point)
    viewer = UserClient(factories.staff(permissions=[PermissionEnum.MANAGE_USERS, PermissionEnum.MANAGE_ORDERS]))

    body = viewer.query("""query ($id: ID!) { order(id: $id) { user { email
      events { id type date user { email } app { name } message count order { number } } } } }""",
                        {"id": to_global_id("Order", order.pk)})

    assert "errors" not in body
    events = body["data"]["order"]["user"]["events"]
    assert [(e["type"], e["user"], e["app"], e["message"], e["count"], e["order"]) for e in events] == [
        ("ACCOUNT_CREATED", {"email": "lea@example.fr"}, None, None, None, None),
        ("PLACED_ORDER", {"email": "lea@example.fr"}, None, None, None, {"number": str(order.number)}),
    ]
    assert events[0]["date"] == customer.date_joined.isoformat()
    assert events[1]["id"] == to_global_id("CustomerEvent", f"{order.pk}-PLACED_ORDER")


@pytest.mark.django_db
def test_customers_and_order_staff_are_refused_the_history_and_customer_type(channel, customer, customer_api, cheese,
                                                                             pickup_point, order_manager_api):
    order = place_order(channel, customer, [(cheese, 1)], point=pickup_point)

    own = customer_api.query("""{ me { email events { type } customerType { id } assignedAttributes { __typename }
      assignedAttribute(slug: "taille") { __typename } } }""")
    other = order_manager_api.query("""query ($id: ID!) { order(id: $id) { number user { email events { type }
      customerType { id } } } }""", {"id": to_global_id("Order", order.pk)})

    # the owner reads their customer type (none here) but not their history (staff only, as in Saleor)
    assert refusals(own) == [(["me", "events"], "PermissionDenied")]
    assert own["data"]["me"] == {"email": "lea@example.fr", "events": None, "customerType": None,
                                 "assignedAttributes": [], "assignedAttribute": None}
    assert sorted(refusals(other)) == [(["order", "user", "customerType"], "PermissionDenied"),
                                       (["order", "user", "events"], "PermissionDenied")]
    assert other["data"]["order"]["user"] == {"email": "lea@example.fr", "events": None, "customerType": None}
