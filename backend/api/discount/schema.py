"""The discount part of Saleor's schema: vouchers are applied through the checkout's promo-code mutations."""

import graphene


class Queries(graphene.ObjectType):
    pass


class Mutations(graphene.ObjectType):
    pass
