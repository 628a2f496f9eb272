"""The PyVRP adapter: a `Problem` in, a checked `Plan` out.

Modelling of a distribution day (one PyVRP model, not two phases):

- The hub is PyVRP's only depot, and a reload depot for every vehicle type that may come back (multi-trip). A
  vehicle's day is one PyVRP route split into trips at each return to the hub.
- A producer is a client with a *pickup* load; a pickup point, relay point or home is a client with a *delivery*
  load and a *release time* equal to the moment sorted goods are ready at the hub. PyVRP then lets a trip that
  carries deliveries leave the hub only after that moment.
- A producer's window is cut so that the goods can still reach the hub by the collection deadline
  (latest service start = deadline - service - drive back to the hub). Since the deadline comes before the delivery
  release, a trip can never mix collection and delivery: the morning trips collect, the afternoon trips deliver,
  and the solver balances both over the same vehicles.
- Loads have three dimensions (ambient kg, chilled kg, crates). A vehicle that is not refrigerated has a chilled
  capacity of 0: chilled goods can only travel cold.
- Optional stops are PyVRP clients with `required=False` and a prize (the penalty of leaving them out).
- The objective is money: distance x cost per km plus the fixed cost of each vehicle used, in thousandths of a cent
  (metres x cents per km). With no cost per km set it is the plain distance.
- Re-planning during a round: a vehicle with a start position (its last finished stop) starts there, as an extra
  PyVRP depot, no earlier than it finished, with what it carries back to the hub as PyVRP's initial load and its
  on-board deliveries as the deliveries of its first trip. Routing profiles keep goods where they are (`_profiles`).

Stops that no vehicle can serve are set aside before solving, with their reason (feasibility.py). Every plan is
re-checked by checker.py before it is returned; its violations travel with the plan.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import replace

import numpy as np
from pyvrp import Client, Depot, Location, PenaltyParams, ProblemData, Route, SolveParams, VehicleType, solve
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.stop import MaxRuntime

from .checker import check_plan
from .distances import DistanceProvider, Matrix, default_provider
from .feasibility import explain_unservable
from .metrics import baseline, measure_trip, scheduled_trip
from .plan import Plan, Trip, Unserved, VehicleDay, Visit
from .problem import Load, Problem, Stop, StopKind

MILLI = 1000  # objective unit: metres x cents per km = thousandths of a cent
OPTIONAL_LEFT_OUT = "facultatif, laissé de côté : le détour coûte plus que sa pénalité"
NOT_FITTED = "la flotte ne peut pas l'intégrer à une tournée avec les autres arrêts (capacité ou horaires)"
RELAXED_PENALTY = PenaltyParams(max_penalty=1e9)  # when relaxed, breaking a constraint must cost more than any prize
BLOCKED = 10**9  # metres and seconds of a leg no route may drive: using one breaks every time window


class MaxCpuTime:
    """Stops after `seconds` of this process's CPU time: on a shared machine, wall-clock budgets measure the
    neighbours' load as much as the solver, so benchmarks give the solver a CPU budget and report both clocks."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._start: float | None = None

    def __call__(self, best_cost: int) -> bool:
        if self._start is None:
            self._start = time.process_time()
        return time.process_time() - self._start > self.seconds


def _stop(time_limit: float, cpu_clock: bool) -> MaxCpuTime | MaxRuntime:
    return MaxCpuTime(time_limit) if cpu_clock else MaxRuntime(time_limit)


def _relaxed_prize(problem: Problem, matrix: Matrix, index: int) -> int:
    """Worth four dedicated round trips from the hub plus 20 km (so that a stop at the hub itself still counts): any
    stop that fits somewhere is served, and no prize is large enough to make the solver prefer breaking a capacity,
    a window or the cold chain (see RELAXED_PENALTY)."""
    dearest = max(max(1, vehicle.cost_per_km) for vehicle in problem.vehicle_types)
    fixed = max(vehicle.fixed_cost for vehicle in problem.vehicle_types) * MILLI
    round_trip = matrix.distance(0, index) + matrix.distance(index, 0)
    return (4 * round_trip + 20_000) * dearest + fixed + MILLI


def _client(problem: Problem, matrix: Matrix, stop: Stop, location: int, relaxed: bool) -> Client:
    index = problem.stop_index(stop.name) + 1
    on_board = problem.carrier(stop.name) is not None  # already loaded: no waiting for the sorted goods
    common = {
        "location": location,
        "service_duration": stop.service_seconds,
        "tw_early": stop.window.start,
        "required": stop.required and not relaxed,
        "prize": _relaxed_prize(problem, matrix, index) if stop.required and relaxed else stop.prize * MILLI,
        "name": stop.name,
    }
    if stop.kind is StopKind.COLLECTION:
        latest = problem.collection_deadline - stop.service_seconds - matrix.duration(index, 0)
        return Client(pickup=stop.load.as_list(), tw_late=min(stop.window.end, latest), **common)
    return Client(delivery=stop.load.as_list(), tw_late=stop.window.end,
                  release_time=0 if on_board else problem.delivery_release, **common)


