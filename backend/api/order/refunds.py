"""Saleor's OrderGrantedRefund, OrderGrantedRefundLine and Invoice (with its Job interface).

Neither exists here yet: refunds go through `transactionRequestAction` on the order's transactions (no refund is
"granted" first: `Order.totalGrantedRefund` is zero), and no invoice is generated (the order confirmation carries the
VAT table). The types are declared so that Saleor clients can ask; the order's lists of them are empty, which is what
Saleor answers for an order without granted refunds or invoices.
"""

import graphene

from backend.api.core.enums import saleor_enum
from backend.api.core.field_rules import private_field
from backend.api.core.scalars import DateTime
from backend.api.core.types import Money, ObjectWithMetadata
from backend.core.permissions import PermissionEnum

JobStatusEnum = saleor_enum("JobStatusEnum")
OrderGrantedRefundStatusEnum = saleor_enum("OrderGrantedRefundStatusEnum")


class OrderGrantedRefundLine(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    quantity = graphene.Int(required=True, description="Number of items to refund.")
    order_line = graphene.Field("backend.api.order.lines.OrderLine", required=True,
                                description="Line of the order associated with this granted refund.")
    reason = graphene.String(description="Reason for refunding the line.")
    reason_reference = graphene.Field("backend.api.page.types.Page",
                                      description="Reason Model (Page) reference for this refund line.")

    class Meta:
        description = "Represents granted refund line."


class OrderGrantedRefund(graphene.ObjectType):
    id = graphene.GlobalID(required=True)
    created_at = DateTime(required=True, description="Time of creation.")
    updated_at = DateTime(required=True, description="Time of last update.")
    amount = graphene.Field(Money, required=True, description="Refund amount.")
    reason = graphene.String(description="Reason of the refund.")
    reason_reference = graphene.Field("backend.api.page.types.Page",
                                      description="Reason Model (Page) reference for refund.")
    user = graphene.Field("backend.api.account.types.User",
                          description="User who performed the action. Requires of of the following permissions: "
                                      "MANAGE_USERS, MANAGE_STAFF, OWNER.")
    app = graphene.Field("backend.api.app.types.App", description="App that performed the action.")
    shipping_costs_included = graphene.Boolean(
        required=True, description="If true, the refunded amount includes the shipping price.If false, the refunded "
                                   "amount does not include the shipping price.")
    lines = graphene.List(graphene.NonNull(OrderGrantedRefundLine), description="Lines assigned to the granted "
                                                                                "refund.")
    status = graphene.Field(OrderGrantedRefundStatusEnum, required=True,
                            description="Status of the granted refund calculated based on transactionItem assigned to "
                                        "granted refund.")
    transaction_events = graphene.List(graphene.NonNull("backend.api.payment.types.TransactionEvent"),
                                       description="List of refund events associated with the granted refund.")
    transaction = graphene.Field("backend.api.payment.types.TransactionItem",
                                 description="The transaction assigned to the granted refund.")

    class Meta:
        description = "The details of granted refund."


class Job(graphene.Interface):
    status = graphene.Field(JobStatusEnum, required=True, description="Job status.")
    created_at = DateTime(required=True, description="Created date time of job in ISO 8601 format.")
    updated_at = DateTime(required=True, description="Date time of job last update in ISO 8601 format.")
    message = graphene.String(description="Job message.")


class Invoice(graphene.ObjectType):
    number = graphene.String(description="Invoice number.")
    external_url = graphene.String(description="URL to view an invoice.", deprecation_reason="Use `url` field.")
    url = graphene.String(description="URL to view/download an invoice.")
    order = graphene.Field("backend.api.order.types.Order", description="Order related to the invoice.")

    class Meta:
        description = "Represents an Invoice."
        interfaces = (ObjectWithMetadata, Job, graphene.relay.Node)


@private_field(PermissionEnum.MANAGE_ORDERS)
def resolve_granted_refunds(_root, _info):
    return []  # no refund is granted before it is made here (see the module's docstring)


def resolve_invoices(_root, _info):
    return []  # no invoice is generated here (see the module's docstring)
