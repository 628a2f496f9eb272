"""`plan_rounds`: the day's parcels -> a planning problem -> PyVRP -> the independent checker -> rounds and stops,
saved in one transaction. Re-planning keeps what the couriers already did: finished stops stay where they are, their
rounds stay; a vehicle whose rounds are all over comes back into the plan at their return time, and a vehicle whose
round is under way starts from its last finished stop, when it finished there, with what it carries (positions.py):
the rest of that round is appended to the same round."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from logistics.models import DistributionDay, Parcel, Round, Stop, Vehicle
from logistics.planning.distances import default_provider
from logistics.planning.plan import Plan
from logistics.planning.solver import solve_problem
from logistics.services.parcels import parcels_sync
from logistics.services.places import (
    Place,
    as_time,
    places_of_day,
    problem_from_places,
    seconds,
    split_cold_deliveries,
)
from logistics.services.positions import VehiclePosition, split_on_board, vehicle_positions
from logistics.services.stops import round_advance

STEPS = ("Colis de la journée", "Construction du problème", "Calcul des tournées", "Vérification du plan",
         "Enregistrement des tournées")
Progress = Callable[[int, int, str], None]


@dataclass
class PlanningOutcome:
    ok: bool
    message: str
    rounds: int = 0
    stops: int = 0
    unserved: dict = field(default_factory=dict)
    plan: Plan | None = None


def _finished_keys(day: DistributionDay) -> set[str]:
    return set(Stop.objects.filter(round__day=day).exclude(status=Stop.Status.PLANNED).values_list("key", flat=True))


def _busy_until(day: DistributionDay) -> dict:
    """A vehicle whose kept rounds are all over comes back into the plan at their return time. (A vehicle whose round
    is under way starts from where it is: `vehicle_positions`.)"""
    kept = (Round.objects.filter(day=day, status=Round.Status.DONE)
            .values("vehicle_id").annotate(last=Max("return_time")))
    return {row["vehicle_id"]: seconds(row["last"]) for row in kept}


def _blocking(plan: Plan) -> list[str]:
    """Checker findings that forbid saving. A required stop the plan could not serve is reported as unserved, with
    its reason, instead: staff see what is missing and the rest of the day still goes out."""
    missing = {f"« {u.stop} » est obligatoire mais n'est dans aucune tournée." for u in plan.unserved}
    return [v for v in plan.violations if v not in missing]


def _fail(day: DistributionDay, message: str) -> PlanningOutcome:
    DistributionDay.objects.filter(pk=day.pk).update(planning_error=message, planning_step="Échec")
    return PlanningOutcome(False, message)


def plan_rounds(*, day_id, time_limit: float | None = None, seed: int = 1,
                progress: Progress | None = None) -> PlanningOutcome:
    def step(number: int) -> None:
        DistributionDay.objects.filter(pk=day_id).update(planning_current=number, planning_total=len(STEPS),
                                                         planning_step=STEPS[min(number, len(STEPS) - 1)])
        if progress is not None:
            progress(number, len(STEPS), STEPS[min(number, len(STEPS) - 1)])

    day = DistributionDay.objects.select_related("hub__warehouse__address").get(pk=day_id)
    DistributionDay.objects.filter(pk=day.pk).update(planning_error="")
    step(0)
    parcels = parcels_sync(day=day)
    step(1)
    finished = _finished_keys(day)
    places, unplaceable = places_of_day(day, parcels, skip_keys=finished)
    vehicles = list(Vehicle.objects.filter(is_active=True))
    places = split_cold_deliveries(places, vehicles)
    if not vehicles:
        return _fail(day, "Aucun véhicule en service : ajoutez-en un avant de planifier.")
    if not places:
        return _fail(day, "Aucun arrêt à planifier pour cette journée (pas de colis en attente).")
    in_service = {vehicle.pk for vehicle in vehicles}
    positions = {pk: position for pk, position in vehicle_positions(day).items() if pk in in_service}
    places, carriers = split_on_board(places, parcels, positions)
    try:
        problem, by_name = problem_from_places(day, places, vehicles, _busy_until(day), positions, carriers)
    except ValueError as exc:
        return _fail(day, f"Données de la journée invalides : {exc}")
    step(2)
    limit = time_limit if time_limit is not None else settings.LOGISTICS_PLANNING_SECONDS
    plan = solve_problem(problem, provider=default_provider(), time_limit=limit, seed=seed)
    step(3)
    blocking = _blocking(plan)
    if blocking:  # the checker refused the solver's answer: nothing is saved
        return _fail(day, "Plan refusé par le vérificateur : " + " ; ".join(blocking[:5]))
    step(4)
    saved_rounds, saved_stops = _save(day, plan, by_name, {v.name: v for v in vehicles}, positions)
    unserved = {**unplaceable, **{u.stop: u.reason for u in plan.unserved}}
    summary = {**plan.summary(), "unserved_detail": unserved, "notes": list(plan.notes),
               "baseline_km": round(plan.baseline.distance_m / 1000, 1) if plan.baseline else None,
               "baseline_co2_kg": round(plan.baseline.co2_g / 1000, 1) if plan.baseline else None}
    DistributionDay.objects.filter(pk=day.pk).update(summary=summary, planned_at=timezone.now())
    step(5)
    return PlanningOutcome(True, f"{saved_rounds} tournée(s), {saved_stops} arrêt(s) planifiés.", saved_rounds,
                           saved_stops, unserved, plan)


def _continued_round(day: DistributionDay, position: VehiclePosition, trip) -> tuple[Round, int]:
    """The round under way that a trip from the vehicle's position finishes, and the last position taken in it."""
    round_ = Round.objects.get(pk=position.round_id, day=day)
    round_.return_time = as_time(trip.return_time)
    if round_.kind != trip.kind:
        round_.kind = Round.Kind.MIXED
    round_.save(update_fields=["return_time", "kind"])
    return round_, round_.stops.aggregate(last=Max("position"))["last"] or 0


