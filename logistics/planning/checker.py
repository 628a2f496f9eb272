"""An independent feasibility checker: it trusts nothing the solver says and recomputes every figure of a plan.

From the problem and the matrix alone it re-derives, trip by trip, the goods on board after each stop (per
dimension, starting with the trip's deliveries loaded at the hub), the earliest possible arrival at each stop, the
time windows, the service times, the cold chain, the delivery release and collection deadline, the shift and hub
hours, and whether every required stop is visited exactly once. It returns violations in plain French; an empty
list means the plan can be driven as written.

A vehicle re-planned during its round starts where it is: its first trip may leave from its start position, no
earlier than it finished there, with what it carries on board; that trip may deliver only the goods on board, which
no other trip or vehicle may deliver; and a trip of that vehicle from the hub cannot leave before it is back.
"""

from __future__ import annotations

from collections import Counter

from .distances import Matrix
from .plan import Plan, Trip, clock
from .problem import DIMENSION_LABELS, DIMENSIONS, Load, Problem, StopKind, VehicleType


def _fmt_load(load: Load) -> str:
    return ", ".join(f"{value} {DIMENSION_LABELS[dim]}" for dim, value in zip(DIMENSIONS, load.as_list(), strict=True))


def _check_load(where: str, on_board: Load, vehicle: VehicleType, violations: list[str]) -> None:
    for dim, value, capacity in zip(DIMENSIONS, on_board.as_list(), vehicle.capacity.as_list(), strict=True):
        if value < 0:
            violations.append(f"{where} : charge négative ({value} {DIMENSION_LABELS[dim]}), "
                              "la tournée est incohérente.")
        elif dim == "chilled_kg" and not vehicle.refrigerated:
            if value > 0:
                violations.append(f"{where} : chaîne du froid rompue, {value} kg frais dans « {vehicle.name} » "
                                  "qui n'est pas réfrigéré.")
        elif value > capacity:
            violations.append(f"{where} : surcharge, {value} {DIMENSION_LABELS[dim]} à bord pour une capacité de "
                              f"{capacity}.")


def _origin(problem: Problem, vehicle: VehicleType, label: str, trip: Trip, stops: list,
            violations: list[str]) -> tuple[int, Load, str]:
    """Where the trip leaves from (matrix location), what is on board then besides its deliveries, and its name."""
    if not trip.from_start:
        if any(stop.kind is StopKind.DELIVERY for stop in stops) and trip.departure < problem.delivery_release:
            violations.append(f"{label} : part livrer à {clock(trip.departure)}, avant que les commandes soient "
                              f"prêtes au hub ({clock(problem.delivery_release)}).")
        return 0, Load(), "départ du hub"
    start = vehicle.start
    if start is None:
        violations.append(f"{label} : part d'une position sur la route, mais « {vehicle.name} » part du hub.")
        return 0, Load(), "départ du hub"
    if trip.departure < start.at:
        violations.append(f"{label} : repart de « {start.place} » à {clock(trip.departure)}, avant d'y avoir fini "
                          f"({clock(start.at)}).")
    for stop in stops:
        if stop.kind is StopKind.DELIVERY and stop.name not in start.on_board:
            violations.append(f"{label} : livre « {stop.name} » depuis « {start.place} », mais ses colis sont au "
                              "hub : il faut d'abord y repasser.")
    return problem.start_index(vehicle.name), start.carried, f"départ de « {start.place} »"


def _check_trip(problem: Problem, matrix: Matrix, vehicle: VehicleType, label: str, trip: Trip,
                violations: list[str]) -> None:
    stops = [problem.stop(visit.stop) for visit in trip.visits]
    origin, carried, leaving = _origin(problem, vehicle, label, trip, stops, violations)
    load = sum((stop.load for stop in stops if stop.kind is StopKind.DELIVERY), Load()) + carried
    if load != trip.load_at_departure:
        what = "des livraisons de la tournée" + (" et de ce qui est à bord" if trip.from_start else "")
        violations.append(f"{label} : chargement annoncé au départ ({_fmt_load(trip.load_at_departure)}) différent "
                          f"{what} ({_fmt_load(load)}).")
    _check_load(f"{label}, {leaving}", load, vehicle, violations)
    previous, ready, distance, driving = origin, trip.departure, 0, 0
    for visit, stop in zip(trip.visits, stops, strict=True):
        index = problem.stop_index(stop.name) + 1
        where = f"{label}, « {stop.name} »"
        earliest = ready + matrix.duration(previous, index)
        distance += matrix.distance(previous, index)
        driving += matrix.duration(previous, index)
        if visit.arrival < earliest:
            violations.append(f"{where} : arrivée annoncée à {clock(visit.arrival)}, impossible avant "
                              f"{clock(earliest)} (temps de trajet).")
        if visit.start < max(visit.arrival, earliest):
            violations.append(f"{where} : service commencé avant l'arrivée.")
        if visit.start < stop.window.start:
            violations.append(f"{where} : passage à {clock(visit.start)}, avant l'ouverture "
                              f"({clock(stop.window.start)}).")
        if visit.start > stop.window.end:
            violations.append(f"{where} : passage à {clock(visit.start)}, après la fermeture "
                              f"({clock(stop.window.end)}).")
        if visit.departure < visit.start + stop.service_seconds:
            violations.append(f"{where} : repart avant la fin du service ({stop.service_seconds // 60} min).")
        load = load - stop.load if stop.kind is StopKind.DELIVERY else load + stop.load
        _check_load(where, load, vehicle, violations)
        if visit.load_after != load:
            violations.append(f"{where} : charge annoncée ({_fmt_load(visit.load_after)}) différente de la charge "
                              f"réelle ({_fmt_load(load)}).")
        previous, ready = index, max(visit.departure, visit.start + stop.service_seconds)
    back = ready + matrix.duration(previous, 0)
    distance += matrix.distance(previous, 0)
    driving += matrix.duration(previous, 0)
    if trip.return_time < back:
        violations.append(f"{label} : retour au hub annoncé à {clock(trip.return_time)}, impossible avant "
                          f"{clock(back)}.")
    back_at_hub = max(back, trip.return_time)
    if any(stop.kind is StopKind.COLLECTION for stop in stops) and back_at_hub > problem.collection_deadline:
        violations.append(f"{label} : la collecte revient au hub à {clock(back_at_hub)}, après l'heure "
                          f"limite ({clock(problem.collection_deadline)}).")
    if trip.distance_m != distance:
        violations.append(f"{label} : distance annoncée {trip.distance_m} m, recalculée {distance} m.")
    if trip.driving_s != driving:
        violations.append(f"{label} : temps de conduite annoncé {trip.driving_s} s, recalculé {driving} s.")


