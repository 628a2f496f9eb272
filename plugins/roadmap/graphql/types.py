"""GraphQL types of the roadmap: workshops and registrations, communes with workshop counts, public places, and the
roadmap's axes and projects (read from the CMS pages). Related fields resolve through dataloaders."""

import graphene
from django.utils import timezone

from backend.api.core.connection import CountableConnection
from backend.api.core.dataloaders import then
from backend.api.core.scalars import DateTime, JSONString
from backend.commerce.territory.models import PublicPlace as PublicPlaceModel
from backend.core.ids import to_global_id
from plugins.roadmap import selectors
from plugins.roadmap.error_codes import WorkshopErrorCode as WorkshopErrorCodeValues
from plugins.roadmap.graphql import dataloaders as loaders
from plugins.roadmap.models import WorkshopTheme

WorkshopErrorCode = graphene.Enum.from_enum(WorkshopErrorCodeValues, name="WorkshopErrorCode",
                                            description="Codes of the errors of the workshop mutations.")
PublicPlaceKind = graphene.Enum("PublicPlaceKind", [(kind.name, kind.value) for kind in PublicPlaceModel.Kind],
                                description="Kinds of public places: public libraries, France services, tiers-lieux.")
THEME_LABELS = dict(WorkshopTheme.choices)


def _float(value):
    return None if value is None else float(value)


class WorkshopError(graphene.ObjectType):
    field = graphene.String(description="Name of a field that caused the error. A value of `null` indicates that "
                            "the error isn't associated with a particular field.")
    message = graphene.String(description="The error message, in French.")
    code = graphene.Field(WorkshopErrorCode, required=True, description="The error code.")


class RoadmapCommune(graphene.ObjectType):
    id = graphene.ID(required=True, description="Global ID of the commune (`Commune:<INSEE code>`).")
    insee = graphene.String(required=True, description="INSEE code of the commune.")
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    postcodes = graphene.List(graphene.NonNull(graphene.String), required=True)
    population = graphene.Int(required=True, description="Population municipale (INSEE).")
    latitude = graphene.Float(required=True, description="Centroid of the commune (WGS84), not the town hall.")
    longitude = graphene.Float(required=True)
    is_bourg_centre = graphene.Boolean(required=True)
    workshops_held = graphene.Int(required=True, description="Workshops already held in the commune.")
    workshops_planned = graphene.Int(required=True, description="Workshops to come in the commune.")

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("Commune", root.insee)

    @staticmethod
    def resolve_latitude(root, _info):
        return _float(root.latitude)

    @staticmethod
    def resolve_longitude(root, _info):
        return _float(root.longitude)


class PublicPlace(graphene.ObjectType):
    kind = graphene.Field(PublicPlaceKind, required=True)
    kind_label = graphene.String(required=True, description="The kind, in French.")
    name = graphene.String(required=True)
    commune = graphene.Field(RoadmapCommune, required=True)
    address = graphene.String(required=True)
    postcode = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()
    location_doubtful = graphene.Boolean(required=True, description="The position given by the source is doubtful.")
    phone = graphene.String(required=True)
    email = graphene.String(required=True)
    website = graphene.String(required=True)
    opening_hours = graphene.String(required=True, description="Opening hours as published; empty when unknown.")
    note = graphene.String(required=True, description="Remarks on the data (doubts, missing values).")
    source = graphene.String(required=True, description="Where the data comes from, with its licence.")

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A public place of the territory: public library, France services or tiers-lieu."

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_kind(root, _info):
        return PublicPlaceModel.Kind(root.kind).name

    @staticmethod
    def resolve_kind_label(root, _info):
        return root.get_kind_display()

    @staticmethod
    def resolve_commune(root, info):
        return loaders.CommuneByInseeLoader(info.context).load(root.commune_id)

    @staticmethod
    def resolve_latitude(root, _info):
        return _float(root.latitude)

    @staticmethod
    def resolve_longitude(root, _info):
        return _float(root.longitude)


