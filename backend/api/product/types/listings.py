"""Per-channel listings (publication, prices), visible to staff managing products."""

import graphene

from backend.api.account.inputs import AddressInput
from backend.api.channel.types import Channel
from backend.api.core.dataloaders import then
from backend.api.core.types import Money, MoneyRange, money
from backend.api.product import dataloaders as loaders
from backend.api.product.pricing import product_pricing
from backend.api.product.types.common import load_vat_rate
from backend.api.product.types.deprecated import PREORDER_DEPRECATION
from backend.api.product.types.pricing import ProductPricingInfo
from backend.commerce.product.selectors import is_listing_available_for_purchase
from backend.core.money import MoneyRange as PricesMoneyRange

PUBLICATION_DATE_DEPRECATION = "Use the `publishedAt` field to fetch the publication date."
STAFF_ONLY = "\n\nRequires one of the following permissions: MANAGE_PRODUCTS."


def margin_percent(listing) -> int | None:
    """Gross margin in percent of the TTC price, from the cost price (None when either is missing)."""
    if listing is None or not listing.price_amount or listing.cost_price_amount is None:
        return None
    return int((listing.price_amount - listing.cost_price_amount) / listing.price_amount * 100)


class Margin(graphene.ObjectType):
    start = graphene.Int(description="The starting value of the margin.")
    stop = graphene.Int(description="The ending value of the margin.")

    class Meta:
        description = "Metadata for the Margin class."


class PreorderThreshold(graphene.ObjectType):
    quantity = graphene.Int(deprecation_reason=PREORDER_DEPRECATION,
                            description="Preorder threshold for product variant in this channel.")
    sold_units = graphene.Int(required=True, deprecation_reason=PREORDER_DEPRECATION,
                              description="Number of sold product variant in this channel.")

    class Meta:
        description = f"Represents preorder variant data for channel.\n\nDEPRECATED: {PREORDER_DEPRECATION}"


def _variant_listings(info, product_id, channel_id):
    from backend.api.core.dataloaders import gather

    return then(loaders.VariantsByProductIdLoader(info.context).load((product_id, None, True)), lambda variants: gather(
        [loaders.VariantChannelListingLoader(info.context).load((v.pk, channel_id)) for v in variants]))


def _channel(root, info):
    return loaders.ChannelByIdLoader(info.context).load(root.channel_id)


class ProductChannelListing(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    publication_date = graphene.Date(deprecation_reason=PUBLICATION_DATE_DEPRECATION,
                                     description="The date when the product was published.")
    published_at = graphene.DateTime(description="The date and time when the product was published.")
    is_published = graphene.Boolean(required=True, description="Indicates if the product is published in the "
                                                               "channel.")
    channel = graphene.Field(Channel, required=True, description="The channel in which the product is listed.")
    visible_in_listings = graphene.Boolean(required=True, description="Indicates product visibility in the channel "
                                                                      "listings.")
    available_for_purchase = graphene.Date(
        deprecation_reason="Use the `availableForPurchaseAt` field to fetch the available for purchase date.",
        description="The date when the product is available for purchase.")
    available_for_purchase_at = graphene.DateTime(description="The date and time when the product is available for "
                                                              "purchase.")
    discounted_price = graphene.Field(Money, description="The price of the cheapest variant (including discounts).")
    is_available_for_purchase = graphene.Boolean(description="Whether the product is available for purchase.")
    purchase_cost = graphene.Field(MoneyRange, description="Range of variant cost prices." + STAFF_ONLY)
    margin = graphene.Field(Margin, description="Range of margin percentage value." + STAFF_ONLY)
    pricing = graphene.Field(ProductPricingInfo, address=graphene.Argument(AddressInput, description=(
        "Destination address used to find warehouses where stock availability for this product is checked. If "
        "address is empty, uses `Shop.companyAddress` or fallbacks to server's `settings.DEFAULT_COUNTRY` "
        "configuration.")), description="Lists the storefront product's pricing, the current price and discounts, "
                                        "only meant for displaying.")

    class Meta:
        description = "Represents product channel listing."
        interfaces = (graphene.relay.Node,)

    resolve_channel = staticmethod(_channel)

    @staticmethod
    def resolve_publication_date(root, _info):
        return root.published_at.date() if root.published_at else None

    @staticmethod
    def resolve_available_for_purchase(root, _info):
        return root.available_for_purchase_at.date() if root.available_for_purchase_at else None

    @staticmethod
    def resolve_discounted_price(root, _info):
        return money(root.discounted_price_amount, root.currency)

    @staticmethod
    def resolve_is_available_for_purchase(root, _info):
        return is_listing_available_for_purchase(root)

    @staticmethod
    def resolve_pricing(root, info, address=None):
        from backend.api.core.dataloaders import gather

        return then(gather([_variant_listings(info, root.product_id, root.channel_id),
                            load_vat_rate(info, root.product_id)]),
                    lambda results: product_pricing([listing for listing in results[0] if listing], results[1]))

    @staticmethod
    def resolve_margin(root, info):
        def span(listings):
            margins = sorted(m for m in (margin_percent(listing) for listing in listings) if m is not None)
            return Margin(start=margins[0], stop=margins[-1]) if margins else None

        return then(_variant_listings(info, root.product_id, root.channel_id), span)

    @staticmethod
    def resolve_purchase_cost(root, info):
        def span(listings):
            costs = sorted(listing.cost_price_amount for listing in listings
                           if listing and listing.cost_price_amount is not None)
            if not costs:
                return None
            return PricesMoneyRange(start=money(costs[0], root.currency), stop=money(costs[-1], root.currency))

        return then(_variant_listings(info, root.product_id, root.channel_id), span)


class ProductVariantChannelListing(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    channel = graphene.Field(Channel, required=True, description="The channel to which the variant listing belongs.")
    price = graphene.Field(Money, description="The price of the variant.")
    cost_price = graphene.Field(Money, description="Cost price of the variant.")
    prior_price = graphene.Field(Money, description="Prior price of the variant.\n\nAdded in Saleor 3.20.")
    margin = graphene.Int(description="Gross margin percentage value." + STAFF_ONLY)
    preorder_threshold = graphene.Field(PreorderThreshold, deprecation_reason=PREORDER_DEPRECATION,
                                        description="Preorder variant data.")

    class Meta:
        description = "Represents product varaint channel listing."
        interfaces = (graphene.relay.Node,)

    resolve_channel = staticmethod(_channel)

    @staticmethod
    def resolve_price(root, _info):
        return money(root.price_amount, root.currency)

    @staticmethod
    def resolve_margin(root, _info):
        return margin_percent(root)

    @staticmethod
    def resolve_preorder_threshold(_root, _info):
        return None

    @staticmethod
    def resolve_cost_price(root, _info):
        return money(root.cost_price_amount, root.currency)

    @staticmethod
    def resolve_prior_price(root, _info):
        return money(root.prior_price_amount, root.currency)


class CollectionChannelListing(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    publication_date = graphene.Date(deprecation_reason=PUBLICATION_DATE_DEPRECATION,
                                     description="The date when the collection was published.")
    published_at = graphene.DateTime(description="The date and time when the collection was published.")
    is_published = graphene.Boolean(required=True, description="Indicates if the collection is published in the "
                                                               "channel.")
    channel = graphene.Field(Channel, required=True, description="The channel to which the collection belongs.")

    class Meta:
        description = "Represents collection channel listing."
        interfaces = (graphene.relay.Node,)

    resolve_channel = staticmethod(_channel)

    @staticmethod
    def resolve_publication_date(root, _info):
        return root.published_at.date() if root.published_at else None
