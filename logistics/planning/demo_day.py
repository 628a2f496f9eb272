"""A full demo distribution day built from the real communes of the Pays de Mormal (a CSV read with `csv`).

Everything is deterministic for a given seed: 150 producers spread over the communes (each commune has at least
one farm, the rest follow population), of which a subset has orders for the day; the hub in Le Quesnoy; three bourg
pickup points (Le Quesnoy at the hub, Bavay, Landrecies), ten relay points in the most populous other communes, and
thirty homes. Each order line is a flow producer -> destination, so the loads of producers and destinations add up
to the same goods, and the baseline knows where each producer would otherwise drive.

Choices of the demo, stated here to be changed: home deliveries carry dry and ambient goods only (fresh goods are
fetched at pickup and relay points, which have cold storage), which is what a single refrigerated van can promise;
producers hand over between 06:30 and 11:45, goods are back at the hub by 12:00 and leave sorted from 13:00; pickup
points receive their goods between 13:30 and 17:00 (slot 17:00-19:00), relay points until 18:30, homes in two-hour
windows. Shifts run 06:30-19:30 (a morning and an afternoon driver share a vehicle). Fleet: a refrigerated van, a
van and an estate car; CO2 figures are typical real-use values for diesel vehicles of that size (the refrigerated
van burns more: heavier, and its cold unit runs on the engine); costs per km include fuel, tyres and wear.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from .problem import Problem, ProblemBuilder

H = 3600
HUB_COMMUNE = "Le Quesnoy"
BOURGS = ("Le Quesnoy", "Bavay", "Landrecies")
HOME_WINDOWS = ((14 * H, 16 * H), (15 * H, 17 * H), (16 * H, 18 * H), (17 * H, 19 * H))


@dataclass(frozen=True)
class Commune:
    name: str
    population: int
    lat: float
    lon: float


def read_communes(path: str | Path) -> list[Commune]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [Commune(row["name"], int(row["population"]), float(row["lat"]), float(row["lon"]))
                for row in csv.DictReader(handle)]


def _near(rng: random.Random, commune: Commune, spread: float) -> tuple[float, float]:
    """A point around the village centre (spread in degrees of latitude; longitude degrees are ~0.64 as long)."""
    return (round(commune.lat + rng.uniform(-spread, spread), 5),
            round(commune.lon + rng.uniform(-spread, spread) / 0.64, 5))


def _spread_producers(rng: random.Random, communes: list[Commune], count: int) -> list[Commune]:
    homes = list(communes)  # at least one farm per commune
    weights = [commune.population for commune in communes]
    homes += rng.choices(communes, weights=weights, k=max(0, count - len(communes)))
    return homes[:count]


def build_demo_day(communes_csv: str | Path, *, seed: int = 2026, producers: int = 150, with_orders: int = 60,
                   relay_points: int = 10, homes: int = 30) -> Problem:
    rng = random.Random(seed)
    communes = read_communes(communes_csv)
    by_name = {commune.name: commune for commune in communes}
    if any(name not in by_name for name in BOURGS):
        raise ValueError(f"Le fichier des communes doit contenir {', '.join(BOURGS)}.")
    builder = ProblemBuilder()
    hub = by_name[HUB_COMMUNE]
    builder.set_hub(f"Hub {HUB_COMMUNE}", hub.lat, hub.lon, opens=6 * H, closes=20 * H, reload_seconds=15 * 60)
    builder.set_timeline(collection_deadline=12 * H, delivery_release=13 * H)

    # Destinations first: each will draw its order lines from the producers with orders.
    destinations: list[tuple[str, float, float, dict]] = []
    for name in BOURGS:
        lat, lon = (hub.lat, hub.lon) if name == HUB_COMMUNE else (by_name[name].lat, by_name[name].lon)
        destinations.append((f"Point retrait {name}", lat, lon, {"opens": 13 * H + 1800, "closes": 17 * H,
                                                                  "service_seconds": 15 * 60, "lines": 16}))
    others = sorted((c for c in communes if c.name not in BOURGS), key=lambda c: (-c.population, c.name))
    for commune in others[:relay_points]:
        destinations.append((f"Relais {commune.name}", commune.lat, commune.lon,
                             {"opens": 13 * H + 1800, "closes": 18 * H + 1800, "service_seconds": 8 * 60,
                              "lines": 5}))
    for number in range(1, homes + 1):
        commune = rng.choices(communes, weights=[c.population for c in communes])[0]
        lat, lon = _near(rng, commune, 0.004)
        opens, closes = rng.choice(HOME_WINDOWS)
        destinations.append((f"Domicile {number:02d} ({commune.name})", lat, lon,
                             {"opens": opens, "closes": closes, "service_seconds": 3 * 60, "lines": 2,
                              "category": "home", "ambient_only": True}))

    farms = _spread_producers(rng, communes, producers)
    chilled = [rng.random() < 0.3 for _ in farms]
    active = sorted(rng.sample(range(len(farms)), with_orders))
    flows: dict[int, dict[str, list[int]]] = {i: {} for i in active}
    delivery_loads: dict[str, list[int]] = {}
    ambient_active = [i for i in active if not chilled[i]]
    for name, _lat, _lon, spec in destinations:
        total = [0, 0, 0]
        for producer in rng.sample(ambient_active if spec.get("ambient_only") else active, spec["lines"]):
            line = [rng.randint(2, 10), rng.randint(2, 8) if chilled[producer] else 0, 1]
            flows[producer][name] = line
            total = [a + b for a, b in zip(total, line, strict=True)]
        delivery_loads[name] = total

    for i in (i for i in active if flows[i]):  # drawn but ordered from by nobody: no orders, no stop
        lat, lon = _near(rng, farms[i], 0.012)
        total = [sum(line[d] for line in flows[i].values()) for d in range(3)]
        opens = rng.choice((6 * H + 1800, 7 * H, 8 * H))
        builder.add_collection(f"Producteur {i + 1:03d} ({farms[i].name})", lat, lon, ambient_kg=total[0],
                               chilled_kg=total[1], crates=total[2], service_seconds=5 * 60, opens=opens,
                               closes=11 * H + 2700, supplies=sorted(flows[i]))
    for name, lat, lon, spec in destinations:
        ambient, chilled_kg, crates = delivery_loads[name]
        builder.add_delivery(name, lat, lon, ambient_kg=ambient, chilled_kg=chilled_kg, crates=crates,
                             service_seconds=spec["service_seconds"], opens=spec["opens"], closes=spec["closes"],
                             category=spec.get("category", "pickup_point" if name.startswith("Point") else
                                               "relay_point"))

    builder.add_vehicle_type("Fourgon frigorifique", count=1, ambient_kg=700, chilled_kg=400, crates=100,
                             refrigerated=True, shift_start=6 * H + 1800, shift_end=19 * H + 1800, cost_per_km=45,
                             co2_g_per_km=290, co2_full_load_extra=0.25)
    builder.add_vehicle_type("Fourgon", count=1, ambient_kg=900, crates=100, shift_start=6 * H + 1800,
                             shift_end=19 * H + 1800, cost_per_km=35, co2_g_per_km=240, co2_full_load_extra=0.25)
    builder.add_vehicle_type("Voiture", count=1, ambient_kg=300, crates=20, shift_start=6 * H + 1800,
                             shift_end=19 * H + 1800, cost_per_km=20, co2_g_per_km=140, co2_full_load_extra=0.1)
    return builder.build()
