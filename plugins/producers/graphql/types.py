"""GraphQL types of the marketplace. Public fields for everyone; payout details and preparations only for the
producer's own members and staff with MANAGE_PRODUCTS."""

import graphene
from django.core.files.storage import default_storage

from backend.api.core.connection import CountableConnection, connection_args
from backend.api.core.dataloaders import then
from backend.api.core.scalars import Date, DateTime, JSONString
from backend.api.core.types import Image
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum, has_one_of_permissions
from plugins.producers import selectors
from plugins.producers.error_codes import ProducerErrorCode as ProducerErrorCodeValues
from plugins.producers.graphql import dataloaders as loaders
from plugins.producers.models import MemberRole, PreparationStatus, ProducerLabel, ProducerStatus, VatStatus
from plugins.producers.validators import format_iban

ProducerErrorCode = graphene.Enum.from_enum(ProducerErrorCodeValues, name="ProducerErrorCode",
                                            description="Codes of the errors of the producer mutations.")
ProducerStatusEnum = graphene.Enum("ProducerStatusEnum", [(s.name, s.value) for s in ProducerStatus])
ProducerVatStatusEnum = graphene.Enum("ProducerVatStatusEnum", [(s.name, s.value) for s in VatStatus])
ProducerLabelEnum = graphene.Enum("ProducerLabelEnum", [(s.name, s.value) for s in ProducerLabel])
ProducerMemberRoleEnum = graphene.Enum("ProducerMemberRoleEnum", [(s.name, s.value) for s in MemberRole])
PreparationStatusEnum = graphene.Enum("PreparationStatusEnum", [(s.name, s.value) for s in PreparationStatus])
LABEL_NAMES = dict(ProducerLabel.choices)


def can_see_private(info, producer) -> bool:
    """Own members and staff with MANAGE_PRODUCTS see payout details and preparations."""
    user = getattr(info.context, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_staff", False) and has_one_of_permissions(user, [PermissionEnum.MANAGE_PRODUCTS]):
        return True
    own = selectors.producer_of_user(user)
    return own is not None and own.pk == producer.pk


class ProducerError(graphene.ObjectType):
    field = graphene.String(description="Name of a field that caused the error. A value of `null` indicates that "
                            "the error isn't associated with a particular field.")
    message = graphene.String(description="The error message, in French.")
    code = graphene.Field(ProducerErrorCode, required=True, description="The error code.")


class ProducerLabelInfo(graphene.ObjectType):
    code = graphene.Field(ProducerLabelEnum, required=True)
    name = graphene.String(required=True, description="The label's name, in French.")


class ProducerCommune(graphene.ObjectType):
    insee = graphene.String(required=True, description="INSEE code of the commune.")
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    latitude = graphene.Float(required=True)
    longitude = graphene.Float(required=True)


class ProducerPickupPoint(graphene.ObjectType):
    """A warehouse (farm, shop) of the producer, as a place to collect from."""

    id = graphene.ID(required=True, description="Global ID of the warehouse.")
    name = graphene.String(required=True)
    street_address = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True)
    click_and_collect = graphene.Boolean(required=True, description="Orders can be collected here.")
    opening_hours = JSONString(description="Opening hours of this place.")

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("Warehouse", root.pk)

    @staticmethod
    def resolve_street_address(root, _info):
        return root.address.street_address_1

    @staticmethod
    def resolve_postal_code(root, _info):
        return root.address.postal_code

    @staticmethod
    def resolve_city(root, _info):
        return root.address.city

    @staticmethod
    def resolve_click_and_collect(root, _info):
        return root.click_and_collect_option != "disabled"


class PreparationLineType(graphene.ObjectType):
    id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    cancelled = graphene.Boolean(required=True)

    class Meta:
        name = "PreparationLine"

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("PreparationLine", root.pk)

    @staticmethod
    def resolve_product_name(root, _info):
        return root.order_line.product_name

    @staticmethod
    def resolve_variant_name(root, _info):
        return root.order_line.variant_name

    @staticmethod
    def resolve_cancelled(root, _info):
        return root.cancelled_at is not None


