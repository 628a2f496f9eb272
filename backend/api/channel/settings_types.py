"""Saleor's per-channel settings (orders, checkout, payments, taxes), answered from the Channel model.

Orders are confirmed automatically and may be paid at pickup ("paiement au retrait"); prices are entered TTC and shown
TTC; taxes are the French flat rates of the platform (no tax app).
"""

import graphene

from backend.api.core.enums import saleor_enum
from backend.api.core.types import CountryDisplay, ObjectWithMetadata

MarkAsPaidStrategyEnum = saleor_enum("MarkAsPaidStrategyEnum")
TransactionFlowStrategyEnum = saleor_enum("TransactionFlowStrategyEnum")
TaxCalculationStrategy = saleor_enum("TaxCalculationStrategy")


class Minute(graphene.Int):
    """The `Minute` scalar type represents number of minutes by integer value."""


class Hour(graphene.Int):
    """The `Hour` scalar type represents number of hours by integer value."""


class Day(graphene.Int):
    """The `Day` scalar type represents number of days by integer value."""


class OrderSettings(graphene.ObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean(
        required=True,
        description=("When disabled, all new orders from checkout will be marked as unconfirmed. When enabled "
                     "orders from checkout will become unfulfilled immediately."),
    )
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean(
        required=True,
        description="When enabled, all non-shippable gift card orders will be fulfilled automatically.",
    )
    expire_orders_after = graphene.Field(
        Minute,
        description="Expiration time in minutes. Default null - means do not expire any orders.",
    )
    mark_as_paid_strategy = graphene.Field(
        MarkAsPaidStrategyEnum,
        required=True,
        description=("Determine what strategy will be used to mark the order as paid. Based on the chosen option, "
                     "the proper object will be created and attached to the order when it's manually marked as "
                     "paid.\n`PAYMENT_FLOW` - [default option] creates the `Payment` object.\n`TRANSACTION_FLOW` - "
                     "creates the `TransactionItem` object."),
    )
    delete_expired_orders_after = graphene.Field(
        Day,
        required=True,
        description="The time in days after expired orders will be deleted.",
    )
    allow_unpaid_orders = graphene.Boolean(
        required=True,
        description="Determine if it is possible to place unpaid order by calling `checkoutComplete` mutation.",
    )
    include_draft_order_in_voucher_usage = graphene.Boolean(
        required=True,
        description=("Determine if voucher applied on draft order should be count toward voucher usage.\n\nNote: "
                     "this API is currently in Feature Preview and can be subject to changes at later point."),
    )
    draft_order_line_price_freeze_period = graphene.Field(
        Hour,
        description=("Time in hours after which the draft order line price will be refreshed.\n\nNote: this API is "
                     "currently in Feature Preview and can be subject to changes at later point."),
    )
    use_legacy_line_discount_propagation = graphene.Boolean(
        required=True,
        description=("This flag only affects orders created from checkout and applies specifically to vouchers of "
                     "the types: `SPECIFIC_PRODUCT` and `ENTIRE_ORDER` with `applyOncePerOrder` enabled.\n- When "
                     "legacy propagation is enabled, discounts from these vouchers are represented as "
                     "`OrderDiscount` objects, attached to the order and returned in the `Order.discounts` field. "
                     "Additionally, percentage-based vouchers are converted to fixed-value discounts.\n- When "
                     "legacy propagation is disabled, discounts are represented as `OrderLineDiscount` objects, "
                     "attached to individual lines and returned in the `OrderLine.discounts` field. In this case, "
                     "percentage-based vouchers retain their original type.\nIn future releases, "
                     "`OrderLineDiscount` will become the default behavior, and this flag will be deprecated and "
                     "removed."),
    )

    class Meta:
        description = 'Represents the channel-specific order settings.'


class CheckoutSettings(graphene.ObjectType):
    use_legacy_error_flow = graphene.Boolean(
        required=True,
        description=("Default `true`. Determines if the checkout mutations should use legacy error flow. In legacy "
                     "flow, all mutations can raise an exception unrelated to the requested action - (e.g. "
                     "out-of-stock exception when updating checkoutShippingAddress.) If `false`, the errors will "
                     "be aggregated in `checkout.problems` field. Some of the `problems` can block the finalizing "
                     "checkout process. The legacy flow will be removed in Saleor 4.0. The flow with "
                     "`checkout.problems` will be the default one."),
    )
    automatically_complete_fully_paid_checkouts = graphene.Boolean(
        required=True,
        description=("Default `false`. Determines if the paid checkouts should be automatically completed. This "
                     "setting applies only to checkouts where payment was processed through transactions.When "
                     "enabled, the checkout will be automatically completed once the checkout `charge_status` "
                     "reaches `FULL`. This occurs when the total sum of charged and authorized transaction amounts "
                     "equals or exceeds the checkout's total amount."),
    )
    automatic_completion_delay = graphene.Field(
        Minute,
        description=("The time in minutes to wait after a checkout is fully paid before automatically completing "
                     "it.\n\nAdded in Saleor 3.22."),
    )
    automatic_completion_cut_off_date = graphene.DateTime(
        description=("The date time defines the earliest checkout creation date on which fully paid checkouts can "
                     "begin to be automatically completed. \n\nAdded in Saleor 3.22."),
    )
    allow_legacy_gift_card_use = graphene.Boolean(
        required=True,
        description=("Default to `true`. Determines whether gift cards can be attached to a Checkout via "
                     "`addPromoCode` mutation. Usage of this mutation with gift cards is deprecated.\n\nAdded in "
                     "Saleor 3.23."),
    )

    class Meta:
        description = 'Represents the channel-specific checkout settings.'


class PaymentSettings(graphene.ObjectType):
    default_transaction_flow_strategy = graphene.Field(
        TransactionFlowStrategyEnum,
        required=True,
        description=("Determine the transaction flow strategy to be used. Include the selected option in the "
                     "payload sent to the payment app, as a requested action for the transaction."),
    )
    release_funds_for_expired_checkouts = graphene.Boolean(
        description="Determine if the funds for expired checkouts should be released automatically.",
    )
    checkout_ttl_before_releasing_funds = graphene.Field(
        Hour,
        description="The time in hours after which funds for expired checkouts will be released.",
    )
    checkout_release_funds_cut_off_date = graphene.DateTime(
        description=("Specifies the earliest date on which funds for expired checkouts can begin to be released. "
                     "Expired checkouts dated before this cut-off will not have their funds released. "
                     "Additionally, no funds will be released for checkouts that are more than one year old, "
                     "regardless of the cut-off date."),
    )

    class Meta:
        description = 'Represents the channel-specific payment settings.'


class TaxConfigurationPerCountry(graphene.ObjectType):
    country = graphene.Field(CountryDisplay, required=True, description="Country in which this configuration applies.")
    charge_taxes = graphene.Boolean(required=True, description="Determines whether taxes are charged in this country.")
    tax_calculation_strategy = graphene.Field(TaxCalculationStrategy, description="A country-specific strategy to use "
                                              "for tax calculation.")
    display_gross_prices = graphene.Boolean(required=True, description="Determines whether displayed prices should "
                                                                       "include taxes for this country.")
    tax_app_id = graphene.String(description="The tax app `App.identifier` that will be used to calculate the taxes "
                                             "for the given channel and country.")
    use_weighted_tax_for_shipping = graphene.Boolean(description="Determines whether to use weighted tax for "
                                                                 "shipping.")

    class Meta:
        description = "Country-specific exceptions of a channel's tax configuration."


class TaxConfiguration(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    channel = graphene.Field(lambda: _channel_type(), required=True,
                             description="A channel to which the tax configuration applies to.")
    charge_taxes = graphene.Boolean(required=True, description="Determines whether taxes are charged in the given "
                                                               "channel.")
    tax_calculation_strategy = graphene.Field(TaxCalculationStrategy, description="The default strategy to use for "
                                              "tax calculation in the given channel.")
    display_gross_prices = graphene.Boolean(required=True, description="Determines whether displayed prices should "
                                                                       "include taxes.")
    prices_entered_with_tax = graphene.Boolean(required=True, description="Determines whether prices are entered with "
                                                                          "the tax included.")
    countries = graphene.List(graphene.NonNull(TaxConfigurationPerCountry), required=True,
                              description="List of country-specific exceptions in tax configuration.")
    tax_app_id = graphene.String(description="The tax app `App.identifier` that will be used to calculate the taxes "
                                             "for the given channel.")
    use_weighted_tax_for_shipping = graphene.Boolean(description="Determines whether to use weighted tax for "
                                                                 "shipping.")

    class Meta:
        description = "Channel-specific tax configuration."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)


def _channel_type():
    from backend.api.channel.types import Channel

    return Channel


def order_settings(channel) -> OrderSettings:
    return OrderSettings(
        automatically_confirm_all_new_orders=channel.automatically_confirm_all_new_orders,
        automatically_fulfill_non_shippable_gift_card=True,
        expire_orders_after=None,
        mark_as_paid_strategy=channel.mark_as_paid_strategy or "TRANSACTION_FLOW",
        delete_expired_orders_after=channel.delete_expired_orders_after_days,
        allow_unpaid_orders=channel.allow_unpaid_orders,
        include_draft_order_in_voucher_usage=False,
        draft_order_line_price_freeze_period=24,
        use_legacy_line_discount_propagation=False,
    )


def checkout_settings(_channel) -> CheckoutSettings:
    return CheckoutSettings(use_legacy_error_flow=False, automatically_complete_fully_paid_checkouts=False,
                            automatic_completion_delay=None, automatic_completion_cut_off_date=None,
                            allow_legacy_gift_card_use=False)


def payment_settings(_channel) -> PaymentSettings:
    return PaymentSettings(default_transaction_flow_strategy="CHARGE", release_funds_for_expired_checkouts=True,
                           checkout_ttl_before_releasing_funds=6, checkout_release_funds_cut_off_date=None)


def tax_configuration(channel) -> TaxConfiguration:
    # French shops enter and show prices TTC; rates are the flat rates of the tax classes (5,5 %, 10 %, 20 %).
    return TaxConfiguration(id=channel.pk, channel=channel, charge_taxes=True, tax_calculation_strategy="FLAT_RATES",
                            display_gross_prices=True, prices_entered_with_tax=True, countries=[], tax_app_id=None,
                            use_weighted_tax_for_shipping=False)
