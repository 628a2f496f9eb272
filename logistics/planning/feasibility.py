"""Why a stop cannot be served, found before solving: each such stop is set aside with a reason people understand.

A stop is servable when at least one vehicle type can carry its load (cold chain included) and can go from the hub
(or, re-planned during its round, from where it is; a delivery already on board only with that vehicle) to the stop
and back within its shift, the hub's hours, the stop's window, and the collection deadline or delivery
release. These are necessary conditions checked one stop at a time; what they cannot see (a fleet too small for the
whole day) shows up afterwards as stops the solver could not fit, and in the checker's report.
"""

from __future__ import annotations

from .distances import Matrix
from .plan import clock
from .problem import DIMENSION_LABELS, DIMENSIONS, Problem, Stop, StopKind, VehicleType


def _departures(problem: Problem, matrix: Matrix, stop: Stop, vehicle: VehicleType) -> list[tuple[int, int]]:
    """(matrix location, earliest time) from which `vehicle` may head for `stop`: the hub, or for a vehicle
    re-planned during its round, its position (its on-board deliveries and collections) and the hub once back."""
    hub_leave = max(vehicle.shift.start, problem.hub.opening.start)
    delivery = stop.kind is StopKind.DELIVERY
    if vehicle.start is None:
        return [(0, max(hub_leave, problem.delivery_release) if delivery else hub_leave)]
    here = problem.start_index(vehicle.name)
    hub_leave = max(hub_leave, vehicle.start.at + matrix.duration(here, 0))
    if delivery and problem.carrier(stop.name) == vehicle.name:
        return [(here, vehicle.start.at)]
    if delivery:
        return [(0, max(hub_leave, problem.delivery_release))]
    return [(here, vehicle.start.at), (0, hub_leave)]


def _time_reason(problem: Problem, matrix: Matrix, stop: Stop, vehicle: VehicleType) -> str | None:
    index = problem.stop_index(stop.name) + 1
    where, leave = min(_departures(problem, matrix, stop, vehicle),
                       key=lambda option: option[1] + matrix.duration(option[0], index))
    origin = "du hub" if where == 0 else f"de « {vehicle.start.place} »"
    arrival = leave + matrix.duration(where, index)
    start = max(arrival, stop.window.start)
    if start > stop.window.end:
        return (f"plage horaire inatteignable : départ {origin} au plus tôt à {clock(leave)}, arrivée à "
                f"{clock(arrival)}, après la fin de la plage ({clock(stop.window.end)})")
    back = start + stop.service_seconds + matrix.duration(index, 0)
    limits = [(vehicle.shift.end, f"la fin de service de « {vehicle.name} »"),
              (problem.hub.opening.end, "la fermeture du hub")]
    if stop.kind is StopKind.COLLECTION:
        limits.append((problem.collection_deadline, "l'heure limite de collecte"))
    limit, label = min(limits)
    if back > limit:
        return f"retour au hub au plus tôt à {clock(back)}, après {label} ({clock(limit)})"
    return None


def explain_unservable(problem: Problem, matrix: Matrix) -> dict[str, str]:
    """{stop name: reason} for every stop no vehicle of the fleet can serve, whatever the rest of the plan."""
    reasons: dict[str, str] = {}
    refrigerated = [vehicle for vehicle in problem.vehicle_types if vehicle.refrigerated]
    for stop in problem.stops:
        if stop.load.chilled_kg and not refrigerated:
            reasons[stop.name] = (f"{stop.load.chilled_kg} kg de produits frais et aucun véhicule réfrigéré "
                                  "dans la flotte (chaîne du froid)")
            continue
        candidates = refrigerated if stop.load.chilled_kg else list(problem.vehicle_types)
        carrier = problem.carrier(stop.name)
        if carrier is not None:  # its goods are on board: that vehicle or none
            candidates = [problem.vehicle_type(carrier)]
        fitting = [vehicle for vehicle in candidates if stop.load.fits_in(vehicle.capacity)]
        if not fitting:
            too_big = [
                f"{value} {DIMENSION_LABELS[dim]}"
                for dim, value in zip(DIMENSIONS, stop.load.as_list(), strict=True)
                if value > max(vehicle.capacity.as_list()[DIMENSIONS.index(dim)] for vehicle in candidates)
            ]
            reasons[stop.name] = f"charge trop grande pour tout véhicule adapté ({', '.join(too_big)})"
            continue
        time_reasons = [_time_reason(problem, matrix, stop, vehicle) for vehicle in fitting]
        if all(time_reasons):
            reasons[stop.name] = str(time_reasons[0])
    return reasons
