import graphene

from backend.api.core.types import TaxedMoney, TaxedMoneyRange

LOCAL_CURRENCY_DEPRECATION = "Always returns `null`."


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field(TaxedMoney, description="The discount amount if in sale (null otherwise).")
    discount_prior = graphene.Field(
        TaxedMoney, description="The discount amount compared to prior price. Null if product is not on sale or prior "
                                "price was not provided in VariantChannelListing")
    discount_local_currency = graphene.Field(TaxedMoney, deprecation_reason=LOCAL_CURRENCY_DEPRECATION,
                                             description="The discount amount in the local currency.")
    display_gross_prices = graphene.Boolean(required=True,
                                            description="Determines whether displayed prices should include taxes.")
    price_range = graphene.Field(TaxedMoneyRange, description="The discounted price range of the product variants.")
    price_range_undiscounted = graphene.Field(TaxedMoneyRange,
                                              description="The undiscounted price range of the product variants.")
    price_range_prior = graphene.Field(TaxedMoneyRange, description="The prior price range of the product variants.")
    price_range_local_currency = graphene.Field(
        TaxedMoneyRange, deprecation_reason=LOCAL_CURRENCY_DEPRECATION,
        description="The discounted price range of the product variants in the local currency.")

    class Meta:
        description = "Represents availability of a product in the storefront."


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field(TaxedMoney, description="The discount amount if in sale (null otherwise).")
    discount_prior = graphene.Field(
        TaxedMoney, description="The discount amount compared to prior price. Null if product is not on sale or prior "
                                "price was not provided in VariantChannelListing")
    discount_local_currency = graphene.Field(TaxedMoney, deprecation_reason=LOCAL_CURRENCY_DEPRECATION,
                                             description="The discount amount in the local currency.")
    price = graphene.Field(TaxedMoney, description="The price, with any discount subtracted.")
    price_undiscounted = graphene.Field(TaxedMoney, description="The price without any discount.")
    price_prior = graphene.Field(TaxedMoney, description="The price prior to discount.")
    price_local_currency = graphene.Field(TaxedMoney, deprecation_reason=LOCAL_CURRENCY_DEPRECATION,
                                          description="The discounted price in the local currency.")

    class Meta:
        description = "Represents availability of a variant in the storefront."
