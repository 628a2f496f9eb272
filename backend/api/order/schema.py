"""The order part of Saleor's schema: `order(id)`, staff `orders`, `User.orders` (`me.orders`) and the staff
order mutations."""

import graphene
from graphql import GraphQLError

from backend.api.account.types import User
from backend.api.channel.context import resolve_channel
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.enums import OrderDirection, saleor_enum
from backend.api.core.errors import PermissionDenied
from backend.api.core.filter_inputs import (
    DateRangeInput,
    DateTimeRangeInput,
    GlobalIDFilterInput,
    IntRangeInput,
    MetadataFilter,
    StringFilterInput,
)
from backend.api.core.scalars import UUID
from backend.api.order import filters
from backend.api.order.mutations import (
    FulfillmentCancel,
    OrderCancel,
    OrderConfirm,
    OrderFulfill,
    OrderMarkAsPaid,
    OrderNoteAdd,
)
from backend.api.order.types import Order, can_manage_orders
from backend.commerce.order import selectors
from backend.commerce.order.models import Order as OrderModel
from backend.core.ids import InvalidGlobalId, from_global_id
from backend.core.permissions import PermissionEnum

OrderStatusFilter = saleor_enum("OrderStatusFilter")
OrderSortField = saleor_enum("OrderSortField")
OrderStatusEnum = saleor_enum("OrderStatus")
OrderChargeStatusEnum = saleor_enum("OrderChargeStatusEnum")
OrderAuthorizeStatusEnum = saleor_enum("OrderAuthorizeStatusEnum")


class OrderCountableConnection(CountableConnection):
    class Meta:
        node = Order


class OrderFilterInput(graphene.InputObjectType):
    payment_status = graphene.List(graphene.NonNull(saleor_enum("PaymentChargeStatusEnum")),
                                   deprecation_reason="Use `chargeStatus` instead.")
    status = graphene.List(graphene.NonNull(OrderStatusFilter))
    customer = graphene.String()
    created = graphene.Field(DateRangeInput)
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    channels = graphene.List(graphene.NonNull(graphene.ID))
    authorize_status = graphene.List(graphene.NonNull(OrderAuthorizeStatusEnum))
    charge_status = graphene.List(graphene.NonNull(OrderChargeStatusEnum))
    updated_at = graphene.Field(DateTimeRangeInput)
    is_click_and_collect = graphene.Boolean()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    is_preorder = graphene.Boolean(deprecation_reason="No preorders here: ignored.")
    checkout_tokens = graphene.List(graphene.NonNull(UUID))
    gift_card_used = graphene.Boolean(description="No gift cards here: true matches nothing.")
    gift_card_bought = graphene.Boolean(description="No gift cards here: true matches nothing.")
    numbers = graphene.List(graphene.NonNull(graphene.String))
    checkout_ids = graphene.List(graphene.NonNull(graphene.ID))


class IntFilterInput(graphene.InputObjectType):
    eq = graphene.Int()
    one_of = graphene.List(graphene.NonNull(graphene.Int))
    range = graphene.Field(IntRangeInput)


def _enum_filter(name, enum):
    return type(name, (graphene.InputObjectType,), {"eq": graphene.Field(enum),
                                                     "one_of": graphene.List(graphene.NonNull(enum))})


OrderStatusEnumFilterInput = _enum_filter("OrderStatusEnumFilterInput", OrderStatusEnum)


class OrderWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    number = graphene.Field(IntFilterInput)
    channel_id = graphene.Field(GlobalIDFilterInput)
    created_at = graphene.Field(DateTimeRangeInput)
    status = graphene.Field(OrderStatusEnumFilterInput)
    charge_status = graphene.Field(_enum_filter("OrderChargeStatusEnumFilterInput", OrderChargeStatusEnum))
    authorize_status = graphene.Field(_enum_filter("OrderAuthorizeStatusEnumFilterInput", OrderAuthorizeStatusEnum))
    is_click_and_collect = graphene.Boolean()
    updated_at = graphene.Field(DateTimeRangeInput)
    user_email = graphene.Field(StringFilterInput)
    voucher_code = graphene.Field(StringFilterInput)
    checkout_token = graphene.Field(_uuid_filter := type("UUIDFilterInput", (graphene.InputObjectType,), {
        "eq": UUID(), "one_of": graphene.List(graphene.NonNull(UUID))}))
    has_fulfillments = graphene.Boolean()
    is_gift_card_used = graphene.Boolean()
    is_gift_card_bought = graphene.Boolean()
    AND = graphene.List(graphene.NonNull(lambda: OrderWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: OrderWhereInput), name="OR")


class CustomerOrderWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    number = graphene.Field(IntFilterInput)
    created_at = graphene.Field(DateTimeRangeInput)
    status = graphene.Field(OrderStatusEnumFilterInput)


class OrderSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True, description="Specifies the direction in which to "
                                                                               "sort orders.")
    field = graphene.InputField(OrderSortField, required=True, description="Sort orders by the selected field.")


def _order_pk(global_id):
    try:
        type_name, pk = from_global_id(global_id)
    except InvalidGlobalId as exc:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: Order.") from exc
    if type_name != "Order":
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: Order, received: {type_name}.")
    return pk


def resolve_user_orders(root, info, where=None, **kwargs):
    """A customer's own orders (staff managing orders may read anybody's)."""
    viewer = getattr(info.context, "user", None)
    if not (viewer and viewer.is_authenticated and (viewer.pk == root.pk or can_manage_orders(info))):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_ORDERS])
    orders = filters.apply_where(selectors.orders_of_user(root), where)
    return connection_from_queryset(orders, info, kwargs, OrderCountableConnection)


# `User.orders` belongs to the account's User type; it is declared here, next to the orders it lists, so that the
# account module does not depend on the order module.
User._meta.fields["orders"] = graphene.Field(
    OrderCountableConnection, where=graphene.Argument(CustomerOrderWhereInput, description="Where filtering options "
                                                                                          "for user orders."),
    **connection_args(), resolver=resolve_user_orders,
    description="List of user's orders. Requires one of the following permissions: MANAGE_STAFF, OWNER.")


class Queries(graphene.ObjectType):
    order = graphene.Field(Order, id=graphene.Argument(graphene.ID, description="ID of an order."),
                           external_reference=graphene.Argument(graphene.String, description="External ID of an "
                                                                                             "order."),
                           description="Look up an order by ID or external reference.")
    orders = graphene.Field(OrderCountableConnection, sort_by=OrderSortingInput(description="Sort orders."),
                            filter=OrderFilterInput(description="Filtering options for orders."),
                            where=OrderWhereInput(description="Where filtering options for orders."),
                            channel=graphene.String(description="Slug of a channel for which the data should be "
                                                                "returned."),
                            search=graphene.String(description="Search orders."),
                            **connection_args(),
                            description="List of orders. Requires one of the following permissions: MANAGE_ORDERS.")

    @staticmethod
    def resolve_order(_root, info, id=None, external_reference=None):
        """By its ID (a UUID: holding it is the right to read it, anonymised for non-owners), or by external
        reference for staff only."""
        if bool(id) == bool(external_reference):
            raise GraphQLError("Argument 'id' or 'external_reference' must be provided, not both.")
        if external_reference:
            if not can_manage_orders(info):
                raise PermissionDenied(permissions=[PermissionEnum.MANAGE_ORDERS])
            return OrderModel.objects.filter(external_reference=external_reference).first()
        return selectors.order_by_id(_order_pk(id))

    @staticmethod
    def resolve_orders(_root, info, sort_by=None, filter=None, where=None, channel=None, search=None, **kwargs):
        if not can_manage_orders(info):
            raise PermissionDenied(permissions=[PermissionEnum.MANAGE_ORDERS])
        orders = OrderModel.objects.all()
        if channel:
            orders = orders.filter(channel=resolve_channel(info, channel))
        orders = filters.apply_where(filters.apply_filter(orders, filter), where)
        if search:
            orders = orders.filter(filters.search_q(search)).distinct()
        return connection_from_queryset(filters.apply_sort(orders, sort_by), info, kwargs, OrderCountableConnection)


class Mutations(graphene.ObjectType):
    order_confirm = OrderConfirm.Field()
    order_cancel = OrderCancel.Field()
    order_fulfill = OrderFulfill.Field()
    order_fulfillment_cancel = FulfillmentCancel.Field()
    order_mark_as_paid = OrderMarkAsPaid.Field()
    order_note_add = OrderNoteAdd.Field()
