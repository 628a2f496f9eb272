"""Root fields the roadmap plugin adds to Query and Mutation (through the graphql_*_classes hooks)."""

import graphene
from graphql import GraphQLError

from backend.api.core.connection import connection_args, connection_from_queryset
from backend.api.core.scalars import DateTime
from backend.commerce.territory.models import PublicPlace as PublicPlaceModel
from backend.core.ids import InvalidGlobalId, from_global_id
from plugins.roadmap import selectors
from plugins.roadmap.graphql.mutations import WorkshopRegister, WorkshopRegistrationCancel
from plugins.roadmap.graphql.types import (
    PublicPlace,
    PublicPlaceKind,
    RoadmapAxis,
    RoadmapCommune,
    Workshop,
    WorkshopCountableConnection,
    WorkshopRegistration,
)


def workshop_pk(global_id: str) -> int:
    """The pk of a Workshop global ID; a GraphQL error when it is malformed or of another type."""
    try:
        type_name, pk = from_global_id(global_id)
        if type_name != "Workshop" or not 0 < int(pk) <= selectors.MAX_PK:
            raise InvalidGlobalId(global_id)
        return int(pk)
    except (InvalidGlobalId, ValueError) as exc:
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: Workshop.") from exc


class RoadmapQueries(graphene.ObjectType):
    workshops = graphene.Field(
        WorkshopCountableConnection,
        commune=graphene.String(description="INSEE code or slug of a commune."),
        starts_from=graphene.Argument(DateTime, name="from", description="Workshops starting at or after this time."),
        starts_to=graphene.Argument(DateTime, name="to", description="Workshops starting before this time."),
        **connection_args(),
        description="Published workshops in date order; without `from` and `to`, those not over yet.",
    )
    workshop = graphene.Field(Workshop, id=graphene.Argument(graphene.ID, required=True),
                              description="Look up a published workshop by ID.")
    workshop_registration_by_token = graphene.Field(
        WorkshopRegistration, token=graphene.String(required=True),
        description="The registration a cancellation link points to (whoever holds the link may see and cancel it).")
    roadmap_communes = graphene.List(graphene.NonNull(RoadmapCommune), required=True,
                                     description="The communes of the territory with their workshop counts.")
    public_places = graphene.List(graphene.NonNull(PublicPlace), required=True,
                                  kind=graphene.Argument(PublicPlaceKind),
                                  description="Public libraries, France services and tiers-lieux of the territory.")
    roadmap_axes = graphene.List(graphene.NonNull(RoadmapAxis), required=True,
                                 description="The axes of the digital roadmap, in order, with their projects.")
    roadmap_axis = graphene.Field(RoadmapAxis, key=graphene.String(required=True),
                                  description="One axis of the roadmap by its key.")

    @staticmethod
    def resolve_workshops(_root, info, commune=None, starts_from=None, starts_to=None, **args):
        workshops = selectors.workshops_list(commune=commune, starts_from=starts_from, starts_to=starts_to)
        return connection_from_queryset(workshops, info, args, WorkshopCountableConnection)

    @staticmethod
    def resolve_workshop(_root, _info, id):
        return selectors.workshops_with_seats().filter(pk=workshop_pk(id)).first()

    @staticmethod
    def resolve_workshop_registration_by_token(_root, _info, token):
        return selectors.registration_by_token(token)

    @staticmethod
    def resolve_roadmap_communes(_root, _info):
        return selectors.communes_with_workshop_counts()

    @staticmethod
    def resolve_public_places(_root, _info, kind=None):
        value = PublicPlaceModel.Kind[kind.name if hasattr(kind, "name") else kind].value if kind else None
        return selectors.public_places(kind=value)

    @staticmethod
    def resolve_roadmap_axes(_root, _info):
        return selectors.roadmap_axes()

    @staticmethod
    def resolve_roadmap_axis(_root, _info, key):
        return selectors.roadmap_axis(key)


class RoadmapMutations(graphene.ObjectType):
    workshop_register = WorkshopRegister.Field()
    workshop_registration_cancel = WorkshopRegistrationCancel.Field()
