"""Trip figures (km, CO2 with fill rate), the demo day's data, and the CPU-time stopping criterion."""

import time
from pathlib import Path

import pytest

from logistics.planning.demo_day import build_demo_day, read_communes
from logistics.planning.metrics import plan_from_sequences
from logistics.planning.plan import clock
from logistics.planning.problem import Load, StopKind
from logistics.planning.solver import MaxCpuTime

COMMUNES = Path(__file__).resolve().parents[2] / "backend" / "commerce" / "territory" / "data" / \
    "communes-pays-de-mormal.csv"


def test_co2_grows_with_the_load_on_each_leg(day_problem, day_matrix):
    # given the refrigerated van (260 g/km empty, +20 % at full load, 900 kg of weight capacity) collecting 3 farms
    plan = plan_from_sequences(day_problem, day_matrix, {"Fourgon frigo": [
        ["Vergers de Beaudignies", "Miellerie d'Englefontaine", "Ferme de Gommegnies"]]})
    trip = plan.trips[0]
    d = day_matrix.distance
    # legs: hub -> Beaudignies (2) empty, -> Englefontaine (3) with 120 kg, -> Gommegnies (1) with 145 kg, -> hub 215 kg
    legs = [(d(0, 2), 0), (d(2, 3), 120), (d(3, 1), 145), (d(1, 0), 215)]
    expected_co2 = sum(m / 1000 * 260 * (1 + 0.2 * kg / 900) for m, kg in legs)
    expected_fill = sum(m * kg / 900 for m, kg in legs) / sum(m for m, _ in legs)
    # then
    assert trip.distance_m == sum(m for m, _ in legs)
    assert trip.co2_g == round(expected_co2, 1)
    assert trip.fill_rate == round(expected_fill, 3)
    assert trip.driving_s == day_matrix.duration(0, 2) + day_matrix.duration(2, 3) + day_matrix.duration(3, 1) + \
        day_matrix.duration(1, 0)


def test_clock_formats_french_times():
    assert clock(0) == "00 h 00"
    assert clock(16 * 3600 + 5 * 60 + 59) == "16 h 05"
    assert clock(86_400 + 2 * 3600) == "J+1 02 h 00"


def test_demo_day_is_deterministic_and_its_flows_add_up():
    # when the demo day is built twice from the real communes
    first, second = build_demo_day(COMMUNES), build_demo_day(COMMUNES)
    # then it is the same day, with the announced shape
    assert first == second
    communes = read_communes(COMMUNES)
    assert len(communes) == 52
    deliveries, collections = first.deliveries, first.collections
    assert len(deliveries) == 43
    assert [s.name for s in deliveries[:3]] == ["Point retrait Le Quesnoy", "Point retrait Bavay",
                                                "Point retrait Landrecies"]
    assert sum(1 for s in deliveries if s.category == "relay_point") == 10
    assert sum(1 for s in deliveries if s.category == "home") == 30
    assert 40 <= len(collections) <= 60
    assert first.hub.name == "Hub Le Quesnoy" and deliveries[0].point == first.hub.point
    # every kilo collected is delivered, and homes receive no chilled goods
    assert sum((s.load for s in collections), Load()) == sum((s.load for s in deliveries), Load())
    assert all(s.load.chilled_kg == 0 for s in deliveries if s.category == "home")
    assert all(s.supplies for s in collections)
    assert {s.kind for s in first.stops} == {StopKind.COLLECTION, StopKind.DELIVERY}
    assert [v.name for v in first.vehicle_types] == ["Fourgon frigorifique", "Fourgon", "Voiture"]
    assert [v.refrigerated for v in first.vehicle_types] == [True, False, False]


def test_demo_day_needs_the_three_bourgs(tmp_path):
    partial = tmp_path / "communes.csv"
    partial.write_text("insee,name,postcode,population,lat,lon\n59053,Bavay,59570,3249,50.29340,3.80266\n")
    with pytest.raises(ValueError, match="doit contenir Le Quesnoy, Bavay, Landrecies"):
        build_demo_day(partial)


def test_cpu_time_criterion_ignores_sleeping():
    # given a 0.05 s CPU budget
    stop = MaxCpuTime(0.05)
    assert stop(0) is False  # the first call starts the clock
    # when the process sleeps (no CPU) then burns CPU
    time.sleep(0.1)
    assert stop(0) is False
    deadline = time.process_time() + 0.06
    while time.process_time() < deadline:
        pass
    assert stop(0) is True