def _locations(problem: Problem, stops: list[Stop]) -> list[int]:
    """Matrix index of each PyVRP location: the hub, the stops to plan, then the vehicles' start positions."""
    starts = [problem.start_index(vehicle.name) for vehicle in problem.vehicle_types if vehicle.start is not None]
    return [0, *(problem.stop_index(stop.name) + 1 for stop in stops), *starts]


def _blocked(matrix: np.ndarray, rows: set[int], columns: set[int]) -> np.ndarray:
    if rows and columns:
        matrix = matrix.copy()
        matrix[np.ix_(sorted(rows), sorted(columns))] = BLOCKED
        np.fill_diagonal(matrix, 0)
    return matrix


def _profiles(problem: Problem, stops: list[Stop], distances: np.ndarray,
              durations: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray], list[int]]:
    """Routing profiles (distance and duration matrices) and the profile of each vehicle type.

    Goods already on board a vehicle re-planned during its round are delivered by that vehicle before it calls at
    the hub: no other vehicle may drive to those deliveries; that vehicle reaches them only from its start position
    or from one another; and from there it never drives to a delivery whose goods wait at the hub. Each such
    vehicle gets its own profile with those legs BLOCKED; every other vehicle shares profile 0. Without such a
    vehicle there is one profile, the plain matrix."""
    started = [vehicle for vehicle in problem.vehicle_types if vehicle.start is not None]
    if not started:
        return [distances], [durations], [0] * len(problem.vehicle_types)
    where = {stop.name: location for location, stop in enumerate(stops, start=1)}
    deliveries = {where[stop.name] for stop in stops if stop.kind is StopKind.DELIVERY}
    on_board = {vehicle.name: {where[name] for name in vehicle.start.on_board if name in where} for vehicle in started}
    anywhere = set(range(len(distances)))
    loaded_elsewhere = set().union(*on_board.values())
    profile_distances, profile_durations = [_blocked(distances, anywhere, loaded_elsewhere)], []
    profile_durations.append(_blocked(durations, anywhere, loaded_elsewhere))
    profile_of = []
    for vehicle in problem.vehicle_types:
        if vehicle.start is None:
            profile_of.append(0)
            continue
        mine, here = on_board[vehicle.name], len(stops) + 1 + started.index(vehicle)

        def restrict(matrix: np.ndarray, mine=mine, here=here) -> np.ndarray:
            matrix = _blocked(matrix, anywhere, loaded_elsewhere - mine)
            matrix = _blocked(matrix, anywhere - mine - {here}, mine)
            return _blocked(matrix, mine | {here}, deliveries - mine)

        profile_distances.append(restrict(distances))
        profile_durations.append(restrict(durations))
        profile_of.append(len(profile_distances) - 1)
    return profile_distances, profile_durations, profile_of


def _problem_data(problem: Problem, matrix: Matrix, stops: list[Stop], *, relaxed: bool = False) -> ProblemData:
    """`relaxed` turns required stops into optional ones with a huge prize, to plan what fits when not all does."""
    indices = _locations(problem, stops)
    distances = np.asarray(matrix.distances, dtype=np.int64)[np.ix_(indices, indices)]
    durations = np.asarray(matrix.durations, dtype=np.int64)[np.ix_(indices, indices)]
    points = problem.points
    locations = [Location(x=points[i].lon, y=points[i].lat) for i in indices]
    hub = problem.hub
    depots = [Depot(location=0, tw_early=hub.opening.start, tw_late=hub.opening.end,
                    service_duration=hub.reload_seconds, name=hub.name)]
    starts: dict[str, int] = {}
    for vehicle in problem.vehicle_types:
        if vehicle.start is not None:  # where the vehicle is: a depot it leaves once, and never comes back to
            starts[vehicle.name] = len(depots)
            depots.append(Depot(location=len(stops) + len(depots), name=f"{vehicle.name} — {vehicle.start.place}"))
    clients = [_client(problem, matrix, stop, location, relaxed) for location, stop in enumerate(stops, start=1)]
    profile_distances, profile_durations, profile_of = _profiles(problem, stops, distances, durations)
    vehicle_types = [
        VehicleType(
            num_available=vehicle.count,
            capacity=vehicle.capacity.as_list(),
            start_depot=starts.get(vehicle.name, 0),
            end_depot=0,
            fixed_cost=vehicle.fixed_cost * MILLI,
            tw_early=vehicle.start.at if vehicle.start else max(vehicle.shift.start, hub.opening.start),
            # a van still out after its shift: no route fits, its on-board stops are explained (feasibility.py)
            tw_late=max(min(vehicle.shift.end, hub.opening.end), vehicle.start.at if vehicle.start else 0),
            unit_distance_cost=max(1, vehicle.cost_per_km),
            profile=profile_of[number],
            initial_load=vehicle.start.carried.as_list() if vehicle.start else [],
            reload_depots=[0] if vehicle.reloads else [],
            name=vehicle.name,
        )
        for number, vehicle in enumerate(problem.vehicle_types)
    ]
    return ProblemData(locations, clients, depots, vehicle_types, profile_distances, profile_durations)


