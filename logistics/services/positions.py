"""Where each vehicle is when a day is re-planned during its rounds, and what it has on board.

A vehicle whose round is under way (some stops finished, others not) is at its last finished stop, since the time
the courier finished there. It carries back to the hub what it collected on that round and the parcels it could not
hand over (a problem at a delivery); the parcels of its unfinished deliveries are on board: only it can deliver
them, before it calls at the hub again. A delivery place whose parcels are partly on board and partly at the hub (a
late order for the same pickup point) becomes two stops: the one on board keeps its key, the other is served from
the hub ("… (depuis le hub)").
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils import timezone

from logistics.models import Parcel, Round, Stop
from logistics.services.places import Place, seconds

LAST_SECOND = 24 * 3600 - 1


@dataclass
class VehiclePosition:
    round_id: int
    stop: Stop  # the last finished stop
    at: int  # seconds since midnight of the day
    carried: tuple[int, int, int] = (0, 0, 0)  # ambient kg, chilled kg, crates going back to the hub
    on_board: set = field(default_factory=set)  # parcel ids of its unfinished deliveries


def _seconds_on(day: date, moment: datetime) -> int:
    local = timezone.localtime(moment)
    if local.date() != day:  # a phone's clock from another day: the day's bounds
        return 0 if local.date() < day else LAST_SECOND
    return seconds(local.time())


def _load(parcels: list[Parcel]) -> tuple[int, int, int]:
    ambient = sum(p.weight_g for p in parcels if not p.chilled)
    chilled = sum(p.weight_g for p in parcels if p.chilled)
    return math.ceil(ambient / 1000), math.ceil(chilled / 1000), sum(p.crates for p in parcels)


def vehicle_positions(day) -> dict[int, VehiclePosition]:
    """{vehicle pk: its position} for the vehicles whose round is under way."""
    positions: dict[int, VehiclePosition] = {}
    for round_ in Round.objects.filter(day=day, status=Round.Status.IN_PROGRESS).prefetch_related("stops"):
        finished = [stop for stop in round_.stops.all() if stop.is_finished]
        if not finished:
            continue
        last = max(finished, key=lambda s: (_seconds_on(day.date, s.done_at) if s.done_at else 0, s.position))
        at = (_seconds_on(day.date, last.done_at) if last.done_at
              else seconds(last.planned_arrival) + last.service_seconds)
        known = positions.get(round_.vehicle_id)
        if known is not None and known.at >= at:
            continue
        carried = list(Parcel.objects.filter(collection_stop__round=round_, status=Parcel.Status.COLLECTED))
        carried += list(Parcel.objects.filter(delivery_stop__round=round_, status=Parcel.Status.PROBLEM))
        on_board = set(Parcel.objects.filter(delivery_stop__round=round_, delivery_stop__status=Stop.Status.PLANNED,
                                             status=Parcel.Status.OUT_FOR_DELIVERY).values_list("pk", flat=True))
        positions[round_.vehicle_id] = VehiclePosition(round_.pk, last, at, _load(carried), on_board)
    return positions


def _share(place: Place, parcels: list[Parcel], key: str, name: str) -> Place:
    chilled = [p for p in parcels if p.chilled]
    return replace(place, key=key, name=name, ambient_g=sum(p.weight_g for p in parcels if not p.chilled),
                   chilled_g=sum(p.weight_g for p in chilled), crates=sum(p.crates for p in parcels),
                   parcel_ids=[p.pk for p in parcels], chilled_parcel_ids=[p.pk for p in chilled],
                   chilled_crates=sum(p.crates for p in chilled), supplies=set(place.supplies))


def split_on_board(places: list[Place], parcels: list[Parcel],
                   positions: dict[int, VehiclePosition]) -> tuple[list[Place], dict[str, int]]:
    """The places, a delivery split where its parcels are in different vehicles or at the hub, and {place key:
    pk of the vehicle carrying its parcels}."""
    owner_of = {pk: vehicle_pk for vehicle_pk, position in positions.items() for pk in position.on_board}
    by_id = {parcel.pk: parcel for parcel in parcels}
    result, carriers, renamed = [], {}, defaultdict(set)
    for place in places:
        groups: dict = defaultdict(list)
        for pk in place.parcel_ids:
            groups[owner_of.get(pk) if place.kind == Stop.Kind.DELIVERY else None].append(by_id[pk])
        if len(groups) <= 1:
            owner = next(iter(groups), None)
            result.append(place)
            if owner is not None:
                carriers[place.key] = owner
            continue
        for number, (owner, members) in enumerate(sorted(groups.items(), key=lambda g: (g[0] is None, g[0] or 0))):
            if owner is None:
                key, name = f"{place.key}:hub", f"{place.name} (depuis le hub)"
            else:
                key, name = (place.key, place.name) if number == 0 else (f"{place.key}:{owner}", place.name)
                carriers[key] = owner
            result.append(_share(place, members, key, name))
            renamed[place.key].add(key)
    for place in result:
        place.supplies |= {key for old in list(place.supplies) for key in renamed.get(old, ())}
    return result, carriers
