"""Private fields declare who may read them: the walk covers every field of the schema.

A field whose description (Saleor's doc string) says "Requires one of the following permissions: A, B." must resolve
through `backend.api.core.field_rules.private_field` naming exactly A and B. "... permissions to include ..." marks a
filter (unpublished items are left out), not a refusal, and is not concerned.

Fields that check their rule by hand, written before `private_field` existed, are listed below; the list may only
shrink: the test fails when one of them is gone or has started to declare its rule (then remove it from the list).
"""

import re

from backend.api.core.field_rules import field_rule_of
from backend.api.schema import schema

RULE = re.compile(r"Requires one of the following permissions: ([A-Z_, ]+)\.")

CHECKED_BY_HAND = {
    "Channel.checkoutSettings", "Channel.hasOrders", "Channel.orderSettings", "Channel.paymentSettings",
    "Channel.taxConfiguration", "Channel.warehouses", "Checkout.user", "Collection.channelListings",
    "PageType.availableAttributes", "PageType.hasPages", "Product.channelListings", "Product.taxClass",
    "ProductChannelListing.margin", "ProductChannelListing.purchaseCost", "ProductType.availableAttributes",
    "ProductVariant.channelListings", "ProductVariant.quantityOrdered", "ProductVariant.revenue",
    "ProductVariant.stocks", "ProductVariantChannelListing.margin", "Shop.allowLoginWithoutConfirmation",
    "Shop.channelCurrencies", "Shop.defaultMailSenderAddress", "Shop.defaultMailSenderName",
    "Shop.enableAccountConfirmationByEmail", "Shop.limitQuantityPerCheckout", "Shop.preserveAllAddressFields",
    "Shop.reserveStockDurationAnonymousUser", "Shop.reserveStockDurationAuthenticatedUser", "Shop.version",
    "Stock.quantity", "Stock.quantityAllocated", "Stock.quantityReserved", "User.note", "User.orders",
    "Warehouse.stocks",
}


def _private_fields():
    """{"Type.field": (names the description requires, declared rule or None)} over every object type."""
    found = {}
    for type_name, graphql_type in schema.graphql_schema.type_map.items():
        if type_name.startswith("__") or not hasattr(graphql_type, "fields") or type_name in ("Query", "Mutation"):
            continue
        if not hasattr(graphql_type, "is_type_of"):  # input types carry no resolver
            continue
        for field_name, field in graphql_type.fields.items():
            match = RULE.search(" ".join((field.description or "").split()))
            if match:
                names = frozenset(name.strip() for name in match.group(1).split(","))
                found[f"{type_name}.{field_name}"] = (names, field_rule_of(field.resolve))
    return found


def test_every_private_field_declares_the_rule_its_description_names():
    fields = _private_fields()
    assert len(fields) >= 45  # the walk really covers the schema (48 private fields when it was written)
    wrong = []
    for name, (required, rule) in sorted(fields.items()):
        if name in CHECKED_BY_HAND:
            continue
        if rule is None:
            wrong.append(f"{name}: no declared rule (wrap its resolver with private_field)")
        elif rule.names != required:
            wrong.append(f"{name}: declares {sorted(rule.names)}, its description says {sorted(required)}")
    assert wrong == []


def test_the_list_of_fields_checked_by_hand_only_shrinks():
    fields = _private_fields()
    stale = sorted(name for name in CHECKED_BY_HAND if name not in fields or fields[name][1] is not None)
    assert stale == []


def test_a_declared_rule_refuses_with_saleors_error_and_lets_the_right_viewer_in():
    from types import SimpleNamespace

    import pytest

    from backend.api.core.errors import PermissionDenied
    from backend.api.core.field_rules import AUTHENTICATED_STAFF_USER, OWNER, private_field
    from backend.core.permissions import PermissionEnum

    @private_field(PermissionEnum.MANAGE_ORDERS, AUTHENTICATED_STAFF_USER, OWNER, owner=lambda root, v: v is root)
    def resolve(root, info):
        return "lu"

    def info(user):
        return SimpleNamespace(context=SimpleNamespace(user=user))

    customer = SimpleNamespace(is_authenticated=True, is_active=True, is_staff=False, pk=1)
    staff = SimpleNamespace(is_authenticated=True, is_active=True, is_staff=True, pk=2)
    assert resolve(customer, info(customer)) == "lu"  # the owner
    assert resolve(object(), info(staff)) == "lu"  # any staff member
    with pytest.raises(PermissionDenied) as refused:
        resolve(object(), info(customer))
    assert refused.value.extensions["exception"] == {
        "code": "PermissionDenied", "permissions": ["AUTHENTICATED_STAFF_USER", "MANAGE_ORDERS", "OWNER"]}
    with pytest.raises(ValueError):
        private_field(OWNER)  # an OWNER rule without a way to tell the owner