def _check_vehicle_day(problem: Problem, matrix: Matrix, vehicle: VehicleType, name: str, trips: tuple[Trip, ...],
                       violations: list[str]) -> None:
    hub = problem.hub
    if len(trips) > 1 and not vehicle.reloads:
        violations.append(f"« {name} » : {len(trips)} tournées alors que ce véhicule ne repasse pas au hub.")
    for number, trip in enumerate(trips, start=1):
        label = f"« {name} », tournée {number}"
        if not trip.visits:
            violations.append(f"{label} : tournée vide.")
        if trip.from_start and number > 1:
            violations.append(f"{label} : seule la première tournée peut partir de la position du véhicule.")
        if not trip.from_start and trip.departure < max(vehicle.shift.start, hub.opening.start):
            violations.append(f"{label} : départ à {clock(trip.departure)}, avant le début du service ou "
                              "l'ouverture du hub.")
        if not trip.from_start and number == 1 and vehicle.start is not None:
            back = vehicle.start.at + matrix.duration(problem.start_index(vehicle.name), 0) + hub.reload_seconds
            if trip.departure < back:
                violations.append(f"{label} : repart du hub à {clock(trip.departure)}, mais « {name} » est encore "
                                  f"à « {vehicle.start.place} » à {clock(vehicle.start.at)} : pas avant "
                                  f"{clock(back)}.")
        if number > 1 and trip.departure < trips[number - 2].return_time + hub.reload_seconds:
            violations.append(f"{label} : repart du hub à {clock(trip.departure)}, avant la fin du déchargement "
                              "de la tournée précédente.")
        _check_trip(problem, matrix, vehicle, label, trip, violations)
    if trips:
        end = trips[-1].return_time
        if end > vehicle.shift.end:
            violations.append(f"« {name} » : fin de service dépassée, retour à {clock(end)} pour une fin prévue à "
                              f"{clock(vehicle.shift.end)}.")
        if end > hub.opening.end:
            violations.append(f"« {name} » : retour au hub à {clock(end)}, après sa fermeture "
                              f"({clock(hub.opening.end)}).")


def _check_carried_goods(problem: Problem, name: str, vehicle: VehicleType, trip: Trip, violations: list[str]) -> None:
    """Goods on board a vehicle are delivered by that vehicle, on the trip that leaves from where it is."""
    for visit in trip.visits:
        carrier = problem.carrier(visit.stop)
        if carrier is not None and (carrier != vehicle.name or not trip.from_start):
            violations.append(f"« {visit.stop} » : ses colis sont à bord de « {carrier} », qui doit les livrer "
                              f"avant de repasser au hub (prévu dans « {name} »"
                              f"{'' if trip.from_start else ', tournée depuis le hub'}).")


def check_plan(problem: Problem, matrix: Matrix, plan: Plan) -> list[str]:
    if len(matrix) != len(problem.points):
        return [f"Matrice de {len(matrix)} lieux pour {len(problem.points)} lieux dans le problème."]
    violations: list[str] = []
    used = Counter(day.vehicle_type for day in plan.vehicles)
    for type_name, count in used.items():
        try:
            available = problem.vehicle_type(type_name).count
        except ValueError as exc:
            violations.append(str(exc))
            continue
        if count > available:
            violations.append(f"« {type_name} » : {count} véhicules utilisés pour {available} disponibles.")
    for name, count in Counter(day.vehicle for day in plan.vehicles).items():
        if count > 1:
            violations.append(f"« {name} » apparaît {count} fois : un véhicule ne peut pas être à deux endroits.")
    visits: Counter[str] = Counter()
    for day in plan.vehicles:
        try:
            vehicle = problem.vehicle_type(day.vehicle_type)
        except ValueError:
            continue  # already reported
        for trip in day.trips:
            unknown = [visit.stop for visit in trip.visits if not problem.has_stop(visit.stop)]
            if unknown:
                violations.append(f"« {day.vehicle} » : arrêts inconnus ({', '.join(unknown)}).")
                break
            visits.update(visit.stop for visit in trip.visits)
            _check_carried_goods(problem, day.vehicle, vehicle, trip, violations)
        else:
            _check_vehicle_day(problem, matrix, vehicle, day.vehicle, day.trips, violations)
    for stop in problem.stops:
        if visits[stop.name] > 1:
            violations.append(f"« {stop.name} » est visité {visits[stop.name]} fois au lieu d'une.")
        elif stop.required and visits[stop.name] == 0:
            violations.append(f"« {stop.name} » est obligatoire mais n'est dans aucune tournée.")
    return violations
