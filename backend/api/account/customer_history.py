"""Saleor's CustomerEvent (a customer's history) and CustomerType, on the User type.

History: no event table is kept for accounts; the events Saleor would have recorded for what happens here are read
from the rows themselves: ACCOUNT_CREATED when the account was made (`date_joined`) and PLACED_ORDER for each order
the customer placed. Oldest first.

Customer types (Saleor 3.23: attributes per kind of customer) are not used here: every user has none, and so no
assigned attribute, which is what Saleor answers for a user without a customer type.
"""

from dataclasses import dataclass
from datetime import datetime

import graphene

from backend.api.account.dataloaders import OrdersByUserIdLoader
from backend.api.core.dataloaders import then
from backend.api.core.enums import saleor_enum
from backend.api.core.field_rules import OWNER, private_field
from backend.api.core.scalars import DateTime
from backend.api.core.types import ObjectWithMetadata
from backend.core.permissions import PermissionEnum

CustomerEventsEnum = saleor_enum("CustomerEventsEnum")
HISTORY_READERS = (PermissionEnum.MANAGE_USERS, PermissionEnum.MANAGE_STAFF)


@dataclass(frozen=True)
class CustomerEventRoot:
    id: str
    date: datetime
    type: str
    user: object
    order: object = None


class CustomerEvent(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the customer event.")
    date = DateTime(description="Date when event happened at in ISO 8601 format.")
    type = graphene.Field(CustomerEventsEnum, description="Customer event type.")
    user = graphene.Field("backend.api.account.types.User", description="User who performed the action.")
    app = graphene.Field("backend.api.app.types.App", description="App that performed the action.")
    message = graphene.String(description="Content of the event.")
    count = graphene.Int(description="Number of objects concerned by the event.")
    order = graphene.Field("backend.api.order.types.Order", description="The concerned order.")

    class Meta:
        description = "History log of the customer."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_app(_root, _info):
        return None  # the customer acted, never an app

    @staticmethod
    def resolve_message(_root, _info):
        return None

    @staticmethod
    def resolve_count(_root, _info):
        return None


@private_field(*HISTORY_READERS)
def resolve_events(root, info):
    def history(orders):
        created = CustomerEventRoot(id=f"{root.pk}-ACCOUNT_CREATED", date=root.date_joined, type="ACCOUNT_CREATED",
                                    user=root)
        placed = [CustomerEventRoot(id=f"{order.pk}-PLACED_ORDER", date=order.created_at, type="PLACED_ORDER",
                                    user=root, order=order) for order in orders]
        return sorted([created, *placed], key=lambda event: event.date)

    return then(OrdersByUserIdLoader(info.context).load(root.pk), history)


class CustomerType(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the customer type.")
    slug = graphene.String(required=True, description="Slug of the customer type.")
    is_default = graphene.Boolean(required=True, description="Whether this is the default customer type. The default "
                                                             "customer type is assigned to every newly created user "
                                                             "and cannot be deleted.")
    attributes = graphene.List(graphene.NonNull("backend.api.attribute.types.Attribute"),
                               description="Customer attributes assigned to this customer type. Attributes that are "
                                           "not visible in the storefront require one of the following permissions to "
                                           "be included: MANAGE_USERS, MANAGE_CUSTOMER_TYPES_AND_ATTRIBUTES.")

    class Meta:
        description = "Represents a type of customer. It allows to segment users and defines what attributes are " \
                      "available to users of this type."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)


def _is_self(root, viewer) -> bool:
    return viewer.pk == root.pk


@private_field(PermissionEnum.MANAGE_USERS, OWNER, owner=_is_self)
def resolve_customer_type(_root, _info):
    return None  # no customer types here (see the module's docstring)


@private_field(PermissionEnum.MANAGE_USERS, OWNER, owner=_is_self)
def resolve_assigned_attribute(_root, _info, slug):
    return None


@private_field(PermissionEnum.MANAGE_USERS, OWNER, owner=_is_self)
def resolve_assigned_attributes(_root, _info, limit=None):
    return []