def _vehicle_day(problem: Problem, matrix: Matrix, stops: list[Stop], route: Route, name: str) -> VehicleDay:
    vehicle = problem.vehicle_types[route.vehicle_type()]
    trips: list[Trip] = []
    departure, visits, from_start, first = 0, [], False, True
    for activity in route.schedule():
        if activity.is_depot():
            if visits:
                stop_objects = [problem.stop(visit.stop) for visit in visits]
                start_load = sum((s.load for s in stop_objects if s.kind is StopKind.DELIVERY), Load())
                if from_start:
                    start_load = start_load + vehicle.start.carried
                on_board, loaded = start_load, []
                for visit, stop in zip(visits, stop_objects, strict=True):
                    on_board = on_board - stop.load if stop.kind is StopKind.DELIVERY else on_board + stop.load
                    loaded.append(replace(visit, load_after=on_board))
                trip = Trip(departure, tuple(loaded), activity.start_time - activity.wait_duration, start_load,
                            from_start=from_start)
                if from_start:  # PyVRP may delay a route's start to shorten it; a van on the road goes on at once
                    trip = scheduled_trip(problem, matrix, vehicle, stop_objects, departure, from_start=True)
                trips.append(measure_trip(problem, matrix, vehicle, trip))
                visits = []
            # The route's first depot is the vehicle's start position when it is re-planned during its round.
            from_start, first = first and vehicle.start is not None, False
            departure = activity.end_time
            continue
        stop = stops[activity.idx]
        visits.append(Visit(stop.name, stop.kind, activity.start_time - activity.wait_duration, activity.start_time,
                            activity.end_time, Load()))
    return VehicleDay(name, vehicle.name, tuple(trips))


def solve_problem(problem: Problem, *, time_limit: float = 5.0, seed: int = 1,
                  provider: DistanceProvider | None = None, matrix: Matrix | None = None,
                  cpu_clock: bool = False) -> Plan:
    """Plan the day; never raises on infeasible input: unservable stops and violations are in the plan.

    `time_limit` is wall-clock seconds, or CPU seconds of this process with `cpu_clock=True`. When no solution
    serves every stop, a second solve of the same length plans what fits (so it may take twice `time_limit`)."""
    if matrix is None:
        matrix = (provider or default_provider()).matrix(problem.points)
    reasons = explain_unservable(problem, matrix)
    stops = [stop for stop in problem.stops if stop.name not in reasons]
    unserved = [Unserved(name, reason) for name, reason in reasons.items()]
    notes: list[str] = []
    started = time.perf_counter()
    days: list[VehicleDay] = []
    objective = 0
    if stops:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PenaltyBoundWarning)  # an infeasible day is reported below, not warned
            result = solve(_problem_data(problem, matrix, stops), stop=_stop(time_limit, cpu_clock), seed=seed,
                           display=False)
            if not result.best.is_feasible():
                notes.append(f"Aucune solution avec tous les arrêts en {time_limit:g} s : la flotte ou les horaires "
                             "ne suffisent pas ; le plan sert ce qui peut l'être.")
                result = solve(_problem_data(problem, matrix, stops, relaxed=True), stop=_stop(time_limit, cpu_clock),
                               seed=seed, display=False, params=SolveParams(penalty=RELAXED_PENALTY))
        best = result.best
        objective = int(result.cost()) if result.is_feasible() else 0
        served: set[str] = set()
        numbering: dict[str, int] = {}
        for route in best.routes():
            if not route.is_feasible():
                continue  # overloaded or late even after relaxing: its stops are reported as not fitted below
            type_name = problem.vehicle_types[route.vehicle_type()].name
            numbering[type_name] = numbering.get(type_name, 0) + 1
            day = _vehicle_day(problem, matrix, stops, route, f"{type_name} #{numbering[type_name]}")
            days.append(day)
            served.update(visit.stop for trip in day.trips for visit in trip.visits)
        for stop in stops:
            if stop.name in served:
                continue
            reason = (OPTIONAL_LEFT_OUT if not stop.required else NOT_FITTED)
            unserved.append(Unserved(stop.name, reason))
    elapsed = time.perf_counter() - started
    plan = Plan(tuple(days), tuple(unserved), (), baseline(problem, matrix), objective, elapsed, tuple(notes))
    return replace(plan, violations=tuple(check_plan(problem, matrix, plan)))
