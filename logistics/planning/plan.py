"""The answer of the planner: vehicles, their rounds (trips from the hub and back), ordered visits and totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from .problem import Load, StopKind


def clock(seconds: int) -> str:
    """French clock time, "16 h 05"; days beyond the first are shown as "J+1 02 h 00"."""
    days, rest = divmod(int(seconds), 86_400)
    text = f"{rest // 3600:02d} h {rest % 3600 // 60:02d}"
    return f"J+{days} {text}" if days else text


@dataclass(frozen=True)
class Visit:
    stop: str
    kind: StopKind
    arrival: int
    start: int  # service starts (after waiting for the window to open)
    departure: int
    load_after: Load  # on board when leaving the stop


@dataclass(frozen=True)
class Trip:
    """A round: leaves the hub loaded with its deliveries, visits its stops in order, comes back to the hub.

    A trip `from_start` is the rest of a round under way when the day was re-planned: it leaves from the vehicle's
    start position (its last finished stop) at the earliest when it finished there, loaded with what the vehicle
    already carries (the goods of its on-board deliveries, and what goes back to the hub)."""

    departure: int
    visits: tuple[Visit, ...]
    return_time: int
    load_at_departure: Load
    distance_m: int = 0
    driving_s: int = 0
    co2_g: float = 0.0
    fill_rate: float = 0.0  # distance-weighted share of the weight capacity in use
    from_start: bool = False

    @property
    def kind(self) -> str:
        kinds = {visit.kind for visit in self.visits}
        if kinds == {StopKind.COLLECTION}:
            return "collection"
        if kinds == {StopKind.DELIVERY}:
            return "delivery"
        return "mixed"


@dataclass(frozen=True)
class VehicleDay:
    vehicle: str  # "Fourgon frigo #1"
    vehicle_type: str
    trips: tuple[Trip, ...]

    @property
    def distance_m(self) -> int:
        return sum(trip.distance_m for trip in self.trips)


@dataclass(frozen=True)
class Unserved:
    stop: str
    reason: str


@dataclass(frozen=True)
class Baseline:
    """Each producer drives its own goods to the places it supplies, in its own car or van, and back home."""

    journeys: int
    distance_m: int
    driving_s: int
    co2_g: float
    co2_g_per_km: int


@dataclass(frozen=True)
class Plan:
    vehicles: tuple[VehicleDay, ...]
    unserved: tuple[Unserved, ...] = ()
    violations: tuple[str, ...] = ()
    baseline: Baseline | None = None
    objective: int = 0
    solve_seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def trips(self) -> list[Trip]:
        return [trip for vehicle in self.vehicles for trip in vehicle.trips]

    @property
    def distance_m(self) -> int:
        return sum(trip.distance_m for trip in self.trips)

    @property
    def driving_s(self) -> int:
        return sum(trip.driving_s for trip in self.trips)

    @property
    def co2_g(self) -> float:
        return sum(trip.co2_g for trip in self.trips)

    @property
    def feasible(self) -> bool:
        return not self.violations

    def comparison(self) -> dict[str, float] | None:
        """Savings of the pooled rounds against the baseline (positive = the platform does better)."""
        if self.baseline is None or self.baseline.distance_m == 0:
            return None
        return {
            "km_saved": (self.baseline.distance_m - self.distance_m) / 1000,
            "km_saved_pct": 100 * (1 - self.distance_m / self.baseline.distance_m),
            "co2_kg_saved": (self.baseline.co2_g - self.co2_g) / 1000,
            "co2_saved_pct": 100 * (1 - self.co2_g / self.baseline.co2_g) if self.baseline.co2_g else 0.0,
        }

    def summary(self) -> dict:
        return {
            "feasible": self.feasible,
            "vehicles": len(self.vehicles),
            "rounds": len(self.trips),
            "km": round(self.distance_m / 1000, 1),
            "driving_h": round(self.driving_s / 3600, 2),
            "co2_kg": round(self.co2_g / 1000, 1),
            "unserved": len(self.unserved),
            "violations": len(self.violations),
            "solve_seconds": round(self.solve_seconds, 2),
        }
