"""Root field of the shop domain: `shop`, the settings of the whole marketplace."""

import graphene

from backend.api.shop.types import Shop
from backend.commerce.site.models import SiteSettings


class Queries(graphene.ObjectType):
    shop = graphene.Field(Shop, required=True, description="Return information about the shop.")

    @staticmethod
    def resolve_shop(_root, _info):
        return SiteSettings.load()


class Mutations(graphene.ObjectType):
    pass
