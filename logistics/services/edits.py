"""Staff move a stop from one round to another by hand; the independent checker re-verifies the whole day first
and an infeasible move is refused with its reasons (nothing is written)."""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from logistics.error_codes import LogisticsErrorCode, logistics_error
from logistics.models import DistributionDay, Round, Stop, Vehicle
from logistics.planning.checker import check_plan
from logistics.planning.distances import default_provider
from logistics.planning.metrics import plan_from_sequences
from logistics.services.places import as_time, problem_from_stops, stop_names


def stop_move(*, stop_id, round_id, position: int | None = None) -> Stop:
    with transaction.atomic():
        stop = Stop.objects.select_related("round").filter(pk=stop_id).first() if str(stop_id).isdigit() else None
        if stop is None:
            raise logistics_error("stop", "Cet arrêt n'existe pas.", LogisticsErrorCode.NOT_FOUND)
        day = DistributionDay.objects.select_for_update().select_related("hub__warehouse__address").get(
            pk=stop.round.day_id)
        target = Round.objects.filter(pk=round_id, day=day).first() if str(round_id).isdigit() else None
        if target is None:
            raise logistics_error("round", "Cette tournée n'existe pas pour cette journée.",
                                  LogisticsErrorCode.NOT_FOUND)
        if stop.is_finished:
            raise logistics_error("stop", "Un arrêt déjà fait ne se déplace plus.", LogisticsErrorCode.ALREADY_DONE)
        rounds = list(Round.objects.filter(day=day).select_related("vehicle").order_by("vehicle__name", "number"))
        members: dict[int, list[Stop]] = defaultdict(list)
        stops = list(Stop.objects.filter(round__day=day).order_by("round_id", "position"))
        for item in stops:
            if item.pk != stop.pk:
                members[item.round_id].append(item)
        at = len(members[target.pk]) if position is None else max(0, min(int(position) - 1, len(members[target.pk])))
        members[target.pk].insert(at, stop)
        names = stop_names(stops)
        vehicles = list(Vehicle.objects.filter(pk__in={r.vehicle_id for r in rounds}))
        try:
            problem = problem_from_stops(day, stops, vehicles, names)
        except ValueError as exc:
            raise logistics_error("stop", str(exc), LogisticsErrorCode.INVALID) from None
        matrix = default_provider().matrix(problem.points)
        sequences: dict[str, list[list[str]]] = defaultdict(list)
        kept = [r for r in rounds if members[r.pk]]
        for round_ in kept:
            sequences[round_.vehicle.name].append([names[s.pk] for s in members[round_.pk]])
        plan = plan_from_sequences(problem, matrix, sequences)
        violations = check_plan(problem, matrix, plan)
        if violations:
            raise logistics_error("round", "Déplacement refusé : " + " ; ".join(violations[:3]),
                                  LogisticsErrorCode.INFEASIBLE)
        by_vehicle = {vehicle_day.vehicle: list(vehicle_day.trips) for vehicle_day in plan.vehicles}
        for round_ in kept:
            trip = by_vehicle[round_.vehicle.name].pop(0)
            round_.departure, round_.return_time = as_time(trip.departure), as_time(trip.return_time)
            round_.planned_km = Decimal(trip.distance_m) / 1000
            round_.planned_minutes = trip.driving_s // 60
            round_.planned_co2_kg = Decimal(str(round(trip.co2_g / 1000, 2)))
            round_.fill_rate = Decimal(str(trip.fill_rate))
            round_.kind = trip.kind
            round_.save()
            for number, (item, visit) in enumerate(zip(members[round_.pk], trip.visits, strict=True), start=1):
                Stop.objects.filter(pk=item.pk).update(round=round_, position=number,
                                                       planned_arrival=as_time(visit.start))
        Round.objects.filter(day=day, stops__isnull=True).delete()
    stop.refresh_from_db()
    return stop