class Workshop(graphene.ObjectType):
    title = graphene.String(required=True)
    theme = graphene.String(required=True, description="Slug of the theme.")
    theme_label = graphene.String(required=True, description="The theme, in French.")
    description = graphene.String(required=True)
    commune = graphene.Field(RoadmapCommune, required=True)
    venue = graphene.Field(PublicPlace, description="The public place where it is held, when it is one.")
    address = graphene.String(required=True, description="Where it is held, as a line of text.")
    starts_at = DateTime(required=True)
    ends_at = DateTime(required=True)
    capacity = graphene.Int(required=True)
    seats_booked = graphene.Int(required=True)
    seats_left = graphene.Int(required=True)
    is_full = graphene.Boolean(required=True)
    is_cancelled = graphene.Boolean(required=True)
    is_past = graphene.Boolean(required=True, description="The workshop is over.")
    is_demo = graphene.Boolean(required=True, description="Demo data, not a real workshop.")

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A free digital workshop of the roadmap, held in a commune, with a limited number of places."

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_theme_label(root, _info):
        return THEME_LABELS.get(root.theme, root.theme)

    @staticmethod
    def resolve_commune(root, info):
        return loaders.CommuneByInseeLoader(info.context).load(root.commune_id)

    @staticmethod
    def resolve_venue(root, info):
        return loaders.PublicPlaceByIdLoader(info.context).load(root.venue_id) if root.venue_id else None

    @staticmethod
    def resolve_address(root, info):
        if not root.venue_id:
            return root.venue_address
        place = loaders.PublicPlaceByIdLoader(info.context).load(root.venue_id)
        return then(place, lambda p: ", ".join(x for x in (p.name, p.address) if x) if p else root.venue_address)

    @staticmethod
    def resolve_seats_left(root, _info):
        return max(root.capacity - root.seats_booked, 0)

    @staticmethod
    def resolve_is_full(root, _info):
        return root.seats_booked >= root.capacity

    @staticmethod
    def resolve_is_past(root, _info):
        return root.ends_at < timezone.now()


class WorkshopCountableConnection(CountableConnection):
    class Meta:
        node = Workshop


class WorkshopRegistration(graphene.ObjectType):
    name = graphene.String(required=True)
    email = graphene.String(required=True)
    seats = graphene.Int(required=True)
    created_at = DateTime(required=True)
    cancelled_at = DateTime()
    is_cancelled = graphene.Boolean(required=True)
    workshop = graphene.Field(Workshop, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A resident's registration to a workshop. The cancellation link is only sent by mail."

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_workshop(root, info):
        return loaders.WorkshopByIdLoader(info.context).load(root.workshop_id)


class RoadmapStatus(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)


def _values(info, page, attribute_slug):
    values = loaders.AttributeValuesByPageIdLoader(info.context).load(page.pk)
    return then(values, lambda found: found.get(attribute_slug, []))


class RoadmapProject(graphene.ObjectType):
    id = graphene.ID(required=True, description="Global ID of the project's page (usable with `page(id:)`).")
    slug = graphene.String(required=True, description="Slug of the project's page.")
    title = graphene.String(required=True)
    summary = graphene.String(required=True)
    content = JSONString(description="EditorJS content of the page.")
    status = graphene.Field(RoadmapStatus, description="Attribute `statut-projet` of the page.")
    communes = graphene.List(graphene.NonNull(graphene.String), required=True,
                             description="Names of the communes concerned; empty for the whole territory.")

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("Page", root.pk)

    @staticmethod
    def resolve_summary(root, _info):
        return root.seo_description or ""

    @staticmethod
    def resolve_status(root, info):
        return then(_values(info, root, selectors.STATUS_ATTRIBUTE),
                    lambda values: RoadmapStatus(slug=values[0].slug, name=values[0].name) if values else None)

    @staticmethod
    def resolve_communes(root, info):
        return then(_values(info, root, selectors.COMMUNES_ATTRIBUTE), lambda values: [v.name for v in values])


class RoadmapAxis(graphene.ObjectType):
    id = graphene.ID(required=True, description="Global ID of the axis' page (usable with `page(id:)`).")
    key = graphene.String(required=True, description="Slug of the axis (value of the attribute "
                          "`axe-feuille-de-route`), used in URLs.")
    slug = graphene.String(required=True, description="Slug of the axis' page.")
    title = graphene.String(required=True)
    summary = graphene.String(required=True)
    content = JSONString(description="EditorJS content of the page.")
    projects = graphene.List(graphene.NonNull(RoadmapProject), required=True)

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("Page", root[0].pk)

    @staticmethod
    def resolve_key(root, _info):
        return root[1]

    @staticmethod
    def resolve_slug(root, _info):
        return root[0].slug

    @staticmethod
    def resolve_title(root, _info):
        return root[0].title

    @staticmethod
    def resolve_summary(root, _info):
        return root[0].seo_description or ""

    @staticmethod
    def resolve_content(root, _info):
        return root[0].content

    @staticmethod
    def resolve_projects(root, info):
        return loaders.ProjectsByAxisKeyLoader(info.context).load(root[1])
