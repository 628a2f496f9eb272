"""Staff order mutations (MANAGE_ORDERS): confirm, cancel, fulfil, cancel a fulfilment, mark as paid, add a note."""

import graphene

from backend.api.checkout.base import DomainMutation
from backend.api.checkout.ids import decode_uuid
from backend.api.order.types import Fulfillment, Order, OrderError, OrderEvent, OrderNoteAddError
from backend.commerce.order import fulfillment as fulfillment_services
from backend.commerce.order import services
from backend.commerce.order.models import Order as OrderModel
from backend.core.permissions import PermissionEnum

MANAGE_ORDERS = (PermissionEnum.MANAGE_ORDERS,)


def _order_id(global_id, field="id"):
    return decode_uuid(global_id, "Order", field=field)


def _fresh(order):
    return OrderModel.objects.get(pk=order.pk)


class OrderMutation(DomainMutation):
    order = graphene.Field(Order)

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        options.setdefault("error_type_class", OrderError)
        options.setdefault("legacy_errors_field", "order_errors")
        options.setdefault("permissions", MANAGE_ORDERS)
        super().__init_subclass_with_meta__(**options)


class OrderConfirm(OrderMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of an order to confirm.")

    class Meta:
        description = "Confirms an unconfirmed order by changing status to unfulfilled."

    @classmethod
    def perform_mutation(cls, _root, info, id):
        return cls(order=_fresh(services.order_confirm(order_id=_order_id(id), user=info.context.user)))


class OrderCancel(OrderMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to cancel.")

    class Meta:
        description = "Cancel an order (its stock is released)."

    @classmethod
    def perform_mutation(cls, _root, info, id):
        return cls(order=_fresh(services.order_cancel(order_id=_order_id(id), user=info.context.user)))


class OrderMarkAsPaid(OrderMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to mark paid.")
        transaction_reference = graphene.String(description="The external transaction reference.")

    class Meta:
        description = "Mark order as manually paid (paid at the pickup point or to the courier)."

    @classmethod
    def perform_mutation(cls, _root, info, id, transaction_reference=None):
        order = services.order_mark_as_paid(order_id=_order_id(id), user=info.context.user,
                                            transaction_reference=transaction_reference or "")
        return cls(order=_fresh(order))


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of line items to be fulfilled from given "
                                                       "warehouse.")
    warehouse = graphene.ID(required=True, description="ID of the warehouse from which the item will be fulfilled.")


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(description="The ID of the order line.")
    stocks = graphene.List(graphene.NonNull(OrderFulfillStockInput), required=True,
                           description="List of stock items to create.")


class OrderFulfillInput(graphene.InputObjectType):
    lines = graphene.List(graphene.NonNull(OrderFulfillLineInput), required=True,
                          description="List of items informing how to fulfill the order.")
    notify_customer = graphene.Boolean(description="If true, send an email notification to the customer.")
    allow_stock_to_be_exceeded = graphene.Boolean(description="If true, then allow proceed fulfillment when stock "
                                                              "is exceeded.", default_value=False)
    tracking_number = graphene.String(description="Fulfillment tracking number.")


class OrderFulfill(OrderMutation):
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), description="List of created fulfillments.")

    class Arguments:
        order = graphene.ID(description="ID of the order to be fulfilled.")
        input = OrderFulfillInput(required=True, description="Fields required to create a fulfillment.")

    class Meta:
        description = "Creates new fulfillments for an order (one per warehouse: each producer prepares his goods)."

    @classmethod
    def perform_mutation(cls, _root, info, input, order=None):
        order_id = _order_id(order, field="order")
        lines = [fulfillment_services.FulfillLineInput(
            order_line_id=decode_uuid(line["order_line_id"], "OrderLine", field="order_line_id"),
            warehouse_id=decode_uuid(stock["warehouse"], "Warehouse", field="warehouse"), quantity=stock["quantity"])
            for line in input["lines"] for stock in line["stocks"]]
        fulfillments = fulfillment_services.order_fulfill(
            order_id=order_id, lines=lines, user=info.context.user, tracking_number=input.get("tracking_number") or "",
            notify_customer=input.get("notify_customer") is not False)
        return cls(fulfillments=fulfillments, order=OrderModel.objects.get(pk=order_id))


class FulfillmentCancelInput(graphene.InputObjectType):
    warehouse_id = graphene.ID(description="ID of a warehouse where items will be restocked. Optional when "
                                           "fulfillment is in WAITING_FOR_APPROVAL state.")


class FulfillmentCancel(DomainMutation):
    fulfillment = graphene.Field(Fulfillment, description="A canceled fulfillment.")
    order = graphene.Field(Order, description="Order which fulfillment was cancelled.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a fulfillment to cancel.")
        input = FulfillmentCancelInput(description="Fields required to cancel a fulfillment.")

    class Meta:
        name = "FulfillmentCancel"
        description = "Cancels existing fulfillment and optionally restocks items."
        error_type_class = OrderError
        legacy_errors_field = "order_errors"
        permissions = MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, _root, info, id, input=None):
        fulfillment = fulfillment_services.order_fulfillment_cancel(
            fulfillment_id=decode_uuid(id, "Fulfillment"), user=info.context.user)
        return cls(fulfillment=fulfillment, order=OrderModel.objects.get(pk=fulfillment.order_id))


class OrderNoteInput(graphene.InputObjectType):
    message = graphene.String(required=True, description="Note message.")


class OrderNoteAdd(DomainMutation):
    order = graphene.Field(Order, description="Order with the note added.")
    event = graphene.Field(OrderEvent, description="Order note created.")

    class Arguments:
        order = graphene.ID(required=True, description="ID of the order to add a note for.")
        input = OrderNoteInput(required=True, description="Fields required to create a note for the order.")

    class Meta:
        description = "Adds note to the order."
        error_type_class = OrderNoteAddError
        permissions = MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, _root, info, order, input):
        found, event = services.order_note_add(order_id=_order_id(order, field="order"), message=input["message"],
                                               user=info.context.user)
        return cls(order=_fresh(found), event=event)
