"""Solomon VRPTW instances through the same builder, solver and checker as a distribution day.

Convention of the published best-known values: Euclidean distance truncated to one decimal, travel time equal to
distance, objective = total distance, fleet size free. Everything is scaled by 10 to stay in integers (one unit =
a tenth of Solomon's unit); each customer is a delivery stop and the depot is the hub, with no reload.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

import vrplib

from .checker import check_plan
from .distances import EuclideanProvider
from .plan import Plan
from .problem import Problem, ProblemBuilder
from .solver import solve_problem

SCALE = 10


def read_solomon(path: str | Path) -> Problem:
    try:
        instance = vrplib.read_instance(str(path), instance_format="solomon")
    except (RuntimeError, ValueError, IndexError, KeyError) as exc:
        raise ValueError(f"ce n'est pas une instance au format Solomon ({exc})") from exc
    coords, demand = instance["node_coord"], instance["demand"]
    windows, service = instance["time_window"], instance["service_time"]
    builder = ProblemBuilder(planar=True)
    depot_close = int(windows[0][1]) * SCALE
    builder.set_hub("depot", float(coords[0][1]), float(coords[0][0]), opens=int(windows[0][0]) * SCALE,
                    closes=depot_close)
    customers = len(demand) - 1
    builder.add_vehicle_type("vehicle", count=customers, ambient_kg=int(instance["capacity"]), crates=0,
                             shift_start=int(windows[0][0]) * SCALE, shift_end=depot_close, reloads=False)
    for i in range(1, customers + 1):
        builder.add_delivery(str(i), float(coords[i][1]), float(coords[i][0]), ambient_kg=int(demand[i]),
                             service_seconds=int(service[i]) * SCALE, opens=int(windows[i][0]) * SCALE,
                             closes=int(windows[i][1]) * SCALE, category="customer")
    return builder.build()


@dataclass(frozen=True)
class SolomonResult:
    instance: str
    distance: float  # Solomon units, one decimal
    vehicles: int
    feasible: bool
    seconds: float  # wall clock
    plan: Plan
    cpu_seconds: float = 0.0

    def as_json(self) -> dict:
        return {"distance": self.distance, "vehicles": self.vehicles, "feasible": self.feasible,
                "seconds": round(self.seconds, 2), "instance": self.instance}


def solve_solomon(path: str | Path, *, time_limit: float, seed: int = 1, cpu_clock: bool = False) -> SolomonResult:
    started, cpu_started = time.perf_counter(), time.process_time()
    problem = read_solomon(path)
    matrix = EuclideanProvider(SCALE).matrix(problem.points)
    plan = solve_problem(problem, matrix=matrix, time_limit=time_limit, seed=seed, cpu_clock=cpu_clock)
    violations = check_plan(problem, matrix, plan)  # the solver already checked; checked again, on the record
    return SolomonResult(Path(path).stem, round(plan.distance_m / SCALE, 1), len(plan.vehicles),
                         not violations and not plan.unserved, time.perf_counter() - started, plan,
                         time.process_time() - cpu_started)


def best_known(path: str | Path, bks_csv: str | Path | None = None) -> tuple[float, int] | None:
    """(distance, vehicles) from bks.csv next to the instance, when listed."""
    csv_path = Path(bks_csv) if bks_csv else Path(path).with_name("bks.csv")
    if not csv_path.exists():
        return None
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["instance"] == Path(path).stem:
                return float(row["distance"]), int(row["vehicles"])
    return None
