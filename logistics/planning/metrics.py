"""Figures of a trip (km, driving time, CO2 with the fill rate), plans written by hand, and the baseline.

CO2 of a leg = km x the vehicle's g/km when empty x (1 + co2_full_load_extra x fill rate on that leg), where the
fill rate is the weight on board over the weight capacity (ambient + chilled kg). A loaded van burns more than an
empty one; the extra share is a property of the vehicle type (0 by default, so the estimate is the plain g/km).

Baseline: without the platform each producer drives, in its own car or small van, from the farm to every pickup
point, relay point or home it supplies (nearest next place first) and back home. We count it at 200 g CO2/km, a
typical figure for a diesel car or small van of a farm in actual use (manufacturer figures are lower, real use and
short trips higher); it is a parameter, change it with `baseline(..., co2_g_per_km=...)`. Planning one tour per
producer is generous to the baseline: in reality many producers make several trips.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .distances import Matrix
from .plan import Baseline, Plan, Trip, VehicleDay, Visit
from .problem import Load, Problem, StopKind, VehicleType

PRODUCER_CO2_G_PER_KM = 200


def measure_trip(problem: Problem, matrix: Matrix, vehicle: VehicleType, trip: Trip) -> Trip:
    """The same trip with distance, driving time, CO2 and fill rate computed from the matrix."""
    weight_capacity = vehicle.capacity.weight_kg or 1
    on_board = trip.load_at_departure
    previous = problem.start_index(vehicle.name) if trip.from_start else 0
    distance, driving, co2, weighted_fill = 0, 0, 0.0, 0.0
    legs = [(problem.stop_index(visit.stop) + 1, visit.load_after) for visit in trip.visits] + [(0, None)]
    for index, load_after in legs:
        metres = matrix.distance(previous, index)
        fill = min(1.0, on_board.weight_kg / weight_capacity)
        distance += metres
        driving += matrix.duration(previous, index)
        co2 += metres / 1000 * vehicle.co2_g_per_km * (1 + vehicle.co2_full_load_extra * fill)
        weighted_fill += metres * fill
        previous, on_board = index, (load_after if load_after is not None else on_board)
    fill_rate = weighted_fill / distance if distance else 0.0
    return Trip(trip.departure, trip.visits, trip.return_time, trip.load_at_departure, distance, driving,
                round(co2, 1), round(fill_rate, 3), trip.from_start)


def plan_from_sequences(problem: Problem, matrix: Matrix, sequences: Mapping[str, Sequence[Sequence[str]]],
                        *, types: Mapping[str, str] | None = None) -> Plan:
    """A plan written by hand: {vehicle: [[stops of trip 1], [stops of trip 2], ...]}, each trip as early as possible.

    `types` maps a vehicle to its type; by default the vehicle name is the type name. For a vehicle with a start
    position (re-planned during its round) the first listed trip leaves from there; an empty one means it drives
    straight back to the hub. Used by staff edits and tests: it schedules, it does not check (the checker does).
    """
    days = []
    for vehicle_name, trips in sequences.items():
        vehicle = problem.vehicle_type((types or {}).get(vehicle_name, vehicle_name))
        ready = max(vehicle.shift.start, problem.hub.opening.start)
        built = []
        for number, names in enumerate(trips):
            from_start = number == 0 and vehicle.start is not None
            if from_start and not names:
                back = vehicle.start.at + matrix.duration(problem.start_index(vehicle.name), 0)
                ready = max(ready, back + problem.hub.reload_seconds)
                continue
            trip = scheduled_trip(problem, matrix, vehicle, [problem.stop(name) for name in names], ready,
                                  from_start)
            built.append(measure_trip(problem, matrix, vehicle, trip))
            ready = trip.return_time + problem.hub.reload_seconds
        days.append(VehicleDay(vehicle_name, vehicle.name, tuple(built)))
    return Plan(tuple(days))


def scheduled_trip(problem: Problem, matrix: Matrix, vehicle: VehicleType, stops: list, ready: int,
                   from_start: bool) -> Trip:
    """The stops in this order, each as early as possible: from the hub once `ready` (and, with deliveries, once the
    sorted goods are), or from the vehicle's start position when it finished there (`from_start`)."""
    deliveries = sum((stop.load for stop in stops if stop.kind is StopKind.DELIVERY), Load())
    if from_start:  # what is on board already: no waiting for the delivery release
        load, previous, departure = deliveries + vehicle.start.carried, problem.start_index(vehicle.name), \
            vehicle.start.at
    else:
        load, previous = deliveries, 0
        departure = max(ready, problem.delivery_release) if deliveries != Load() else ready
    at_departure, clock_now, visits = load, departure, []
    for stop in stops:
        index = problem.stop_index(stop.name) + 1
        arrival = clock_now + matrix.duration(previous, index)
        start = max(arrival, stop.window.start)
        load = load - stop.load if stop.kind is StopKind.DELIVERY else load + stop.load
        visits.append(Visit(stop.name, stop.kind, arrival, start, start + stop.service_seconds, load))
        previous, clock_now = index, start + stop.service_seconds
    return Trip(departure, tuple(visits), clock_now + matrix.duration(previous, 0), at_departure,
                from_start=from_start)


def baseline(problem: Problem, matrix: Matrix, *, co2_g_per_km: int = PRODUCER_CO2_G_PER_KM) -> Baseline | None:
    """Each producer's own tour farm -> places it supplies (nearest next) -> farm; None when no producer supplies."""
    journeys = distance = driving = 0
    for producer in problem.collections:
        if not producer.supplies:
            continue
        home = problem.stop_index(producer.name) + 1
        remaining = {problem.stop_index(name) + 1 for name in producer.supplies}
        here = home
        while remaining:
            nearest = min(remaining, key=lambda j, here=here: (matrix.distance(here, j), j))
            distance += matrix.distance(here, nearest)
            driving += matrix.duration(here, nearest)
            remaining.discard(nearest)
            here = nearest
        distance += matrix.distance(here, home)
        driving += matrix.duration(here, home)
        journeys += 1
    if not journeys:
        return None
    return Baseline(journeys, distance, driving, round(distance / 1000 * co2_g_per_km, 1), co2_g_per_km)
