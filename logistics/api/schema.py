"""Root fields the logistics plugin adds to Query and Mutation (through the graphql_*_classes hooks).

Staff with the logistics permission see every day and round; a courier sees only the rounds given to them."""

import graphene
from django.core.exceptions import ValidationError

from backend.api.core.errors import PermissionDenied
from backend.api.core.mutations import BaseMutation
from backend.api.core.scalars import Date, DateTime
from backend.commerce.checkout.models import Checkout
from backend.core.ids import InvalidGlobalId, from_global_id
from logistics.api.types import (
    DistributionDay,
    LogisticsError,
    PickupSlot,
    Round,
    Stop,
    StopProblem,
)
from logistics.error_codes import LogisticsErrorCode, logistics_error
from logistics.models import MANAGE_LOGISTICS
from logistics.models import DistributionDay as DayModel
from logistics.models import Round as RoundModel
from logistics.services import slots
from logistics.services.stops import StopActionInput, stop_record


def _pk(global_id: str, type_name: str, field: str):
    try:
        found, pk = from_global_id(global_id)
    except InvalidGlobalId:
        found, pk = "", ""
    if found != type_name:
        raise logistics_error(field, f"Identifiant invalide : un {type_name} est attendu.",
                              LogisticsErrorCode.NOT_FOUND)
    return pk


def _is_manager(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(MANAGE_LOGISTICS))


def _rounds_of(user):
    rounds = RoundModel.objects.select_related("day", "vehicle", "courier__user")
    if _is_manager(user):
        return rounds
    return rounds.filter(courier__user=user, courier__is_active=True)


class LogisticsQueries(graphene.ObjectType):
    distribution_days = graphene.List(
        graphene.NonNull(DistributionDay), required=True, date_from=graphene.Argument(Date, name="from"),
        description="Distribution days, newest first (at most 60). Requires the logistics permission.")
    round = graphene.Field(Round, id=graphene.Argument(graphene.ID, required=True),
                           description="A round by ID: staff see any, a courier only their own (null otherwise).")
    my_rounds = graphene.List(graphene.NonNull(Round), required=True, date=graphene.Argument(Date),
                              description="The signed-in courier's rounds (of a date, or from today on).")
    pickup_slots = graphene.List(
        graphene.NonNull(PickupSlot), required=True, warehouse_id=graphene.Argument(graphene.ID),
        description="Pickup slots with places left, from today on (optionally of one pickup point).")

    @staticmethod
    def resolve_distribution_days(_root, info, date_from=None):
        if not _is_manager(info.context.user):
            raise PermissionDenied(permissions=["MANAGE_LOGISTICS"])
        days = DayModel.objects.select_related("hub__warehouse").order_by("-date")
        if date_from:
            days = days.filter(date__gte=date_from)
        return days[:60]

    @staticmethod
    def resolve_round(_root, info, id):
        user = info.context.user
        if not user.is_authenticated:
            raise PermissionDenied()
        try:
            type_name, pk = from_global_id(id)
        except InvalidGlobalId:
            return None
        if type_name != "Round" or not str(pk).isdigit():
            return None
        return _rounds_of(user).filter(pk=pk).first()

    @staticmethod
    def resolve_my_rounds(_root, info, date=None):
        from django.utils import timezone

        user = info.context.user
        if not user.is_authenticated:
            raise PermissionDenied()
        rounds = RoundModel.objects.select_related("day", "vehicle", "courier__user").filter(
            courier__user=user, courier__is_active=True)
        rounds = rounds.filter(day__date=date) if date else rounds.filter(day__date__gte=timezone.localdate())
        return rounds.order_by("day__date", "departure")

    @staticmethod
    def resolve_pickup_slots(_root, _info, warehouse_id=None):
        if warehouse_id:
            try:
                type_name, pk = from_global_id(warehouse_id)
            except InvalidGlobalId:
                return []
            if type_name != "Warehouse":
                return []
            return slots.pickup_slots_with_room(warehouse_id=pk)
        return slots.pickup_slots_with_room()


