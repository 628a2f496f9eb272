"""Round planning benchmarks (`make bench`): Solomon VRPTW gaps and a full demo distribution day.

Results go to the "planning" section of docs/benchmarks.md (written by the last test, with what was measured).
The solver's budget is CPU time of this process (MaxCpuTime): the machine is shared, and a wall-clock budget would
measure the neighbours' load as much as the solver. Both clocks are reported.
"""

import os
import time
from pathlib import Path

import pytest

from logistics.planning.checker import check_plan
from logistics.planning.demo_day import build_demo_day
from logistics.planning.distances import CachedProvider, EuclideanProvider, HaversineProvider
from logistics.planning.plan import clock
from logistics.planning.solomon import best_known, read_solomon, solve_solomon
from logistics.planning.solver import solve_problem
from tests.benchmarks.report import write_section

ROOT = Path(__file__).resolve().parents[2]
SOLOMON = ROOT / "tests" / "data" / "solomon"
COMMUNES = ROOT / "backend" / "commerce" / "territory" / "data" / "communes-pays-de-mormal.csv"
SOLOMON_SECONDS = 10  # CPU seconds
DEMO_SECONDS = 7  # solver budget inside the 10 s end-to-end target (build, matrix, solve, check)
RESULTS: dict[str, dict] = {}


@pytest.mark.parametrize("name", ["C101", "R101", "RC101"])
def test_solomon_gap_to_best_known_under_one_percent(name):
    # given a 100-customer Solomon instance and its best-known distance
    path = SOLOMON / f"{name}.txt"
    bks_distance, bks_vehicles = best_known(path)
    # when solved for 10 s with seed 1
    result = solve_solomon(path, time_limit=SOLOMON_SECONDS, seed=1, cpu_clock=True)
    # then the checker accepts the plan (recomputed independently) and the gap is under 1 %
    problem = read_solomon(path)
    assert check_plan(problem, EuclideanProvider().matrix(problem.points), result.plan) == []
    assert result.feasible
    gap = 100 * (result.distance - bks_distance) / bks_distance
    RESULTS[name] = {"distance": result.distance, "bks": bks_distance, "gap": gap, "vehicles": result.vehicles,
                     "bks_vehicles": bks_vehicles, "seconds": result.seconds,
                     "cpu": result.cpu_seconds}
    print(f"{name}: {result.distance} vs {bks_distance} ({gap:+.2f} %), {result.vehicles} vehicles")
    assert gap < 1.0


def test_demo_day_is_planned_in_under_ten_seconds_and_beats_the_baseline():
    # given the demo day built from the real communes (150 producers, those with orders, 43 destinations)
    started, cpu_started = time.perf_counter(), time.process_time()
    problem = build_demo_day(COMMUNES)
    provider = CachedProvider(HaversineProvider())
    # when planned end to end
    plan = solve_problem(problem, provider=provider, time_limit=DEMO_SECONDS, seed=1, cpu_clock=True)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # then every stop is served, the checker finds nothing, and it took less than 10 s
    matrix = provider.matrix(problem.points)
    assert check_plan(problem, matrix, plan) == []
    assert plan.feasible and plan.unserved == ()
    assert sum(len(trip.visits) for trip in plan.trips) == len(problem.stops)
    assert cpu < 10
    comparison = plan.comparison()
    assert plan.distance_m < plan.baseline.distance_m and plan.co2_g < plan.baseline.co2_g
    RESULTS["demo"] = {"problem": problem, "plan": plan, "elapsed": elapsed, "cpu": cpu,
                       "comparison": comparison}
    print(plan.summary(), comparison)


def _demo_section(demo: dict) -> str:
    problem, plan, comparison = demo["problem"], demo["plan"], demo["comparison"]
    baseline = plan.baseline
    homes = sum(1 for stop in problem.deliveries if stop.category == "home")
    lines = [
        f"Demo distribution day (`logistics/planning/demo_day.py`, seed 2026): {len(problem.collections)} producers "
        f"with orders out of 150 (all collected), {len(problem.deliveries) - homes} pickup and relay points, "
        f"{homes} homes; "
        "fleet: a refrigerated van, a van, a car; haversine distances x 1.3 at 45 km/h.",
        "",
        "| figure | pooled rounds | baseline (each producer drives) |",
        "|---|---|---|",
        f"| journeys / rounds | {len(plan.trips)} rounds, {len(plan.vehicles)} vehicles | {baseline.journeys} |",
        f"| km | {plan.distance_m / 1000:.1f} | {baseline.distance_m / 1000:.1f} |",
        f"| driving time | {plan.driving_s / 3600:.1f} h | {baseline.driving_s / 3600:.1f} h |",
        f"| CO2 | {plan.co2_g / 1000:.1f} kg | {baseline.co2_g / 1000:.1f} kg ({baseline.co2_g_per_km} g/km) |",
        "",
        f"Saved: {comparison['km_saved']:.0f} km ({comparison['km_saved_pct']:.0f} %), "
        f"{comparison['co2_kg_saved']:.0f} kg CO2 ({comparison['co2_saved_pct']:.0f} %). "
        f"Planned end to end (build, matrix, solve {DEMO_SECONDS} s, check) in {demo['cpu']:.1f} s of CPU "
        f"({demo['elapsed']:.1f} s wall clock); "
        f"checker violations: {len(plan.violations)}.",
        "",
        "| vehicle | round | leaves | back | stops | km | fill rate | CO2 kg |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for day in plan.vehicles:
        for trip in day.trips:
            lines.append(f"| {day.vehicle} | {trip.kind} | {clock(trip.departure)} | {clock(trip.return_time)} | "
                         f"{len(trip.visits)} | {trip.distance_m / 1000:.1f} | {100 * trip.fill_rate:.0f} % | "
                         f"{trip.co2_g / 1000:.1f} |")
    return "\n".join(lines)


def test_write_planning_section():
    if not RESULTS:
        pytest.skip("nothing measured in this run")
    body = [f"Solomon VRPTW through `logistics.planning` (PyVRP 0.14.1), {SOLOMON_SECONDS} s of CPU each, seed 1, one "
            "thread; distance in Solomon's convention (Euclidean truncated to one decimal, fleet free); every plan "
            "re-checked by the independent checker.", "",
            "| instance | distance | best known | gap | vehicles (best known) | CPU s | wall s |",
            "|---|---|---|---|---|---|---|"]
    for name in ("C101", "R101", "RC101"):
        if name in RESULTS:
            r = RESULTS[name]
            body.append(f"| {name} | {r['distance']:.1f} | {r['bks']:.1f} | {r['gap']:.2f} % | "
                        f"{r['vehicles']} ({r['bks_vehicles']}) | {r['cpu']:.1f} | {r['seconds']:.1f} |")
    if "demo" in RESULTS:
        body += ["", _demo_section(RESULTS["demo"])]
    load = os.getloadavg()
    body += ["", f"Load average when written: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (other work shares the "
             "machine; the solver's budget is its own CPU time)."]
    write_section("planning", "\n".join(body),
                  ".venv/bin/python -m pytest -p no:cacheprovider tests/benchmarks/test_planning_benchmark.py "
                  '-o addopts="" -s')