class PreparationType(graphene.ObjectType):
    id = graphene.ID(required=True)
    order_number = graphene.String(required=True)
    distribution_date = Date(required=True)
    status = graphene.Field(PreparationStatusEnum, required=True)
    ready_at = DateTime()
    lines = graphene.List(graphene.NonNull(PreparationLineType), required=True)

    class Meta:
        name = "Preparation"

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("Preparation", root.pk)

    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)

    @staticmethod
    def resolve_order_number(root, _info):
        return str(root.order.number)

    @staticmethod
    def resolve_lines(root, _info):
        return list(root.lines.all())


class Producer(graphene.ObjectType):
    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    name = graphene.String(required=True, description="Trade name.")
    legal_name = graphene.String(required=True)
    siret = graphene.String(required=True)
    vat_status = graphene.Field(ProducerVatStatusEnum, required=True)
    status = graphene.Field(ProducerStatusEnum, required=True)
    description = JSONString(description="Presentation of the producer (EditorJS).")
    labels = graphene.List(graphene.NonNull(ProducerLabelInfo), required=True)
    commune = graphene.Field(ProducerCommune, required=True)
    street_address = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()
    distance_km = graphene.Float(description="Distance from the commune given in `near` (as the crow flies).")
    photos = graphene.List(graphene.NonNull(Image), required=True)
    opening_hours = JSONString(description="Collection opening hours [{day, opens, closes}].")
    order_cutoff_hours = graphene.Int(required=True, description="Orders close this many hours before a distribution.")
    pickup_points = graphene.List(graphene.NonNull(ProducerPickupPoint), required=True,
                                  description="The producer's farm or shop, where its stock lives.")
    products = graphene.Field(lambda: _product_connection(), channel=graphene.String(), **connection_args(),
                              description="Published products of the producer.")
    commission_rate = graphene.Float(description="Commission in percent. Members and staff only.")
    payout_iban = graphene.String(description="IBAN for payouts. Members and staff only.")
    preparations = graphene.List(graphene.NonNull(PreparationType), distribution_date=Date(required=True),
                                 description="What to prepare for a distribution day. Members and staff only.")

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("Producer", root.pk)

    @staticmethod
    def resolve_name(root, _info):
        return root.trade_name

    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)  # a fresh instance holds the TextChoices member, graphene wants its value

    @staticmethod
    def resolve_vat_status(root, _info):
        return str(root.vat_status)

    @staticmethod
    def resolve_labels(root, _info):
        return [ProducerLabelInfo(code=label, name=LABEL_NAMES[label]) for label in root.labels
                if label in LABEL_NAMES]

    @staticmethod
    def resolve_commune(root, info):
        return loaders.CommuneByInseeLoader(info.context).load(root.commune_id)

    @staticmethod
    def resolve_latitude(root, _info):
        return None if root.latitude is None else float(root.latitude)

    @staticmethod
    def resolve_longitude(root, _info):
        return None if root.longitude is None else float(root.longitude)

    @staticmethod
    def resolve_distance_km(root, _info):
        return getattr(root, "distance_km", None)

    @staticmethod
    def resolve_photos(root, info):
        return then(loaders.PhotosByProducerIdLoader(info.context).load(root.pk),
                    lambda photos: [Image(url=default_storage.url(p.image.name), alt=p.alt) for p in photos])

    @staticmethod
    def resolve_pickup_points(root, info):
        return loaders.WarehousesByProducerIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_products(root, info, channel=None, **kwargs):
        from django.db.models import Q

        from backend.api.product.resolvers import products_channel, resolve_products

        return resolve_products(info, _product_connection(), channel=products_channel(info, channel),
                                restrict=Q(producer_link__producer_id=root.pk), **kwargs)

    @staticmethod
    def resolve_commission_rate(root, info):
        return float(root.commission_rate) if can_see_private(info, root) else None

    @staticmethod
    def resolve_payout_iban(root, info):
        return format_iban(root.iban) if root.iban and can_see_private(info, root) else None

    @staticmethod
    def resolve_preparations(root, info, distribution_date):
        if not can_see_private(info, root):
            return None
        return list(selectors.preparations_for_day(producer=root, day=distribution_date))


def _product_connection():
    from backend.api.product.types.products import ProductCountableConnection

    return ProductCountableConnection


class ProducerCountableConnection(CountableConnection):
    class Meta:
        node = Producer
