"""Re-planning during a round: a vehicle starts from its last finished stop, when it finished there, with what it
carries; goods on board stay with it; the independent checker verifies those rounds too."""

from dataclasses import replace

import pytest

from logistics.planning.checker import check_plan
from logistics.planning.distances import HaversineProvider
from logistics.planning.metrics import plan_from_sequences
from logistics.planning.plan import Plan, clock
from logistics.planning.problem import Load, ProblemBuilder
from logistics.planning.solver import solve_problem

H = 3600
BAVAY = (50.29340, 3.80266)
DONE_AT = 14 * H + 1800  # the van finished at the Bavay relay point at 14:30


def afternoon(*, carried_ambient_kg=10, on_board=("Relais Landrecies",), landrecies_closes=17 * H,
              at=DONE_AT) -> ProblemBuilder:
    """The van left the hub at 13:00 with Bavay and Landrecies, dropped Bavay (one parcel refused: 10 kg back to the
    hub); a home delivery waits at the hub; the car has not left."""
    builder = ProblemBuilder()
    builder.set_hub("Hub Le Quesnoy", 50.25066, 3.62397, opens=6 * H, closes=20 * H, reload_seconds=900)
    builder.set_timeline(collection_deadline=12 * H, delivery_release=13 * H)
    builder.add_delivery("Relais Landrecies", 50.12012, 3.68896, ambient_kg=60, chilled_kg=15, crates=5,
                         opens=14 * H, closes=landrecies_closes)
    builder.add_delivery("Domicile Jolimetz", 50.22849, 3.68593, ambient_kg=5, crates=1, opens=15 * H,
                         closes=19 * H, service_seconds=120, category="home")
    builder.add_vehicle_type("Fourgon frigo", count=1, ambient_kg=600, chilled_kg=300, crates=40, refrigerated=True,
                             shift_start=7 * H, shift_end=19 * H + 1800, cost_per_km=35, co2_g_per_km=260)
    builder.add_vehicle_type("Voiture", count=1, ambient_kg=150, crates=8, shift_start=7 * H,
                             shift_end=19 * H + 1800, cost_per_km=20, co2_g_per_km=150)
    builder.set_vehicle_start("Fourgon frigo", place="Relais Bavay", lat=BAVAY[0], lon=BAVAY[1], at=at,
                              carried_ambient_kg=carried_ambient_kg, on_board=list(on_board))
    return builder


@pytest.fixture
def problem():
    return afternoon().build()


@pytest.fixture
def matrix(problem):
    return HaversineProvider().matrix(problem.points)


def test_the_start_position_is_an_extra_location_after_the_stops(problem):
    assert len(problem.points) == 4  # hub, 2 stops, the van's position
    assert problem.start_index("Fourgon frigo") == 3
    assert problem.points[3].lat == BAVAY[0]
    assert problem.carrier("Relais Landrecies") == "Fourgon frigo"
    assert problem.carrier("Domicile Jolimetz") is None
    with pytest.raises(ValueError, match="« Voiture » n'a pas de position de départ : il part du hub."):
        problem.start_index("Voiture")


def test_the_van_continues_from_its_last_stop_with_what_it_carries(problem, matrix):
    plan = solve_problem(problem, matrix=matrix, time_limit=0.5, seed=1)

    assert plan.violations == () and plan.unserved == ()
    van = next(day for day in plan.vehicles if day.vehicle_type == "Fourgon frigo")
    first = van.trips[0]
    here, landrecies = problem.start_index("Fourgon frigo"), problem.stop_index("Relais Landrecies") + 1
    assert first.from_start is True
    assert first.departure == DONE_AT
    assert [visit.stop for visit in first.visits] == ["Relais Landrecies"]
    # the first new stop: no earlier than the end of the last done stop plus the drive from there
    assert first.visits[0].arrival == DONE_AT + matrix.duration(here, landrecies)
    assert first.load_at_departure == Load(70, 15, 5)  # Landrecies' goods and the refused parcel
    assert first.visits[0].load_after == Load(10, 0, 0)  # the refused parcel goes back to the hub
    assert first.distance_m == matrix.distance(here, landrecies) + matrix.distance(landrecies, 0)
    # the home delivery's goods are at the hub: never on the van's way from Bavay
    served_from_hub = [visit.stop for day in plan.vehicles for trip in day.trips if not trip.from_start
                       for visit in trip.visits]
    assert served_from_hub == ["Domicile Jolimetz"]


