"""Per-channel listings (publication, prices), visible to staff managing products."""

import graphene

from backend.api.channel.types import Channel
from backend.api.core.dataloaders import then
from backend.api.core.types import Money, money
from backend.api.product import dataloaders as loaders
from backend.api.product.pricing import product_pricing
from backend.api.product.types.common import load_vat_rate
from backend.api.product.types.pricing import ProductPricingInfo
from backend.commerce.product.selectors import is_listing_available_for_purchase

PUBLICATION_DATE_DEPRECATION = "Use the `publishedAt` field to fetch the publication date."


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
    pricing = graphene.Field(ProductPricingInfo, description="Lists the storefront product's pricing, the current "
                                                             "price and discounts, only meant for displaying.")

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
    def resolve_pricing(root, info):
        from backend.api.core.dataloaders import gather

        def with_variants(variants):
            listings = gather([loaders.VariantChannelListingLoader(info.context).load((v.pk, root.channel_id))
                               for v in variants])
            return then(gather([listings, load_vat_rate(info, root.product_id)]),
                        lambda results: product_pricing(results[0], results[1]))

        return then(loaders.VariantsByProductIdLoader(info.context).load((root.product_id, None, True)),
                    with_variants)


class ProductVariantChannelListing(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the object.")
    channel = graphene.Field(Channel, required=True, description="The channel to which the variant listing belongs.")
    price = graphene.Field(Money, description="The price of the variant.")
    cost_price = graphene.Field(Money, description="Cost price of the variant.")
    prior_price = graphene.Field(Money, description="Prior price of the variant.\n\nAdded in Saleor 3.20.")

    class Meta:
        description = "Represents product varaint channel listing."
        interfaces = (graphene.relay.Node,)

    resolve_channel = staticmethod(_channel)

    @staticmethod
    def resolve_price(root, _info):
        return money(root.price_amount, root.currency)

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
