"""The routing problem of a distribution day, as immutable data, and the builder that validates it.

Units are integers everywhere: metres, seconds since midnight of the distribution day, kilograms, crates, euro
cents. Three load dimensions are carried side by side (ambient kg, chilled kg, crates): a vehicle that is not
refrigerated has a chilled capacity of 0, which is how the cold chain reaches the solver.

The builder follows the `add_*` style: every method checks its input at once and raises `ValueError` with a
message that names the stop or vehicle at fault, so a bad row in a day's data is found where it is added.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field, replace

DIMENSIONS: tuple[str, ...] = ("ambient_kg", "chilled_kg", "crates")
DIMENSION_LABELS: dict[str, str] = {"ambient_kg": "kg ambiants", "chilled_kg": "kg frais", "crates": "caisses"}
SECONDS_PER_DAY = 24 * 3600
MAX_TIME = 7 * SECONDS_PER_DAY  # a "day" may be a Solomon horizon; a week is far beyond any real use


class StopKind(enum.StrEnum):
    COLLECTION = "collection"  # a producer hands goods over; the vehicle picks them up
    DELIVERY = "delivery"  # a pickup point, relay point or home receives goods from the hub


@dataclass(frozen=True)
class Load:
    ambient_kg: int = 0
    chilled_kg: int = 0
    crates: int = 0

    def as_list(self) -> list[int]:
        return [self.ambient_kg, self.chilled_kg, self.crates]

    @classmethod
    def from_list(cls, values: list[int] | tuple[int, ...]) -> Load:
        return cls(*values)

    def __add__(self, other: Load) -> Load:
        return Load(*(a + b for a, b in zip(self.as_list(), other.as_list(), strict=True)))

    def __sub__(self, other: Load) -> Load:
        return Load(*(a - b for a, b in zip(self.as_list(), other.as_list(), strict=True)))

    def fits_in(self, capacity: Load) -> bool:
        return all(a <= c for a, c in zip(self.as_list(), capacity.as_list(), strict=True))

    @property
    def weight_kg(self) -> int:
        return self.ambient_kg + self.chilled_kg


@dataclass(frozen=True)
class TimeWindow:
    start: int
    end: int

    def contains(self, moment: int) -> bool:
        return self.start <= moment <= self.end


@dataclass(frozen=True)
class Point:
    """Latitude and longitude in degrees. Planar problems (Solomon) store y in `lat` and x in `lon`."""

    lat: float
    lon: float


@dataclass(frozen=True)
class Hub:
    name: str
    point: Point
    opening: TimeWindow
    reload_seconds: int = 0  # time to unload collected goods or load the next delivery round


@dataclass(frozen=True)
class Stop:
    name: str
    kind: StopKind
    point: Point
    load: Load
    service_seconds: int
    window: TimeWindow
    required: bool = True
    prize: int = 0  # euro cents lost when an optional stop is left out
    category: str = ""  # pickup_point, relay_point, home, producer: for people, not for the solver
    supplies: tuple[str, ...] = ()  # delivery stops this producer's goods go to (used by the baseline)


@dataclass(frozen=True)
class VehicleStart:
    """Where a vehicle is when the day is re-planned during its round: the last stop it finished (`place`, at
    `point`), when it finished there (`at`), what it carries back to the hub (`carried`: goods collected, or parcels
    not handed over), and the delivery stops whose goods are on board (`on_board`): only this vehicle can serve
    them, and only before it next calls at the hub. Its other deliveries wait at the hub."""

    place: str
    point: Point
    at: int
    carried: Load = Load()
    on_board: tuple[str, ...] = ()


@dataclass(frozen=True)
class VehicleType:
    name: str
    count: int
    capacity: Load
    refrigerated: bool
    shift: TimeWindow
    cost_per_km: int  # euro cents
    co2_g_per_km: int  # empty vehicle
    fixed_cost: int = 0  # euro cents per vehicle used
    reloads: bool = True  # may come back to the hub and leave again (multi-trip)
    co2_full_load_extra: float = 0.0  # extra CO2 share at full load: g/km x (1 + extra x fill rate)
    start: VehicleStart | None = None  # None: the day starts at the hub (a re-plan during a round sets it)


@dataclass(frozen=True)
class Problem:
    hub: Hub
    stops: tuple[Stop, ...]
    vehicle_types: tuple[VehicleType, ...]
    collection_deadline: int  # collected goods must be back at the hub by then
    delivery_release: int  # sorted goods are ready to leave the hub for delivery from then on
    planar: bool = False
    _index: dict[str, int] = field(init=False, compare=False, repr=False)
    _starts: dict[str, int] = field(init=False, compare=False, repr=False)
    _carriers: dict[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {stop.name: i for i, stop in enumerate(self.stops)})
        started = [vehicle for vehicle in self.vehicle_types if vehicle.start is not None]
        object.__setattr__(self, "_starts", {vehicle.name: len(self.stops) + 1 + n
                                             for n, vehicle in enumerate(started)})
        object.__setattr__(self, "_carriers", {name: vehicle.name for vehicle in started
                                               for name in vehicle.start.on_board})

    def has_stop(self, name: str) -> bool:
        return name in self._index

    @property
    def points(self) -> list[Point]:
        """Location 0 is the hub, location i + 1 is stop i, then the start positions of the vehicles re-planned
        during their round (in the order of the vehicle types): the layout of every matrix."""
        starts = [vehicle.start.point for vehicle in self.vehicle_types if vehicle.start is not None]
        return [self.hub.point, *(stop.point for stop in self.stops), *starts]

    def start_index(self, vehicle_name: str) -> int:
        """Matrix location of a vehicle's start position (ValueError when it starts at the hub)."""
        try:
            return self._starts[vehicle_name]
        except KeyError:
            raise ValueError(f"« {vehicle_name} » n'a pas de position de départ : il part du hub.") from None

    def carrier(self, stop_name: str) -> str | None:
        """The vehicle type whose load already holds this delivery's goods, or None (they are at the hub)."""
        return self._carriers.get(stop_name)

    def stop_index(self, name: str) -> int:
        try:
            return self._index[name]
        except KeyError:
            raise ValueError(f"Arrêt inconnu : « {name} ».") from None

    def stop(self, name: str) -> Stop:
        return self.stops[self.stop_index(name)]

    def vehicle_type(self, name: str) -> VehicleType:
        for vehicle in self.vehicle_types:
            if vehicle.name == name:
                return vehicle
        raise ValueError(f"Véhicule inconnu : « {name} ».")

    @property
    def collections(self) -> list[Stop]:
        return [stop for stop in self.stops if stop.kind is StopKind.COLLECTION]

    @property
    def deliveries(self) -> list[Stop]:
        return [stop for stop in self.stops if stop.kind is StopKind.DELIVERY]