def test_the_checker_refuses_on_board_goods_left_to_another_vehicle(problem, matrix):
    plan = plan_from_sequences(problem, matrix, {"Fourgon frigo": [[]],
                                                 "Voiture": [["Relais Landrecies", "Domicile Jolimetz"]]})
    assert check_plan(problem, matrix, plan) == [
        "« Relais Landrecies » : ses colis sont à bord de « Fourgon frigo », qui doit les livrer avant de repasser "
        "au hub (prévu dans « Voiture », tournée depuis le hub).",
        "« Voiture », tournée 1, départ du hub : chaîne du froid rompue, 15 kg frais dans « Voiture » qui n'est pas "
        "réfrigéré.",
    ]


def test_the_checker_refuses_a_delivery_from_the_road_whose_goods_are_at_the_hub(problem, matrix):
    plan = plan_from_sequences(problem, matrix, {"Fourgon frigo": [["Relais Landrecies", "Domicile Jolimetz"]]})
    assert check_plan(problem, matrix, plan) == [
        "« Fourgon frigo », tournée 1 : livre « Domicile Jolimetz » depuis « Relais Bavay », mais ses colis sont au "
        "hub : il faut d'abord y repasser."]


def test_the_checker_accepts_the_van_going_back_to_the_hub_then_delivering(problem, matrix):
    plan = plan_from_sequences(problem, matrix, {"Fourgon frigo": [["Relais Landrecies"], ["Domicile Jolimetz"]]})
    assert check_plan(problem, matrix, plan) == []
    first, second = plan.vehicles[0].trips
    assert first.from_start and not second.from_start
    assert second.departure == first.return_time + 900  # back at the hub, unloaded and loaded again


def test_the_checker_refuses_leaving_before_the_last_stop_was_finished(problem, matrix):
    plan = plan_from_sequences(problem, matrix, {"Fourgon frigo": [["Relais Landrecies"]]})
    early = replace(plan.vehicles[0].trips[0], departure=DONE_AT - 60)
    violations = check_plan(problem, matrix, Plan((replace(plan.vehicles[0], trips=(early,)),)))
    assert violations == ["« Fourgon frigo », tournée 1 : repart de « Relais Bavay » à 14 h 29, avant d'y avoir "
                          "fini (14 h 30).", "« Domicile Jolimetz » est obligatoire mais n'est dans aucune tournée."]


def test_the_checker_refuses_a_trip_from_the_hub_before_the_van_can_be_back(problem, matrix):
    plan = plan_from_sequences(problem, matrix, {"Fourgon frigo": [[], ["Domicile Jolimetz"]],
                                                 "Voiture": []})
    assert plan.vehicles[0].trips[0].from_start is False
    back = DONE_AT + matrix.duration(problem.start_index("Fourgon frigo"), 0) + 900
    hurried = replace(plan.vehicles[0].trips[0], departure=back - 120)
    violations = check_plan(problem, matrix, Plan((replace(plan.vehicles[0], trips=(hurried,)),)))
    assert violations[0] == (f"« Fourgon frigo », tournée 1 : repart du hub à {clock(back - 120)}, mais « Fourgon "
                             f"frigo » est encore à « Relais Bavay » à 14 h 30 : pas avant {clock(back)}.")