def _save(day: DistributionDay, plan: Plan, places: dict[str, Place], vehicles: dict[str, Vehicle],
          positions: dict[int, VehiclePosition]) -> tuple[int, int]:
    with transaction.atomic():
        day = DistributionDay.objects.select_for_update().get(pk=day.pk)
        finished_now = _finished_keys(day)  # a courier may have finished a stop while the solver ran
        Stop.objects.filter(round__day=day, status=Stop.Status.PLANNED).delete()
        Round.objects.filter(day=day, stops__isnull=True).delete()
        couriers = dict(Round.objects.filter(day=day, courier__isnull=False).values_list("vehicle_id", "courier_id"))
        numbers = dict(Round.objects.filter(day=day).values("vehicle_id").annotate(n=Max("number"))
                       .values_list("vehicle_id", "n"))
        rounds = stops = 0
        for vehicle_day in plan.vehicles:
            vehicle = vehicles[vehicle_day.vehicle_type]
            for trip in vehicle_day.trips:
                visits = [v for v in trip.visits if places[v.stop].key not in finished_now]
                if not visits:
                    continue
                if trip.from_start:  # the rest of the round under way: same round, after its finished stops
                    round_, offset = _continued_round(day, positions[vehicle.pk], trip)
                else:
                    numbers[vehicle.pk] = numbers.get(vehicle.pk, 0) + 1
                    round_, offset = Round.objects.create(
                        day=day, kind=trip.kind, vehicle=vehicle, number=numbers[vehicle.pk],
                        courier_id=couriers.get(vehicle.pk) or vehicle.default_courier_id,
                        departure=as_time(trip.departure), return_time=as_time(trip.return_time),
                        planned_km=Decimal(trip.distance_m) / 1000, planned_minutes=trip.driving_s // 60,
                        planned_co2_kg=Decimal(str(round(trip.co2_g / 1000, 2))),
                        fill_rate=Decimal(str(trip.fill_rate))), 0
                    rounds += 1
                for position, visit in enumerate(visits, start=offset + 1):
                    place = places[visit.stop]
                    stop = Stop.objects.create(
                        round=round_, position=position, kind=place.kind, key=place.key, name=place.name,
                        warehouse_id=place.warehouse_id, order_id=place.order_id, address=place.address,
                        latitude=place.lat, longitude=place.lon, planned_arrival=as_time(visit.start),
                        window_start=as_time(place.opens), window_end=as_time(place.closes),
                        ambient_kg=place.ambient_kg, chilled_kg=place.chilled_kg, crates=max(place.crates, 1),
                        service_seconds=place.service_seconds)
                    stops += 1
                    field_name = "collection_stop" if place.kind == Stop.Kind.COLLECTION else "delivery_stop"
                    Parcel.objects.filter(pk__in=place.parcel_ids).update(**{field_name: stop})
        for under_way in positions.values():  # a round under way with nothing left to do is over
            round_advance(Round.objects.get(pk=under_way.round_id))
        if day.status in (DistributionDay.Status.OPEN, DistributionDay.Status.CLOSED):
            day.status = DistributionDay.Status.PLANNED
            day.save(update_fields=["status"])
    return rounds, stops