class _StopAction(BaseMutation):
    stop = graphene.Field(Stop)

    class Meta:
        abstract = True

    @classmethod
    def record(cls, info, id, data: StopActionInput):
        stop = stop_record(user=info.context.user, stop_id=_pk(id, "Stop", "id"), data=data)
        return cls(stop=stop)


class StopMarkDone(_StopAction):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the stop.")
        parcel_ids = graphene.List(graphene.NonNull(graphene.ID), description="Only these parcels (default: all).")
        proof_code = graphene.String(description="The customer's pickup code, as proof of delivery.")
        signature = graphene.String(description="A signature as a data URL (PNG, 200 KB at most).")
        happened_at = graphene.Argument(DateTime, description="When it was done, by the phone's clock.")
        client_action_id = graphene.String(description="Idempotency key of the action (offline replays).")
        payment_method = graphene.String(description="Home delivery paid to the courier: `cash` or `card`.")

    class Meta:
        description = "Mark a stop (or some of its parcels) done. Couriers only on their own rounds."
        error_type_class = LogisticsError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id, parcel_ids=None, proof_code="", signature="", happened_at=None,
                         client_action_id="", payment_method=""):
        parcels = tuple(_pk(p, "Parcel", "parcel_ids") for p in parcel_ids or [])
        return cls.record(info, id, StopActionInput(action="done", parcel_ids=parcels, proof_code=proof_code or "",
                                                    signature=signature or "", happened_at=happened_at,
                                                    client_action_id=client_action_id or "",
                                                    payment_method=payment_method or ""))


class StopReportProblem(_StopAction):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the stop.")
        problem = graphene.Argument(StopProblem, required=True)
        note = graphene.String()
        happened_at = graphene.Argument(DateTime)
        client_action_id = graphene.String()

    class Meta:
        description = "Report a problem at a stop (absent, refused, damaged). Couriers only on their own rounds."
        error_type_class = LogisticsError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id, problem, note="", happened_at=None, client_action_id=""):
        value = problem.value if hasattr(problem, "value") else problem
        return cls.record(info, id, StopActionInput(action="problem", problem=value, note=note or "",
                                                    happened_at=happened_at,
                                                    client_action_id=client_action_id or ""))


class PickupSlotBook(BaseMutation):
    slot = graphene.Field(PickupSlot)

    class Arguments:
        checkout_id = graphene.ID(required=True, description="ID of the checkout (its token is the right to it).")
        slot_id = graphene.ID(required=True, description="ID of the pickup slot.")

    class Meta:
        description = "Book a place in a pickup slot for a checkout, before completing it; a full slot is refused."
        error_type_class = LogisticsError
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, checkout_id, slot_id):
        token = _pk(checkout_id, "Checkout", "checkout_id")
        checkout = Checkout.objects.filter(pk=token).first() if _is_uuid(token) else None
        if checkout is None:
            raise logistics_error("checkout_id", "Ce panier n'existe pas.", LogisticsErrorCode.NOT_FOUND)
        booking = slots.pickup_slot_book(checkout_token=str(checkout.pk), slot_id=slot_id)
        point = booking.slot.pickup_point
        if checkout.collection_point_id and checkout.collection_point_id != point.warehouse_id:
            raise ValidationError({"slot_id": ValidationError(
                "Ce créneau est celui d'un autre point de retrait que celui choisi.",
                code=LogisticsErrorCode.INVALID.value)})
        Checkout.objects.filter(pk=checkout.pk).update(metadata={**(checkout.metadata or {}),
                                                                 slots.METADATA_KEY: slot_id})
        return cls(slot=booking.slot)


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class LogisticsMutations(graphene.ObjectType):
    stop_mark_done = StopMarkDone.Field()
    stop_report_problem = StopReportProblem.Field()
    pickup_slot_book = PickupSlotBook.Field()