def test_what_the_van_carries_counts_against_its_capacity(matrix):
    heavy = afternoon(carried_ambient_kg=560).build()
    plan = plan_from_sequences(heavy, matrix, {"Fourgon frigo": [["Relais Landrecies"], ["Domicile Jolimetz"]]})
    assert check_plan(heavy, matrix, plan) == [
        "« Fourgon frigo », tournée 1, départ de « Relais Bavay » : surcharge, 620 kg ambiants à bord pour une "
        "capacité de 600."]
    solved = solve_problem(heavy, matrix=matrix, time_limit=0.5, seed=1)
    assert [u.stop for u in solved.unserved] == ["Relais Landrecies"]  # on board, but cannot all fit: reported


def test_an_on_board_delivery_out_of_reach_from_where_the_van_is_is_explained(matrix):
    late = afternoon(at=16 * H + 50 * 60, landrecies_closes=17 * H).build()
    plan = solve_problem(late, matrix=matrix, time_limit=0.5, seed=1)
    arrival = 16 * H + 50 * 60 + matrix.duration(late.start_index("Fourgon frigo"), 1)
    assert [(u.stop, u.reason) for u in plan.unserved] == [(
        "Relais Landrecies", f"plage horaire inatteignable : départ de « Relais Bavay » au plus tôt à 16 h 50, "
                             f"arrivée à {clock(arrival)}, après la fin de la plage (17 h 00)")]


@pytest.mark.parametrize(("call", "message"), [
    (lambda b: b.set_vehicle_start("Tracteur", place="Bavay", lat=50.3, lon=3.8, at=0),
     "Véhicule « Tracteur » inconnu : ajoutez-le avant de fixer sa position."),
    (lambda b: b.set_vehicle_start("Voiture", place="Bavay", lat=50.3, lon=3.8, at=0, carried_chilled_kg=4),
     "Véhicule « Voiture » : 4 kg frais à bord d'un véhicule qui n'est pas réfrigéré."),
    (lambda b: b.set_vehicle_start("Voiture", place="Bavay", lat=50.3, lon=3.8, at=0,
                                   on_board=["Relais Landrecies"]),
     "Véhicule « Voiture » : Relais Landrecies déjà à bord d'un autre véhicule."),
    (lambda b: b.set_vehicle_start("Fourgon frigo", place="Bavay", lat=50.3, lon=3.8, at=0),
     "Véhicule « Fourgon frigo » : sa position de départ est déjà fixée (« Relais Bavay »)."),
])
def test_the_builder_refuses_impossible_starts(call, message):
    with pytest.raises(ValueError) as error:
        call(afternoon())
    assert str(error.value) == message


def test_on_board_goods_must_be_deliveries_of_the_problem():
    builder = afternoon(on_board=("Relais Landrecies", "Relais Bavay"))
    with pytest.raises(ValueError) as error:
        builder.build()
    assert str(error.value) == ("Véhicule « Fourgon frigo » : Relais Bavay à bord, mais ce ne sont pas des "
                                "livraisons du problème.")


def test_a_van_still_out_after_its_shift_gets_no_trip_and_its_goods_are_explained(matrix):
    overtime = afternoon(at=19 * H + 45 * 60, landrecies_closes=23 * H).build()
    plan = solve_problem(overtime, matrix=matrix, time_limit=0.5, seed=1)
    assert plan.violations == ("« Relais Landrecies » est obligatoire mais n'est dans aucune tournée.",)
    assert [day.vehicle_type for day in plan.vehicles] == ["Voiture"]
    assert [u.stop for u in plan.unserved] == ["Relais Landrecies"]
    here = overtime.start_index("Fourgon frigo")
    back = 19 * H + 45 * 60 + matrix.duration(here, 1) + 300 + matrix.duration(1, 0)
    assert plan.unserved[0].reason == (f"retour au hub au plus tôt à {clock(back)}, après la fin de service de "
                                       "« Fourgon frigo » (19 h 30)")
