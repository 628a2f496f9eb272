"""What couriers do at a stop: hand over or pick up all the parcels (or some), with a proof, or report a problem.

Every action carries the courier's real time (from the phone, possibly synced later) and a client action id: the same
action received twice (offline queue replayed) changes nothing the second time."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from backend.commerce.order.selectors import normalize_pickup_code
from logistics.error_codes import LogisticsErrorCode, logistics_error
from logistics.models import (
    MANAGE_LOGISTICS,
    SIGNATURE_MAX_CHARS,
    CourierAction,
    DistributionDay,
    Parcel,
    Round,
    Stop,
)
from logistics.services.handover import fulfil_parcels

SIGNATURE_PREFIX = re.compile(r"^data:image/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$")
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class StopActionInput:
    action: str  # "done" or "problem"
    parcel_ids: tuple = ()  # empty: every parcel of the stop
    problem: str = ""
    note: str = ""
    proof_code: str = ""
    signature: str = ""
    payment_method: str = ""  # home delivery paid to the courier: "cash" or "card"
    happened_at: datetime | None = None
    client_action_id: str = ""


def stop_parcels(stop: Stop):
    if stop.kind == Stop.Kind.COLLECTION:
        return Parcel.objects.filter(collection_stop=stop)
    return Parcel.objects.filter(delivery_stop=stop)


def can_act_on(user, stop_round: Round) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm(MANAGE_LOGISTICS):
        return True
    courier = getattr(user, "courier", None)
    return courier is not None and courier.is_active and stop_round.courier_id == courier.pk


def _when(value: datetime | None) -> datetime:
    now = timezone.now()
    if value is None:
        return now
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return min(value, now + CLOCK_SKEW)  # a phone clock ahead of ours cannot date an action in the future


def _validate(stop: Stop, data: StopActionInput) -> None:
    if data.action not in ("done", "problem"):
        raise logistics_error("action", "Action inconnue : « fait » ou « problème ».", LogisticsErrorCode.INVALID)
    if data.action == "problem" and data.problem not in Stop.Problem.values:
        raise logistics_error("problem", "Précisez le problème : absent, refusé ou endommagé.",
                              LogisticsErrorCode.REQUIRED)
    if data.signature and (len(data.signature) > SIGNATURE_MAX_CHARS or not SIGNATURE_PREFIX.match(data.signature)):
        raise logistics_error("signature", "Signature illisible ou trop lourde (image de 200 Ko au plus).",
                              LogisticsErrorCode.SIGNATURE_TOO_LARGE)
    if data.proof_code and stop.order_id is not None:
        expected = stop.order.pickup_code if stop.order else ""
        if expected and normalize_pickup_code(data.proof_code) != expected:
            raise logistics_error("proof_code", "Ce code ne correspond pas à la commande livrée.",
                                  LogisticsErrorCode.WRONG_CODE)


def stop_record(*, user, stop_id, data: StopActionInput) -> Stop:
    """Apply a courier action; returns the stop. Raises a ValidationError with a LogisticsErrorCode otherwise."""
    with transaction.atomic():
        if data.client_action_id:
            done = CourierAction.objects.filter(client_action_id=data.client_action_id).select_related("stop").first()
            if done is not None:
                return done.stop
        stop = (Stop.objects.select_for_update(of=("self",)).select_related("round", "order")
                .filter(pk=stop_id).first() if str(stop_id).isdigit() else None)
        if stop is None:
            raise logistics_error("stop", "Cet arrêt n'existe pas.", LogisticsErrorCode.NOT_FOUND)
        if not can_act_on(user, stop.round):
            raise logistics_error("stop", "Cet arrêt n'appartient pas à une de vos tournées.",
                                  LogisticsErrorCode.NOT_YOURS)
        if stop.is_finished:
            raise logistics_error("stop", f"L'arrêt « {stop.name} » est déjà clos ({stop.get_status_display()}).",
                                  LogisticsErrorCode.ALREADY_DONE)
        _validate(stop, data)
        when = _when(data.happened_at)
        parcels = stop_parcels(stop).exclude(status__in=[Parcel.Status.DELIVERED, Parcel.Status.PROBLEM])
        if stop.kind == Stop.Kind.COLLECTION:
            parcels = stop_parcels(stop).filter(status=Parcel.Status.WAITING)
        if data.parcel_ids:
            chosen = parcels.filter(pk__in=[p for p in data.parcel_ids if _is_uuid(p)])
            if chosen.count() != len(set(data.parcel_ids)):
                raise logistics_error("parcel_ids", "Un des colis choisis n'est pas (ou plus) à traiter à cet arrêt.",
                                      LogisticsErrorCode.INVALID)
            parcels = chosen
        if data.action == "problem":
            parcels.update(status=Parcel.Status.PROBLEM)
        elif stop.kind == Stop.Kind.COLLECTION:
            parcels.update(status=Parcel.Status.COLLECTED)
        else:
            if stop.order_id:  # a home delivery is the handover: the order is paid (if due) and fulfilled
                fulfil_parcels(order=stop.order, parcels=list(parcels), user=user,
                               payment_method=data.payment_method, whole_order=False)
            parcels.update(status=Parcel.Status.DELIVERED, handed_over_at=when if stop.order_id else None)
        if stop.kind == Stop.Kind.COLLECTION:
            remaining = stop_parcels(stop).filter(status=Parcel.Status.WAITING).exists()
        else:
            remaining = stop_parcels(stop).exclude(status__in=[Parcel.Status.DELIVERED,
                                                               Parcel.Status.PROBLEM]).exists()
        if data.action == "problem" or not remaining:
            stop.status = Stop.Status.PROBLEM if data.action == "problem" else Stop.Status.DONE
            stop.done_at = when
            stop.problem = data.problem if data.action == "problem" else ""
        stop.note = (data.note or "").strip()[:2000] or stop.note
        stop.proof_code = normalize_pickup_code(data.proof_code) or stop.proof_code
        stop.signature = data.signature or stop.signature
        stop.save()
        if data.client_action_id:
            CourierAction.objects.create(
                client_action_id=data.client_action_id[:64], user=user, stop=stop, kind=data.action,
                happened_at=when, payload={"parcels": [str(p) for p in data.parcel_ids], "problem": data.problem})
        round_advance(stop.round)
    return stop


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def round_advance(round_: Round) -> None:
    """The round's status from its stops (and where its parcels are); also called after a re-plan during the round."""
    stops = list(round_.stops.values_list("status", flat=True))
    status = (Round.Status.DONE if all(s != Stop.Status.PLANNED for s in stops)
              else Round.Status.IN_PROGRESS if any(s != Stop.Status.PLANNED for s in stops) else Round.Status.PLANNED)
    if status != round_.status:
        Round.objects.filter(pk=round_.pk).update(status=status)
    # Where the parcels are: a finished collection round has unloaded at the hub; a delivery round under way
    # carries the parcels it still has to drop.
    if status == Round.Status.DONE and round_.kind == Round.Kind.COLLECTION:
        Parcel.objects.filter(collection_stop__round=round_, status=Parcel.Status.COLLECTED).update(
            status=Parcel.Status.AT_HUB)
    elif status != Round.Status.PLANNED and round_.kind != Round.Kind.COLLECTION:
        Parcel.objects.filter(delivery_stop__round=round_, status__in=[Parcel.Status.COLLECTED,
                                                                       Parcel.Status.AT_HUB]).update(
            status=Parcel.Status.OUT_FOR_DELIVERY)
    DistributionDay.objects.filter(pk=round_.day_id, status=DistributionDay.Status.PLANNED).update(
        status=DistributionDay.Status.IN_PROGRESS)
