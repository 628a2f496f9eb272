"""Saleor's CheckoutLine and the checkout problems (CheckoutProblem and CheckoutLineProblem unions)."""

import graphene

from backend.api.channel.context import ChannelContext
from backend.api.checkout.shared_types import Delivery
from backend.api.core.types import Money, ObjectWithMetadata, TaxedMoney
from backend.api.product.types.variants import ProductVariant


def _line_root(checkout_info, line_id):
    return next((li for li in checkout_info.lines_info if li.line.pk == line_id), None)


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int(description="Available quantity of a variant.")
    line = graphene.Field(lambda: CheckoutLine, required=True, description="The line that has variant with "
                                                                           "insufficient stock.")
    variant = graphene.Field(ProductVariant, required=True, description="The variant with insufficient stock.")

    class Meta:
        description = "Indicates insufficient stock for a given checkout line."

    @staticmethod
    def resolve_variant(root, _info):
        return ChannelContext(root.line.info.variant, root.line.checkout.channel)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field(lambda: CheckoutLine, required=True, description="The line that has variant that is not "
                                                                           "available.")

    class Meta:
        description = "The variant assigned to the checkout line is not available."


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method that is stale.")

    class Meta:
        description = "Indicates that the delivery options must be recalculated (deliveryOptionsCalculate)."


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method that is invalid.")

    class Meta:
        description = "Indicates that the chosen delivery method no longer applies to the checkout."


class ProblemRoot:
    def __init__(self, problem, checkout_info):
        self.kind = problem.kind
        self.available_quantity = problem.available_quantity
        self.checkout = checkout_info.checkout
        info = _line_root(checkout_info, problem.line_id) if problem.line_id else None
        self.line = LineRoot(info, checkout_info) if info else None
        self.delivery = self.checkout.assigned_delivery if problem.delivery_id else None


PROBLEM_TYPES = {t.__name__: t for t in (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable,
                                         CheckoutProblemDeliveryMethodStale, CheckoutProblemDeliveryMethodInvalid)}


class CheckoutProblem(graphene.Union):
    class Meta:
        types = tuple(PROBLEM_TYPES.values())
        description = "Represents an problem in the checkout."

    @classmethod
    def resolve_type(cls, instance, info):
        return PROBLEM_TYPES[instance.kind]


class CheckoutLineProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)
        description = "Represents an problem in the checkout line."

    @classmethod
    def resolve_type(cls, instance, info):
        return PROBLEM_TYPES[instance.kind]


class LineRoot:
    """A checkout line with its listing and computed price: what CheckoutLine resolves from."""

    def __init__(self, line_info, checkout_info):
        self.info = line_info
        self.checkout_info = checkout_info
        self.checkout = checkout_info.checkout
        self.pk = line_info.line.pk
        self.metadata = line_info.line.metadata
        self.private_metadata = line_info.line.private_metadata
        self.price = checkout_info.prices[line_info.line.pk]


class CheckoutLine(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the checkout line.")
    variant = graphene.Field(ProductVariant, required=True, description="The product variant from which the "
                                                                        "checkout line was created.")
    quantity = graphene.Int(required=True, description="The quantity of product variant assigned to the checkout "
                                                       "line.")
    unit_price = graphene.Field(TaxedMoney, required=True, description="The unit price of the checkout line, with "
                                                                       "taxes and discounts.")
    undiscounted_unit_price = graphene.Field(Money, required=True, description="The unit price of the checkout "
                                                                               "line, without discounts.")
    prior_unit_price = graphene.Field(Money, description="Price of the item before the last discount.")
    total_price = graphene.Field(TaxedMoney, required=True, description="The sum of the checkout line price, taxes "
                                                                        "and discounts.")
    undiscounted_total_price = graphene.Field(Money, required=True, description="The sum of the checkout line "
                                                                                "price, without discounts.")
    prior_total_price = graphene.Field(Money, description="Price of the line before the last discount.")
    requires_shipping = graphene.Boolean(required=True, description="Indicates whether the item need to be "
                                                                    "delivered.")
    problems = graphene.List(graphene.NonNull(CheckoutLineProblem), description="List of problems with the "
                                                                                "checkout line.")
    is_gift = graphene.Boolean(description="Determine if the line is a gift.")
    price_override_reason = graphene.String(description="Reason for the price override.")

    class Meta:
        description = "Represents an item in the checkout."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_variant(root, _info):
        return ChannelContext(root.info.variant, root.checkout.channel)

    @staticmethod
    def resolve_quantity(root, _info):
        return root.info.line.quantity

    @staticmethod
    def resolve_unit_price(root, _info):
        return root.price.unit

    @staticmethod
    def resolve_undiscounted_unit_price(root, _info):
        return root.price.undiscounted_unit.gross

    @staticmethod
    def resolve_total_price(root, _info):
        return root.price.total

    @staticmethod
    def resolve_undiscounted_total_price(root, _info):
        return root.price.undiscounted_total.gross

    @staticmethod
    def resolve_requires_shipping(root, _info):
        return root.info.product.product_type.is_shipping_required

    @staticmethod
    def resolve_problems(root, _info):
        return [ProblemRoot(p, root.checkout_info) for p in root.checkout_info.problems if p.line_id == root.pk]

    @staticmethod
    def resolve_is_gift(_root, _info):
        return False
