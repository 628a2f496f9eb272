"""Solomon VRPTW through the planning library and the `comptoir vrptw` command."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from logistics.planning.checker import check_plan
from logistics.planning.distances import EuclideanProvider
from logistics.planning.solomon import best_known, read_solomon, solve_solomon

DATA = Path(__file__).resolve().parents[1] / "data" / "solomon"


def test_solomon_file_becomes_a_planar_problem_scaled_by_ten():
    problem = read_solomon(DATA / "C101_25.txt")
    assert problem.planar and len(problem.stops) == 25
    assert problem.hub.opening.end == 12360
    first = problem.stop("1")
    assert (first.point.lon, first.point.lat) == (45.0, 68.0)
    assert (first.window.start, first.window.end, first.service_seconds) == (9120, 9670, 900)
    assert first.load.ambient_kg == 10
    vehicle = problem.vehicle_types[0]
    assert (vehicle.count, vehicle.capacity.ambient_kg, vehicle.reloads) == (25, 200, False)


def test_c101_25_is_solved_near_the_optimum_and_verified():
    # given the 25-customer C101 (optimum 191.3 with 3 vehicles)
    optimum, _vehicles = best_known(DATA / "C101_25.txt")
    # when solved for one second
    result = solve_solomon(DATA / "C101_25.txt", time_limit=1, seed=1)
    # then the plan is feasible per the checker and within 2 % of the optimum
    assert result.feasible and result.plan.violations == ()
    assert optimum == 191.3
    assert optimum <= result.distance <= optimum * 1.02
    problem = read_solomon(DATA / "C101_25.txt")
    assert check_plan(problem, EuclideanProvider().matrix(problem.points), result.plan) == []
    assert sum(len(trip.visits) for trip in result.plan.trips) == 25
    assert result.vehicles == len(result.plan.vehicles) >= 3


def test_best_known_values_are_read_from_bks_csv():
    assert best_known(DATA / "R101.txt") == (1637.7, 20)
    assert best_known(DATA / "RC101_25.txt") == (461.1, 4)
    assert best_known(DATA / "unknown.txt") is None


def test_vrptw_command_prints_one_json_object():
    out = io.StringIO()
    call_command("vrptw", str(DATA / "C101_25.txt"), "--time-limit", "1", "--seed", "1", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    payload = json.loads(lines[0])
    assert set(payload) == {"distance", "vehicles", "feasible", "seconds", "instance"}
    assert payload["instance"] == "C101_25" and payload["feasible"] is True
    assert 191.3 <= payload["distance"] <= 191.3 * 1.02
    assert payload["distance"] == round(payload["distance"], 1)
    assert 0.9 <= payload["seconds"] < 5


def test_vrptw_command_refuses_missing_or_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("vrptw", str(tmp_path / "absent.txt"), "--time-limit", "1")
    garbage = tmp_path / "garbage.txt"
    garbage.write_text("ceci n'est pas une instance\n")
    with pytest.raises(CommandError, match="Instance illisible \\(garbage.txt\\)"):
        call_command("vrptw", str(garbage), "--time-limit", "1")
    with pytest.raises(CommandError, match="--time-limit doit être positif"):
        call_command("vrptw", str(DATA / "C101_25.txt"), "--time-limit", "0")
