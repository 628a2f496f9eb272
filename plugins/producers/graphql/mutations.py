"""Producer mutations: thin, each checks who calls, calls one service, and shapes the answer."""

import graphene
from django.core.exceptions import ValidationError

from backend.api.core.errors import PermissionDenied
from backend.api.core.mutations import BaseMutation
from backend.api.core.scalars import JSONString
from backend.core.ids import InvalidGlobalId, from_global_id
from backend.core.permissions import PermissionEnum, has_one_of_permissions
from plugins.producers import selectors
from plugins.producers.error_codes import ProducerErrorCode as Code
from plugins.producers.graphql.types import (
    PreparationType,
    Producer,
    ProducerError,
    ProducerLabelEnum,
    ProducerMemberRoleEnum,
    ProducerStatusEnum,
    ProducerVatStatusEnum,
)
from plugins.producers.models import MemberRole, PreparationLine
from plugins.producers.models import Producer as ProducerModel
from plugins.producers.services import preparations as preparation_services
from plugins.producers.services import producers as producer_services

INPUT_TO_MODEL = {"trade_name": "trade_name", "legal_name": "legal_name", "siret": "siret", "vat_status": "vat_status",
                  "email": "email", "phone": "phone", "website": "website", "commune": "commune",
                  "street_address": "street_address", "postal_code": "postal_code", "latitude": "latitude",
                  "longitude": "longitude", "description": "description", "labels": "labels",
                  "opening_hours": "opening_hours", "order_cutoff_hours": "order_cutoff_hours", "iban": "iban",
                  "bic": "bic", "commission_rate": "commission_rate", "stripe_account_id": "stripe_account_id",
                  "status": "status", "slug": "slug"}


def _plain(value):
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return getattr(value, "value", value)


def input_to_data(input) -> dict:
    return {INPUT_TO_MODEL[key]: _plain(value) for key, value in input.items() if key in INPUT_TO_MODEL}


def is_catalogue_staff(user) -> bool:
    return bool(user and getattr(user, "is_staff", False)
                and has_one_of_permissions(user, [PermissionEnum.MANAGE_PRODUCTS]))


def global_pk(global_id, expected: str, field: str = "id") -> int:
    try:
        type_name, pk = from_global_id(global_id)
        if type_name == expected:
            return int(pk)
    except (InvalidGlobalId, ValueError):
        pass
    raise ValidationError({field: ValidationError(f"Identifiant invalide : {expected} attendu.",
                                                  code=Code.NOT_FOUND.value)})


class ProducerInputFields:
    legal_name = graphene.String(description="Raison sociale.")
    trade_name = graphene.String(description="Nom commercial.")
    siret = graphene.String(description="SIRET (14 digits).")
    vat_status = ProducerVatStatusEnum()
    email = graphene.String()
    phone = graphene.String()
    website = graphene.String()
    commune = graphene.String(description="INSEE code or slug of the commune.")
    street_address = graphene.String()
    postal_code = graphene.String()
    latitude = graphene.Float()
    longitude = graphene.Float()
    description = JSONString(description="EditorJS presentation.")
    labels = graphene.List(graphene.NonNull(ProducerLabelEnum))
    opening_hours = JSONString()
    order_cutoff_hours = graphene.Int()
    iban = graphene.String()
    bic = graphene.String()


class ProducerCreateInput(ProducerInputFields, graphene.InputObjectType):
    commission_rate = graphene.Float(description="Commission in percent (default 12).")
    stripe_account_id = graphene.String()


class ProducerUpdateInput(ProducerInputFields, graphene.InputObjectType):
    commission_rate = graphene.Float(description="Staff only.")
    stripe_account_id = graphene.String(description="Staff only.")
    status = ProducerStatusEnum(description="Staff only.")
    slug = graphene.String(description="Staff only.")


class ProducerCreate(BaseMutation):
    producer = graphene.Field(Producer)

    class Arguments:
        input = ProducerCreateInput(required=True)

    class Meta:
        description = "Create a producer and invite its contact e-mail as owner (staff)."
        error_type_class = ProducerError
        permissions = (PermissionEnum.MANAGE_PRODUCTS,)

    @classmethod
    def perform_mutation(cls, _root, info, input):
        producer = producer_services.producer_create(data=input_to_data(input), invited_by=info.context.user)
        return cls(producer=producer)


def _producer_for_update(info, global_id) -> tuple[ProducerModel, bool]:
    """The producer and whether the caller acts as staff; a member of another producer is refused."""
    user = info.context.user
    staff = is_catalogue_staff(user)
    pk = global_pk(global_id, "Producer")
    own = selectors.producer_of_user(user)
    if not staff and (own is None or own.pk != pk):
        raise PermissionDenied()
    producer = ProducerModel.objects.filter(pk=pk).first()
    if producer is None:
        raise ValidationError({"id": ValidationError("Ce producteur n'existe pas.", code=Code.NOT_FOUND.value)})
    return producer, staff


class ProducerUpdate(BaseMutation):
    producer = graphene.Field(Producer)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProducerUpdateInput(required=True)

    class Meta:
        description = "Update a producer: staff (MANAGE_PRODUCTS) any producer, a member its own profile."
        error_type_class = ProducerError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        producer, staff = _producer_for_update(info, id)
        producer = producer_services.producer_update(producer=producer, data=input_to_data(input), staff=staff)
        return cls(producer=producer)


class ProducerMemberInvite(BaseMutation):
    producer = graphene.Field(Producer)

    class Arguments:
        producer_id = graphene.ID(required=True)
        email = graphene.String(required=True)
        role = ProducerMemberRoleEnum(default_value=MemberRole.STAFF.value)

    class Meta:
        description = "Invite a person to a producer by mail: staff (MANAGE_PRODUCTS) or the producer's owner."
        error_type_class = ProducerError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, producer_id, email, role=MemberRole.STAFF.value):
        producer, staff = _producer_for_update(info, producer_id)
        if not staff and not producer.members.filter(user_id=info.context.user.pk, role=MemberRole.OWNER).exists():
            raise PermissionDenied()
        producer_services.member_invite(producer=producer, email=email, role=_plain(role),
                                        invited_by=info.context.user)
        return cls(producer=producer)


def _member_producer_id(info):
    """A member acts on its own producer only; staff (MANAGE_PRODUCTS) on any (None = no restriction)."""
    user = info.context.user
    if is_catalogue_staff(user):
        return None
    own = selectors.producer_of_user(user)
    if own is None:
        raise PermissionDenied()
    return own.pk


class PreparationMarkReady(BaseMutation):
    preparation = graphene.Field(PreparationType)

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Mark a preparation ready (members of its producer, staff with MANAGE_PRODUCTS)."
        error_type_class = ProducerError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id):
        producer_id = _member_producer_id(info)
        preparation = preparation_services.preparation_mark_ready(
            preparation_id=global_pk(id, "Preparation"), producer_id=producer_id, user=info.context.user)
        return cls(preparation=preparation)


class PreparationLineCancel(BaseMutation):
    preparation = graphene.Field(PreparationType)

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    class Meta:
        description = "Cancel a line the producer cannot supply: stock released, line refunded, customer told."
        error_type_class = ProducerError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id, reason=""):
        producer_id = _member_producer_id(info)
        line = preparation_services.preparation_line_cancel(
            line_id=global_pk(id, "PreparationLine"), producer_id=producer_id, user=info.context.user,
            reason=reason or "")
        return cls(preparation=PreparationLine.objects.get(pk=line.pk).preparation)
