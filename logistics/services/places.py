"""From a day's parcels to the places of the planning problem (producers to collect, pickup points and homes to
deliver), and from places or saved stops to a `logistics.planning.Problem`."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import time

from backend.commerce.territory.models import Commune
from logistics.models import DistributionDay, Parcel, PickupPoint, PickupSlot, Stop, Vehicle
from logistics.planning.problem import Problem, ProblemBuilder

H = 3600
HOME_WINDOW = (16 * H, 19 * H)
COLLECTION_OPENS = 7 * H


def seconds(value: time) -> int:
    return value.hour * H + value.minute * 60 + value.second


def as_time(value: int) -> time:
    value = max(0, min(int(value), 24 * H - 1))  # a round past midnight is refused by the checker before this
    return time(value // H, value % H // 60, value % 60)


@dataclass
class Place:
    key: str
    kind: str  # Stop.Kind
    name: str
    lat: float
    lon: float
    opens: int
    closes: int
    category: str = "producer"
    warehouse_id: object = None
    order_id: object = None
    address: str = ""
    ambient_g: int = 0
    chilled_g: int = 0
    crates: int = 0
    service_seconds: int = 300
    parcel_ids: list = field(default_factory=list)
    supplies: set = field(default_factory=set)
    chilled_parcel_ids: list = field(default_factory=list)
    chilled_crates: int = 0

    @property
    def ambient_kg(self) -> int:
        return math.ceil(self.ambient_g / 1000)

    @property
    def chilled_kg(self) -> int:
        return math.ceil(self.chilled_g / 1000)


def _coordinates(warehouse, communes: dict) -> tuple[float, float] | None:
    if warehouse.latitude is not None and warehouse.longitude is not None:
        return float(warehouse.latitude), float(warehouse.longitude)
    commune = communes.get(warehouse.commune_id) or communes.get(warehouse.address.commune_insee)
    return (float(commune.latitude), float(commune.longitude)) if commune else None


def _opening(warehouse, weekday: int, default: tuple[int, int]) -> tuple[int, int]:
    for slot in warehouse.opening_hours or []:
        if isinstance(slot, dict) and slot.get("day") == weekday and slot.get("open") and slot.get("close"):
            opens, closes = (time.fromisoformat(slot["open"]), time.fromisoformat(slot["close"]))
            return seconds(opens), seconds(closes)
    return default


def _home_window(order) -> tuple[int, int]:
    text = str((order.metadata or {}).get("deliveryWindow", ""))
    try:
        start, end = (seconds(time.fromisoformat(part.strip())) for part in text.split("-"))
    except ValueError:
        return HOME_WINDOW
    return (start, end) if end > start else HOME_WINDOW


def places_of_day(day: DistributionDay, parcels: list[Parcel], *, skip_keys: set[str]) -> tuple[list[Place], dict]:
    """The places to plan and, for those that cannot be placed, the reason (no coordinates)."""
    communes = {c.insee: c for c in Commune.objects.all()}
    kinds = dict(PickupPoint.objects.values_list("warehouse_id", "kind"))
    slot_starts: dict = defaultdict(list)
    for slot in PickupSlot.objects.filter(date=day.date).select_related("pickup_point"):
        slot_starts[slot.pickup_point.warehouse_id].append((seconds(slot.start), seconds(slot.end)))
    release, deadline, weekday = seconds(day.delivery_release), seconds(day.collection_deadline), day.date.isoweekday()
    places: dict[str, Place] = {}
    problems: dict[str, str] = {}

    def add(parcel, key, make):
        if key in skip_keys:
            return None
        place = places.get(key)
        if place is None:
            place = make()
            if place is None:
                problems[key] = "Lieu sans coordonnées : impossible de le placer sur une tournée."
                return None
            places[key] = place
        place.parcel_ids.append(parcel.pk)
        place.crates += parcel.crates
        if parcel.chilled:
            place.chilled_g += parcel.weight_g
            place.chilled_parcel_ids.append(parcel.pk)
            place.chilled_crates += parcel.crates
        else:
            place.ambient_g += parcel.weight_g
        return place

    for parcel in parcels:
        producer = parcel.warehouse
        collected = None
        if parcel.status == Parcel.Status.WAITING and not (producer.metadata or {}).get("dropsAtHub"):
            def make_collection(producer=producer):
                point = _coordinates(producer, communes)
                if point is None:
                    return None
                opens, closes = _opening(producer, weekday, (COLLECTION_OPENS, deadline))
                return Place(f"collecte:{producer.slug}", Stop.Kind.COLLECTION, producer.name, *point, opens,
                             min(closes, deadline), warehouse_id=producer.pk, address=str(producer.address))
            collected = add(parcel, f"collecte:{producer.slug}", make_collection)
        if parcel.status in (Parcel.Status.DELIVERED, Parcel.Status.PROBLEM):
            continue
        order = parcel.order
        if order.collection_point_id:
            point_wh = order.collection_point

            def make_pickup(point_wh=point_wh):
                point = _coordinates(point_wh, communes)
                if point is None:
                    return None
                starts = sorted(slot_starts.get(point_wh.pk, []))
                closes = starts[0][0] if starts and starts[0][0] > release else (starts[0][1] if starts else 19 * H)
                return Place(f"retrait:{point_wh.slug}", Stop.Kind.DELIVERY, point_wh.name, *point, release, closes,
                             category=kinds.get(point_wh.pk, PickupPoint.Kind.BOURG), warehouse_id=point_wh.pk,
                             address=str(point_wh.address), service_seconds=600)
            target = add(parcel, f"retrait:{point_wh.slug}", make_pickup)
        else:
            def make_home(order=order):
                address = order.shipping_address
                commune = communes.get(address.commune_insee) if address else None
                if commune is None:
                    return None
                opens, closes = _home_window(order)
                return Place(f"domicile:{order.number}", Stop.Kind.DELIVERY, f"Domicile — commande n° {order.number}",
                             float(commune.latitude), float(commune.longitude), opens, closes, category="home",
                             order_id=order.pk, address=str(address), service_seconds=180)
            target = add(parcel, f"domicile:{order.number}", make_home)
        if collected is not None and target is not None:
            collected.supplies.add(target.key)
    return list(places.values()), problems


def _fits(place: Place, vehicle: Vehicle) -> bool:
    return (place.ambient_kg <= vehicle.ambient_kg and place.chilled_kg <= (vehicle.chilled_kg if vehicle.refrigerated
            else 0) and place.crates <= vehicle.crates)


def split_cold_deliveries(places: list[Place], vehicles: list[Vehicle]) -> list[Place]:
    """A delivery too big for any refrigerated vehicle is split in two stops: the fresh crates (cold vehicle) and the
    rest (any vehicle). A place served whole stays one stop."""
    result, renamed = [], {}
    for place in places:
        mixed = place.kind == Stop.Kind.DELIVERY and place.chilled_parcel_ids and place.ambient_g
        if not mixed or any(_fits(place, v) for v in vehicles):
            result.append(place)
            continue
        cold_ids = set(place.chilled_parcel_ids)
        cold = Place(f"{place.key}:frais", place.kind, f"{place.name} (frais)", place.lat, place.lon, place.opens,
                     place.closes, category=place.category, warehouse_id=place.warehouse_id, order_id=place.order_id,
                     address=place.address, chilled_g=place.chilled_g, crates=place.chilled_crates,
                     service_seconds=place.service_seconds, parcel_ids=list(place.chilled_parcel_ids),
                     chilled_parcel_ids=list(place.chilled_parcel_ids), chilled_crates=place.chilled_crates)
        place.parcel_ids = [pk for pk in place.parcel_ids if pk not in cold_ids]
        place.crates -= place.chilled_crates
        place.chilled_g, place.chilled_parcel_ids, place.chilled_crates = 0, [], 0
        result += [place, cold]
        renamed[place.key] = cold.key
    for place in result:
        place.supplies |= {renamed[key] for key in place.supplies if key in renamed}
    return result


def vehicle_type_kwargs(vehicle: Vehicle, *, busy_until: int = 0) -> dict:
    return {"count": 1, "ambient_kg": vehicle.ambient_kg, "chilled_kg": vehicle.chilled_kg if vehicle.refrigerated
            else 0, "crates": vehicle.crates, "refrigerated": vehicle.refrigerated,
            "shift_start": max(seconds(vehicle.shift_start), busy_until), "shift_end": seconds(vehicle.shift_end),
            "cost_per_km": vehicle.cost_per_km_cents, "co2_g_per_km": vehicle.co2_g_per_km}


def _start_builder(day: DistributionDay, has_collections: bool) -> ProblemBuilder:
    hub = day.hub
    builder = ProblemBuilder()
    communes = {c.insee: c for c in Commune.objects.filter(insee__in=[hub.warehouse.commune_id or "",
                                                                        hub.warehouse.address.commune_insee])}
    point = _coordinates(hub.warehouse, communes)
    if point is None:
        raise ValueError(f"Le hub « {hub.warehouse.name} » n'a pas de coordonnées.")
    builder.set_hub(hub.warehouse.name, *point, opens=seconds(hub.opens), closes=seconds(hub.closes),
                    reload_seconds=hub.reload_minutes * 60)
    if has_collections:
        builder.set_timeline(collection_deadline=seconds(day.collection_deadline),
                             delivery_release=seconds(day.delivery_release))
    return builder


def problem_from_places(day: DistributionDay, places: list[Place], vehicles: list[Vehicle], busy_until: dict,
                        starts: dict | None = None, carriers: dict | None = None) -> tuple[Problem, dict[str, Place]]:
    """The problem (stops named for people) and its places by stop name. `starts` gives the position of each vehicle
    re-planned during its round ({vehicle pk: positions.VehiclePosition}), `carriers` the vehicle holding each
    place's parcels ({place key: vehicle pk}). Raises ValueError (French message naming the place) on bad data, as
    the builder does."""
    builder = _start_builder(day, any(p.kind == Stop.Kind.COLLECTION for p in places))
    by_name: dict[str, Place] = {}
    for place in places:
        name, n = place.name, 1
        while name in by_name:
            n += 1
            name = f"{place.name} ({n})"
        by_name[name] = place
    label = {place.key: name for name, place in by_name.items()}
    for name, place in by_name.items():
        common = {"ambient_kg": place.ambient_kg, "chilled_kg": place.chilled_kg, "crates": max(place.crates, 1),
                  "service_seconds": place.service_seconds, "opens": place.opens, "closes": place.closes}
        if place.kind == Stop.Kind.COLLECTION:
            builder.add_collection(name, place.lat, place.lon, supplies=sorted(label[k] for k in place.supplies),
                                   **common)
        else:
            builder.add_delivery(name, place.lat, place.lon, category=place.category, **common)
    for vehicle in vehicles:
        builder.add_vehicle_type(vehicle.name, **vehicle_type_kwargs(vehicle, busy_until=busy_until.get(vehicle.pk, 0)))
        position = (starts or {}).get(vehicle.pk)
        if position is not None:
            ambient, chilled, crates = position.carried
            builder.set_vehicle_start(
                vehicle.name, place=position.stop.name, lat=position.stop.latitude, lon=position.stop.longitude,
                at=position.at, carried_ambient_kg=ambient, carried_chilled_kg=chilled, carried_crates=crates,
                on_board=sorted(name for name, place in by_name.items()
                                if (carriers or {}).get(place.key) == vehicle.pk))
    return builder.build(), by_name


def stop_names(stops: list[Stop]) -> dict:
    """A readable name per stop, unique in the problem (a place served twice in a day gets "(2)")."""
    names, used = {}, set()
    for stop in stops:
        name, n = stop.name, 1
        while name in used:
            n += 1
            name = f"{stop.name} ({n})"
        used.add(name)
        names[stop.pk] = name
    return names


def problem_from_stops(day: DistributionDay, stops: list[Stop], vehicles: list[Vehicle], names: dict) -> Problem:
    """The problem the saved rounds answer: used to re-check a staff edit."""
    builder = _start_builder(day, any(s.kind == Stop.Kind.COLLECTION for s in stops))
    for stop in stops:
        common = {"ambient_kg": stop.ambient_kg, "chilled_kg": stop.chilled_kg, "crates": max(stop.crates, 1),
                  "service_seconds": stop.service_seconds, "opens": seconds(stop.window_start),
                  "closes": seconds(stop.window_end)}
        if stop.kind == Stop.Kind.COLLECTION:
            builder.add_collection(names[stop.pk], stop.latitude, stop.longitude, **common)
        else:
            builder.add_delivery(names[stop.pk], stop.latitude, stop.longitude, **common)
    for vehicle in vehicles:
        builder.add_vehicle_type(vehicle.name, **vehicle_type_kwargs(vehicle))
    return builder.build()
