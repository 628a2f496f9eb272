"""Saleor's OrderLineDiscount: the line-level discounts of an order line.

Here a line is discounted at line level by one thing only: a promotional price on the variant's channel listing (its
discounted price below its price when the order was placed). That is Saleor's PROMOTION discount, a fixed amount per
unit. A voucher applies to the whole order and is listed in `Order.discounts`, never here (as Saleor says).
"""

import graphene

from backend.api.core.enums import saleor_enum
from backend.api.core.field_rules import private_field
from backend.api.core.scalars import PositiveDecimal
from backend.api.core.types import Money, money
from backend.api.discount.types import DiscountValueTypeEnum
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum

OrderDiscountType = saleor_enum("OrderDiscountType")


class OrderLineDiscount(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of discount applied.")
    type = graphene.Field(OrderDiscountType, required=True, description="The type of applied discount: Sale, "
                                                                        "Voucher or Manual.")
    name = graphene.String(description="The name of applied discount.")
    translated_name = graphene.String(description="Translated name of the applied discount.")
    value_type = graphene.Field(DiscountValueTypeEnum, required=True, description="Type of the discount: fixed or "
                                                                                  "percent")
    value = PositiveDecimal(required=True, description="Value of the discount. Can store fixed value or percent "
                                                       "value")
    reason = graphene.String(description="Explanation for the applied discount.\n\nRequires one of the following "
                                         "permissions: MANAGE_ORDERS.")
    total = graphene.Field(Money, required=True, description="The discount amount applied to the line item.")
    unit = graphene.Field(Money, required=True, description="The discount amount applied to the single line unit.")

    class Meta:
        description = "Represent the discount applied to order line."

    @staticmethod
    def resolve_id(root, _info):
        return root.id

    @staticmethod
    @private_field(PermissionEnum.MANAGE_ORDERS)
    def resolve_reason(root, _info):
        return root.reason


def line_discounts(line) -> list[OrderLineDiscount]:
    """The promotional price of the line, if it had one: [] for a line sold at its listed price."""
    unit = line.undiscounted_unit_price_gross_amount - line.unit_price_gross_amount
    if unit <= 0:
        return []
    total = line.undiscounted_total_price_gross_amount - line.total_price_gross_amount
    # One discount per line: its ID is the line's, under Saleor's type name.
    return [OrderLineDiscount(
        id=to_global_id("OrderLineDiscount", line.pk), type="PROMOTION", name=None, translated_name=None,
        value_type="FIXED", value=unit, reason=None, total=money(total, line.currency),
        unit=money(unit, line.currency))]