def _check_window(owner: str, start: int, end: int) -> TimeWindow:
    for label, value in (("début", start), ("fin", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{owner} : l'heure de {label} doit être un entier en secondes, reçu {value!r}.")
        if not 0 <= value <= MAX_TIME:
            raise ValueError(f"{owner} : l'heure de {label} ({value} s) est hors de la journée.")
    if end < start:
        raise ValueError(f"{owner} : la fin de la plage horaire ({end} s) précède son début ({start} s).")
    return TimeWindow(start, end)


def _check_non_negative(owner: str, **values: int) -> None:
    for label, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{owner} : {label} doit être un entier, reçu {value!r}.")
        if value < 0:
            raise ValueError(f"{owner} : {label} ne peut pas être négatif ({value}).")


class ProblemBuilder:
    """Collects the hub, stops and vehicles of a day; `build()` returns the frozen `Problem`."""

    def __init__(self, *, planar: bool = False) -> None:
        self._planar = planar
        self._hub: Hub | None = None
        self._stops: list[Stop] = []
        self._names: set[str] = set()
        self._vehicle_types: list[VehicleType] = []
        self._collection_deadline: int | None = None
        self._delivery_release: int | None = None

    def _check_point(self, owner: str, lat: float, lon: float) -> Point:
        for label, value in (("latitude", lat), ("longitude", lon)):
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
                raise ValueError(f"{owner} : {label} invalide ({value!r}).")
        if not self._planar and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"{owner} : coordonnées hors du globe ({lat}, {lon}).")
        return Point(float(lat), float(lon))

    def _claim_name(self, name: str) -> str:
        if not isinstance(name, str) or not name.strip():
            raise ValueError("Chaque lieu doit avoir un nom non vide.")
        if name in self._names:
            raise ValueError(f"Le nom « {name} » est déjà utilisé par un autre lieu.")
        self._names.add(name)
        return name

    def set_hub(self, name: str, lat: float, lon: float, *, opens: int, closes: int, reload_seconds: int = 0) -> Hub:
        if self._hub is not None:
            raise ValueError(f"Le hub est déjà défini (« {self._hub.name} ») : un seul hub par problème.")
        owner = f"Hub « {name} »"
        point = self._check_point(owner, lat, lon)
        window = _check_window(owner, opens, closes)
        _check_non_negative(owner, reload_seconds=reload_seconds)
        self._hub = Hub(self._claim_name(name), point, window, reload_seconds)
        return self._hub

    def _add_stop(self, kind: StopKind, name: str, lat: float, lon: float, *, ambient_kg: int, chilled_kg: int,
                  crates: int, service_seconds: int, opens: int, closes: int, required: bool, prize: int,
                  category: str, supplies: tuple[str, ...] = ()) -> Stop:
        owner = f"Arrêt « {name} »"
        point = self._check_point(owner, lat, lon)
        _check_non_negative(owner, ambient_kg=ambient_kg, chilled_kg=chilled_kg, crates=crates,
                            service_seconds=service_seconds, prize=prize)
        window = _check_window(owner, opens, closes)
        load = Load(ambient_kg, chilled_kg, crates)
        if load == Load():
            raise ValueError(f"{owner} : aucune marchandise (0 kg et 0 caisse), l'arrêt est inutile.")
        if required and prize:
            raise ValueError(f"{owner} : une pénalité n'a de sens que pour un arrêt facultatif (required=False).")
        stop = Stop(self._claim_name(name), kind, point, load, service_seconds, window, required, prize, category,
                    tuple(supplies))
        self._stops.append(stop)
        return stop

    def add_collection(self, name: str, lat: float, lon: float, *, ambient_kg: int = 0, chilled_kg: int = 0,
                       crates: int = 0, service_seconds: int = 300, opens: int = 0, closes: int = SECONDS_PER_DAY,
                       required: bool = True, prize: int = 0, supplies: tuple[str, ...] | list[str] = ()) -> Stop:
        """A producer whose goods are collected and brought to the hub."""
        return self._add_stop(StopKind.COLLECTION, name, lat, lon, ambient_kg=ambient_kg, chilled_kg=chilled_kg,
                              crates=crates, service_seconds=service_seconds, opens=opens, closes=closes,
                              required=required, prize=prize, category="producer", supplies=tuple(supplies))

    def add_delivery(self, name: str, lat: float, lon: float, *, ambient_kg: int = 0, chilled_kg: int = 0,
                     crates: int = 0, service_seconds: int = 300, opens: int = 0, closes: int = SECONDS_PER_DAY,
                     required: bool = True, prize: int = 0, category: str = "pickup_point") -> Stop:
        """A pickup point, relay point or home that receives goods from the hub."""
        return self._add_stop(StopKind.DELIVERY, name, lat, lon, ambient_kg=ambient_kg, chilled_kg=chilled_kg,
                              crates=crates, service_seconds=service_seconds, opens=opens, closes=closes,
                              required=required, prize=prize, category=category)

    def add_vehicle_type(self, name: str, *, count: int, ambient_kg: int, chilled_kg: int = 0, crates: int,
                         refrigerated: bool = False, shift_start: int, shift_end: int, cost_per_km: int = 0,
                         co2_g_per_km: int = 0, fixed_cost: int = 0, reloads: bool = True,
                         co2_full_load_extra: float = 0.0) -> VehicleType:
        owner = f"Véhicule « {name} »"
        if not isinstance(name, str) or not name.strip():
            raise ValueError("Chaque type de véhicule doit avoir un nom non vide.")
        if any(vehicle.name == name for vehicle in self._vehicle_types):
            raise ValueError(f"{owner} : ce type de véhicule existe déjà.")
        _check_non_negative(owner, count=count, ambient_kg=ambient_kg, chilled_kg=chilled_kg, crates=crates,
                            cost_per_km=cost_per_km, co2_g_per_km=co2_g_per_km, fixed_cost=fixed_cost)
        if count == 0:
            raise ValueError(f"{owner} : il faut au moins un véhicule de ce type.")
        if chilled_kg and not refrigerated:
            raise ValueError(f"{owner} : une capacité en frais ({chilled_kg} kg) exige un véhicule réfrigéré.")
        if refrigerated and not chilled_kg:
            raise ValueError(f"{owner} : un véhicule réfrigéré doit avoir une capacité en frais.")
        if not 0.0 <= co2_full_load_extra <= 2.0:
            raise ValueError(f"{owner} : surcoût CO2 à pleine charge hors de [0 ; 2] ({co2_full_load_extra}).")
        shift = _check_window(owner, shift_start, shift_end)
        vehicle = VehicleType(name, count, Load(ambient_kg, chilled_kg, crates), refrigerated, shift, cost_per_km,
                              co2_g_per_km, fixed_cost, reloads, co2_full_load_extra)
        self._vehicle_types.append(vehicle)
        return vehicle

    def set_vehicle_start(self, name: str, *, place: str, lat: float, lon: float, at: int, carried_ambient_kg: int = 0,
                          carried_chilled_kg: int = 0, carried_crates: int = 0,
                          on_board: tuple[str, ...] | list[str] = ()) -> VehicleType:
        """Re-planning during a round: vehicle `name` is at `place` since `at` (seconds), carrying goods back to the
        hub and the goods of the `on_board` deliveries. Call after `add_vehicle_type`; the deliveries are checked
        by `build()`."""
        index = next((i for i, vehicle in enumerate(self._vehicle_types) if vehicle.name == name), None)
        if index is None:
            raise ValueError(f"Véhicule « {name} » inconnu : ajoutez-le avant de fixer sa position.")
        vehicle = self._vehicle_types[index]
        owner = f"Véhicule « {name} »"
        if vehicle.count != 1:
            raise ValueError(f"{owner} : une position de départ vaut pour un véhicule, pas pour {vehicle.count}.")
        if vehicle.start is not None:
            raise ValueError(f"{owner} : sa position de départ est déjà fixée (« {vehicle.start.place} »).")
        point = self._check_point(f"{owner}, position « {place} »", lat, lon)
        moment = _check_window(f"{owner}, position « {place} »", at, at).start
        _check_non_negative(owner, carried_ambient_kg=carried_ambient_kg, carried_chilled_kg=carried_chilled_kg,
                            carried_crates=carried_crates)
        if carried_chilled_kg and not vehicle.refrigerated:
            raise ValueError(f"{owner} : {carried_chilled_kg} kg frais à bord d'un véhicule qui n'est pas réfrigéré.")
        taken = {stop for other in self._vehicle_types if other.start for stop in other.start.on_board}
        twice = sorted(set(on_board) & taken)
        if twice:
            raise ValueError(f"{owner} : {', '.join(twice)} déjà à bord d'un autre véhicule.")
        start = VehicleStart(place, point, moment, Load(carried_ambient_kg, carried_chilled_kg, carried_crates),
                             tuple(on_board))
        self._vehicle_types[index] = replace(vehicle, start=start)
        return self._vehicle_types[index]

    def set_timeline(self, *, collection_deadline: int, delivery_release: int) -> None:
        """Collected goods must reach the hub by `collection_deadline`; deliveries leave from `delivery_release`."""
        _check_window("Calendrier du jour", collection_deadline, delivery_release)
        self._collection_deadline, self._delivery_release = collection_deadline, delivery_release

    def build(self) -> Problem:
        if self._hub is None:
            raise ValueError("Le hub n'est pas défini : appelez set_hub() d'abord.")
        if not self._vehicle_types:
            raise ValueError("Aucun véhicule : ajoutez au moins un type de véhicule.")
        if not self._stops:
            raise ValueError("Aucun arrêt : rien à planifier.")
        delivery_names = {stop.name for stop in self._stops if stop.kind is StopKind.DELIVERY}
        for stop in self._stops:
            unknown = [name for name in stop.supplies if name not in delivery_names]
            if unknown:
                raise ValueError(f"Arrêt « {stop.name} » : livre des arrêts inconnus ({', '.join(unknown)}).")
        for vehicle in self._vehicle_types:
            unknown = [name for name in (vehicle.start.on_board if vehicle.start else ()) if name not in delivery_names]
            if unknown:
                raise ValueError(f"Véhicule « {vehicle.name} » : {', '.join(unknown)} à bord, mais ce ne sont pas "
                                 "des livraisons du problème.")
        if self.has_collections and self._collection_deadline is None:
            raise ValueError("Des producteurs sont à collecter : fixez l'heure limite de collecte et l'heure de "
                             "départ des livraisons avec set_timeline().")
        if self._collection_deadline is None or self._delivery_release is None:
            deadline, release = self._hub.opening.end, self._hub.opening.start  # deliveries only: no phase
        else:
            deadline, release = self._collection_deadline, self._delivery_release
        return Problem(self._hub, tuple(self._stops), tuple(self._vehicle_types), deadline, release, self._planar)

    @property
    def has_collections(self) -> bool:
        return any(stop.kind is StopKind.COLLECTION for stop in self._stops)
