"""Root fields and type extensions the producers plugin adds (through the graphql_* hooks)."""

import graphene
from graphql import GraphQLError

from backend.api.core.connection import connection_args, connection_from_queryset
from plugins.producers import selectors
from plugins.producers.graphql import dataloaders as loaders
from plugins.producers.graphql.mutations import (
    PreparationLineCancel,
    PreparationMarkReady,
    ProducerCreate,
    ProducerMemberInvite,
    ProducerUpdate,
)
from plugins.producers.graphql.types import Producer, ProducerCountableConnection, ProducerLabelEnum

ProducerSortField = graphene.Enum("ProducerSortField", [("NAME", "name"), ("DISTANCE", "distance")])
OrderDirection = graphene.Enum("ProducerOrderDirection", [("ASC", "asc"), ("DESC", "desc")])


class ProducerFilterInput(graphene.InputObjectType):
    communes = graphene.List(graphene.NonNull(graphene.String), description="INSEE codes or slugs.")
    labels = graphene.List(graphene.NonNull(ProducerLabelEnum))
    categories = graphene.List(graphene.NonNull(graphene.String), description="Category slugs.")
    search = graphene.String()


class ProducerSortingInput(graphene.InputObjectType):
    field = ProducerSortField(required=True)
    direction = OrderDirection(required=True)


def _value(item):
    return getattr(item, "value", item)


class ProducerQueries(graphene.ObjectType):
    producers = graphene.Field(
        ProducerCountableConnection, filter=ProducerFilterInput(), sort_by=ProducerSortingInput(),
        near=graphene.String(description="INSEE code or slug of a commune: sets `distanceKm`, needed to sort by "
                                         "DISTANCE."),
        **connection_args(), description="Active producers of the Comptoir.")
    producer = graphene.Field(Producer, slug=graphene.String(required=True),
                              description="An active producer by slug (members and staff also see it otherwise).")
    my_producer = graphene.Field(Producer, description="The producer the signed-in user is a member of.")

    @staticmethod
    def resolve_producers(_root, info, filter=None, sort_by=None, near=None, **kwargs):
        filter = filter or {}
        producers = selectors.producers_filtered(
            communes=filter.get("communes"), labels=[_value(label) for label in filter.get("labels") or []],
            categories=filter.get("categories"), search=(filter.get("search") or "").strip())
        field = _value(sort_by["field"]) if sort_by else ("distance" if near else "name")
        descending = bool(sort_by) and _value(sort_by["direction"]) == "desc"
        origin = None
        if near:
            origin = selectors.commune_by_code(near)
            if origin is None:
                raise GraphQLError(f"Commune inconnue : {near}.")
        if field == "distance":
            if origin is None:
                raise GraphQLError("Indiquez une commune (`near`) pour trier par distance.")
            rows = selectors.sorted_by_distance(producers, origin, descending=descending)
        else:
            rows = list(producers.order_by("-trade_name" if descending else "trade_name", "pk"))
            if origin is not None:
                selectors.sorted_by_distance(rows, origin)  # sets distance_km, order kept below
                rows.sort(key=lambda p: p.trade_name, reverse=descending)
        return connection_from_queryset(rows, info, kwargs, ProducerCountableConnection)

    @staticmethod
    def resolve_producer(_root, info, slug):
        from plugins.producers.graphql.types import can_see_private
        from plugins.producers.models import Producer as ProducerModel

        producer = ProducerModel.objects.select_related("commune").filter(slug=slug).first()
        if producer is None:
            return None
        if producer.status != "active" and not can_see_private(info, producer):
            return None
        return producer

    @staticmethod
    def resolve_my_producer(_root, info):
        return selectors.producer_of_user(getattr(info.context, "user", None))


class ProducerMutations(graphene.ObjectType):
    producer_create = ProducerCreate.Field()
    producer_update = ProducerUpdate.Field()
    producer_member_invite = ProducerMemberInvite.Field()
    preparation_mark_ready = PreparationMarkReady.Field()
    preparation_line_cancel = PreparationLineCancel.Field()


def _resolve_product_producer(root, info):
    return loaders.ProducerByProductIdLoader(info.context).load(root.pk)


def type_extensions() -> dict:
    from backend.api.product.types.products import Product

    return {Product: {"producer": graphene.Field(Producer, resolver=_resolve_product_producer,
                                                 description="The local producer of this product.")}}
