"""A small, hand-checkable distribution day around Le Quesnoy, shared by the planning tests (no database)."""

import pytest

from logistics.planning.distances import HaversineProvider
from logistics.planning.problem import ProblemBuilder

H = 3600


def day_builder(*, refrigerated_van: bool = True) -> ProblemBuilder:
    """Hub at Le Quesnoy, 3 producers (one with chilled goods), 2 pickup points and a home, a van and a car."""
    builder = ProblemBuilder()
    builder.set_hub("Hub Le Quesnoy", 50.25066, 3.62397, opens=6 * H, closes=20 * H, reload_seconds=900)
    builder.set_timeline(collection_deadline=12 * H, delivery_release=13 * H)
    builder.add_collection("Ferme de Gommegnies", 50.26521, 3.70821, ambient_kg=40, chilled_kg=30, crates=6,
                           opens=7 * H, closes=11 * H, supplies=["Relais Bavay", "Relais Landrecies"])
    builder.add_collection("Vergers de Beaudignies", 50.22940, 3.58540, ambient_kg=120, crates=10,
                           opens=8 * H, closes=12 * H, supplies=["Relais Bavay"])
    builder.add_collection("Miellerie d'Englefontaine", 50.19287, 3.64085, ambient_kg=25, crates=2,
                           opens=7 * H, closes=10 * H, supplies=["Relais Landrecies", "Domicile Jolimetz"])
    builder.add_delivery("Relais Bavay", 50.29340, 3.80266, ambient_kg=120, chilled_kg=15, crates=12,
                         opens=14 * H, closes=16 * H)
    builder.add_delivery("Relais Landrecies", 50.12012, 3.68896, ambient_kg=60, chilled_kg=15, crates=5,
                         opens=14 * H, closes=16 * H)
    builder.add_delivery("Domicile Jolimetz", 50.22849, 3.68593, ambient_kg=5, crates=1, opens=17 * H,
                         closes=19 * H, service_seconds=120, category="home")
    if refrigerated_van:
        builder.add_vehicle_type("Fourgon frigo", count=1, ambient_kg=600, chilled_kg=300, crates=40,
                                 refrigerated=True, shift_start=7 * H, shift_end=19 * H + 1800, cost_per_km=35,
                                 co2_g_per_km=260, co2_full_load_extra=0.2)
    builder.add_vehicle_type("Voiture", count=1, ambient_kg=150, crates=8, shift_start=7 * H,
                             shift_end=19 * H + 1800, cost_per_km=20, co2_g_per_km=150)
    return builder


@pytest.fixture
def day_problem():
    return day_builder().build()


@pytest.fixture
def provider():
    return HaversineProvider()


@pytest.fixture
def day_matrix(day_problem, provider):
    return provider.matrix(day_problem.points)
