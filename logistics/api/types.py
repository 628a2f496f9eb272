"""GraphQL types of a distribution day (added to the schema by the logistics plugin)."""

import graphene

from backend.api.core.scalars import Date, DateTime
from logistics.api.dataloaders import ParcelsByStopLoader, RoundsByDayLoader, StopsByRoundLoader
from logistics.error_codes import LogisticsErrorCode as LogisticsErrorCodeValues
from logistics.models import DistributionDay as DayModel
from logistics.models import Parcel as ParcelModel
from logistics.models import Round as RoundModel
from logistics.models import Stop as StopModel

LogisticsErrorCode = graphene.Enum.from_enum(LogisticsErrorCodeValues, name="LogisticsErrorCode",
                                             description="Error codes of the logistics mutations.")


def _enum(name: str, choices, description: str):
    return graphene.Enum(name, [(value.upper(), value) for value, _ in choices], description=description)


DistributionDayStatus = _enum("DistributionDayStatusEnum", DayModel.Status.choices, "State of a distribution day.")
RoundKind = _enum("RoundKindEnum", RoundModel.Kind.choices, "Collection from producers or delivery to customers.")
RoundStatus = _enum("RoundStatusEnum", RoundModel.Status.choices, "Progress of a round.")
StopKind = _enum("StopKindEnum", StopModel.Kind.choices, "What happens at a stop.")
StopStatus = _enum("StopStatusEnum", StopModel.Status.choices, "Progress of a stop.")
StopProblem = _enum("StopProblemEnum", StopModel.Problem.choices, "What went wrong at a stop.")
ParcelStatus = _enum("ParcelStatusEnum", ParcelModel.Status.choices, "Where a parcel is.")


def _hhmm(value) -> str:
    return value.strftime("%H:%M") if value else ""


class LogisticsError(graphene.ObjectType):
    field = graphene.String(description="Name of a field that caused the error. A value of `null` indicates that "
                            "the error isn't associated with a particular field.")
    message = graphene.String(description="The error message, in French.")
    code = graphene.Field(LogisticsErrorCode, required=True, description="The error code.")


class PickupSlot(graphene.ObjectType):
    date = graphene.Field(Date, required=True)
    start = graphene.String(required=True, description="Opening time, HH:MM.")
    end = graphene.String(required=True, description="Closing time, HH:MM.")
    capacity = graphene.Int(required=True, description="Orders the slot takes.")
    places_left = graphene.Int(required=True, description="Orders it can still take.")
    pickup_point_name = graphene.String(required=True)
    warehouse_id = graphene.ID(required=True, description="Global ID of the pickup point's Warehouse.")

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A time slot in which a pickup point hands orders over; capacity in orders."

    @staticmethod
    def resolve_start(root, _info):
        return _hhmm(root.start)

    @staticmethod
    def resolve_end(root, _info):
        return _hhmm(root.end)

    @staticmethod
    def resolve_pickup_point_name(root, _info):
        return root.pickup_point.warehouse.name

    @staticmethod
    def resolve_warehouse_id(root, _info):
        return graphene.relay.Node.to_global_id("Warehouse", root.pickup_point.warehouse_id)


class Parcel(graphene.ObjectType):
    code = graphene.String(required=True, description="Short code printed on the label.")
    status = graphene.Field(ParcelStatus, required=True)
    weight_kg = graphene.Float(required=True)
    chilled = graphene.Boolean(required=True, description="Travels in the cold chain.")
    order_number = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "What one producer prepared for one order."

    @staticmethod
    def resolve_code(root, _info):
        return root.label_code

    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)

    @staticmethod
    def resolve_weight_kg(root, _info):
        return root.weight_g / 1000

    @staticmethod
    def resolve_order_number(root, _info):
        return str(root.order.number)


class Stop(graphene.ObjectType):
    position = graphene.Int(required=True)
    kind = graphene.Field(StopKind, required=True)
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    latitude = graphene.Float(required=True)
    longitude = graphene.Float(required=True)
    planned_arrival = graphene.String(required=True, description="HH:MM.")
    window_start = graphene.String(required=True)
    window_end = graphene.String(required=True)
    status = graphene.Field(StopStatus, required=True)
    done_at = graphene.Field(DateTime, description="When the courier finished the stop (the phone's time).")
    problem = graphene.Field(StopProblem)
    note = graphene.String(required=True)
    parcels = graphene.List(graphene.NonNull(Parcel), required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A visit of a round: a producer to collect or a place to deliver."

    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)

    @staticmethod
    def resolve_kind(root, _info):
        return str(root.kind)

    @staticmethod
    def resolve_planned_arrival(root, _info):
        return _hhmm(root.planned_arrival)

    @staticmethod
    def resolve_window_start(root, _info):
        return _hhmm(root.window_start)

    @staticmethod
    def resolve_window_end(root, _info):
        return _hhmm(root.window_end)

    @staticmethod
    def resolve_problem(root, _info):
        return str(root.problem) or None

    @staticmethod
    def resolve_parcels(root, info):
        return ParcelsByStopLoader(info.context).load((root.pk, root.kind))


class Round(graphene.ObjectType):
    kind = graphene.Field(RoundKind, required=True)
    status = graphene.Field(RoundStatus, required=True)
    number = graphene.Int(required=True)
    date = graphene.Field(Date, required=True)
    vehicle_name = graphene.String(required=True)
    courier_email = graphene.String()
    departure = graphene.String(required=True)
    return_time = graphene.String(required=True)
    planned_km = graphene.Float(required=True)
    planned_co2_kg = graphene.Float(required=True)
    stops = graphene.List(graphene.NonNull(Stop), required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A vehicle's trip from the hub and back, collecting or delivering."

    @staticmethod
    def resolve_date(root, _info):
        return root.day.date

    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)

    @staticmethod
    def resolve_kind(root, _info):
        return str(root.kind)

    @staticmethod
    def resolve_vehicle_name(root, _info):
        return root.vehicle.name

    @staticmethod
    def resolve_courier_email(root, _info):
        return root.courier.user.email if root.courier_id else None

    @staticmethod
    def resolve_departure(root, _info):
        return _hhmm(root.departure)

    @staticmethod
    def resolve_return_time(root, _info):
        return _hhmm(root.return_time)

    @staticmethod
    def resolve_planned_km(root, _info):
        return float(root.planned_km)

    @staticmethod
    def resolve_planned_co2_kg(root, _info):
        return float(root.planned_co2_kg)

    @staticmethod
    def resolve_stops(root, info):
        return StopsByRoundLoader(info.context).load(root.pk)


class DistributionDay(graphene.ObjectType):
    date = graphene.Field(Date, required=True)
    status = graphene.Field(DistributionDayStatus, required=True)
    hub_name = graphene.String(required=True)
    rounds = graphene.List(graphene.NonNull(Round), required=True)
    planned_km = graphene.Float(description="Kilometres of the planned rounds.")
    baseline_km = graphene.Float(description="Kilometres if each producer drove its own goods.")

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A day on which orders are collected from producers and delivered."

    @staticmethod
    def resolve_status(root, _info):
        return str(root.status)

    @staticmethod
    def resolve_hub_name(root, _info):
        return root.hub.warehouse.name

    @staticmethod
    def resolve_rounds(root, info):
        return RoundsByDayLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_planned_km(root, _info):
        return (root.summary or {}).get("km")

    @staticmethod
    def resolve_baseline_km(root, _info):
        return (root.summary or {}).get("baseline_km")
