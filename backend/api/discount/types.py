"""Saleor's Voucher as a checkout or an order shows it (the promo code and what it takes off)."""

import graphene

from backend.api.core.enums import saleor_enum
from backend.api.core.scalars import DateTime
from backend.api.core.types import Money, ObjectWithMetadata, money

DiscountValueTypeEnum = saleor_enum("DiscountValueTypeEnum")
VoucherTypeEnum = saleor_enum("VoucherTypeEnum")


class Voucher(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the voucher.")
    name = graphene.String(description="The name of the voucher.")
    code = graphene.String(description="The code of the voucher.")
    usage_limit = graphene.Int(description="The number of times a voucher can be used.")
    used = graphene.Int(required=True, description="Usage count of the voucher.")
    start_date = DateTime(required=True, description="The start date and time of voucher.")
    end_date = DateTime(description="The end date and time of voucher.")
    apply_once_per_order = graphene.Boolean(required=True, description="Determine if the voucher should be applied "
                                                                       "once per order.")
    apply_once_per_customer = graphene.Boolean(required=True, description="Determine if the voucher usage should be "
                                                                          "limited to one use per customer.")
    single_use = graphene.Boolean(required=True, description="Determine if the voucher codes can be used once or "
                                                             "multiple times.")
    only_for_staff = graphene.Boolean(required=True, description="Determine if the voucher is available only for "
                                                                 "staff members.")
    min_checkout_items_quantity = graphene.Int(description="Determine minimum quantity of items for checkout.")
    discount_value_type = graphene.Field(DiscountValueTypeEnum, required=True,
                                         description="Determines a type of discount for voucher - value or "
                                                     "percentage")
    discount_value = graphene.Float(description="Voucher value.")
    currency = graphene.String(description="Currency code for voucher.")
    min_spent = graphene.Field(Money, description="Minimum order value to apply voucher.")
    type = graphene.Field(VoucherTypeEnum, required=True, description="Determines a type of voucher.")

    class Meta:
        description = "Vouchers allow giving discounts to particular customers on categories, collections or specific "\
                      "products. They can be used during checkout by providing valid voucher codes."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_apply_once_per_order(_root, _info):
        return False

    @staticmethod
    def resolve_single_use(_root, _info):
        return False

    @staticmethod
    def resolve_discount_value(root, _info):
        return float(root.discount_value)

    @staticmethod
    def resolve_min_spent(root, _info):
        return money(root.min_spent_amount, root.currency)
