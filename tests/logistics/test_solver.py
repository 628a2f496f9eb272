"""The PyVRP adapter on a small day: multi-trip, cold chain, optional stops, explanations instead of exceptions."""

from dataclasses import replace

from logistics.planning.checker import check_plan
from logistics.planning.metrics import baseline
from logistics.planning.plan import clock
from logistics.planning.problem import Load, StopKind
from logistics.planning.solver import solve_problem

from .conftest import H, day_builder

CHILLED_STOPS = {"Ferme de Gommegnies", "Relais Bavay", "Relais Landrecies"}


def test_day_is_planned_collect_then_deliver_and_verified(day_problem, day_matrix):
    # when the small day is planned
    plan = solve_problem(day_problem, matrix=day_matrix, time_limit=0.5, seed=1)
    # then the plan is feasible, every stop is served once, and the checker agrees again
    assert plan.violations == () and plan.unserved == () and plan.feasible
    assert check_plan(day_problem, day_matrix, plan) == []
    visited = [visit.stop for trip in plan.trips for visit in trip.visits]
    assert sorted(visited) == sorted(stop.name for stop in day_problem.stops)
    # collection trips come back before noon, delivery trips leave after 13 h
    for trip in plan.trips:
        assert trip.kind in {"collection", "delivery"}
        if trip.kind == "collection":
            assert trip.return_time <= 12 * H
        else:
            assert trip.departure >= 13 * H
    # chilled goods only ever travel in the refrigerated van
    for day in plan.vehicles:
        for trip in day.trips:
            if {visit.stop for visit in trip.visits} & CHILLED_STOPS:
                assert day.vehicle_type == "Fourgon frigo"
    assert plan.distance_m == sum(trip.distance_m for trip in plan.trips) > 0
    assert plan.co2_g > 0 and all(0 <= trip.fill_rate <= 1 for trip in plan.trips)


def test_baseline_is_each_producer_touring_its_own_customers(day_problem, day_matrix):
    # given the distances hub=0, Gommegnies=1, Beaudignies=2, Englefontaine=3, Bavay=4, Landrecies=5, Jolimetz=6
    d = day_matrix.distance
    gommegnies = d(1, 4) + d(4, 5) + d(5, 1) if d(1, 4) <= d(1, 5) else d(1, 5) + d(5, 4) + d(4, 1)
    beaudignies = d(2, 4) + d(4, 2)
    englefontaine = (d(3, 6) + d(6, 5) + d(5, 3)) if d(3, 6) <= d(3, 5) else (d(3, 5) + d(5, 6) + d(6, 3))
    # when the baseline is computed
    figures = baseline(day_problem, day_matrix)
    # then it is three round tours at 200 g/km
    assert figures.journeys == 3
    assert figures.distance_m == gommegnies + beaudignies + englefontaine
    assert figures.co2_g == round(figures.distance_m / 1000 * 200, 1)
    plan = solve_problem(day_problem, matrix=day_matrix, time_limit=0.3, seed=1)
    comparison = plan.comparison()
    assert comparison["km_saved"] == (figures.distance_m - plan.distance_m) / 1000
    assert set(comparison) == {"km_saved", "km_saved_pct", "co2_kg_saved", "co2_saved_pct"}


def test_without_refrigerated_vehicle_chilled_stops_are_explained_not_raised(provider):
    # given the same day with only the car
    problem = day_builder(refrigerated_van=False).build()
    # when planned
    plan = solve_problem(problem, provider=provider, time_limit=0.3, seed=1)
    # then the three chilled stops are set aside with the cold-chain reason and the plan is flagged infeasible
    reasons = {item.stop: item.reason for item in plan.unserved}
    assert set(reasons) >= CHILLED_STOPS
    assert reasons["Ferme de Gommegnies"] == ("30 kg de produits frais et aucun véhicule réfrigéré dans la flotte "
                                              "(chaîne du froid)")
    assert reasons["Vergers de Beaudignies"] == "charge trop grande pour tout véhicule adapté (10 caisses)"
    assert not plan.feasible
    assert "« Relais Bavay » est obligatoire mais n'est dans aucune tournée." in plan.violations


def test_unreachable_windows_and_late_producers_are_explained(provider):
    # given a home whose window closes before anything can reach it, and a producer opening too close to the deadline
    builder = day_builder()
    builder.add_delivery("Domicile Bavay", 50.2934, 3.8027, ambient_kg=5, opens=13 * H, closes=13 * H + 300)
    builder.add_collection("Ferme tardive", 50.2934, 3.8027, ambient_kg=20, opens=11 * H + 3000, closes=12 * H)
    problem = builder.build()
    # when planned
    plan = solve_problem(problem, provider=provider, time_limit=0.3, seed=1)
    # then both are reported with the reason, the rest is planned, and only those two are missing
    reasons = {item.stop: item.reason for item in plan.unserved}
    assert set(reasons) == {"Domicile Bavay", "Ferme tardive"}
    assert reasons["Domicile Bavay"].startswith("plage horaire inatteignable : départ du hub au plus tôt à 13 h 00")
    assert reasons["Domicile Bavay"].endswith("après la fin de la plage (13 h 05)")
    assert reasons["Ferme tardive"].startswith("retour au hub au plus tôt à 12 h")
    assert reasons["Ferme tardive"].endswith("après l'heure limite de collecte (12 h 00)")
    assert sorted(plan.violations) == sorted([
        "« Domicile Bavay » est obligatoire mais n'est dans aucune tournée.",
        "« Ferme tardive » est obligatoire mais n'est dans aucune tournée.",
    ])


def test_optional_stop_is_dropped_when_cheap_and_served_when_its_prize_is_high(provider):
    # given an optional home delivery 20 km away, first with a 1 cent penalty then with a 1000 EUR one
    def with_optional(prize):
        builder = day_builder()
        builder.add_delivery("Domicile Maubeuge", 50.2776, 3.9734, ambient_kg=4, opens=14 * H, closes=18 * H,
                             required=False, prize=prize, category="home")
        return builder.build()

    cheap = solve_problem(with_optional(1), provider=provider, time_limit=0.3, seed=1)
    dear = solve_problem(with_optional(100_000), provider=provider, time_limit=0.3, seed=1)
    # then the cheap one is left out with its reason, without making the plan infeasible
    assert [(u.stop, u.reason) for u in cheap.unserved] == [
        ("Domicile Maubeuge", "facultatif, laissé de côté : le détour coûte plus que sa pénalité")]
    assert cheap.feasible
    assert dear.unserved == () and dear.feasible
    assert "Domicile Maubeuge" in {visit.stop for trip in dear.trips for visit in trip.visits}


def test_fleet_too_small_for_the_day_serves_what_fits_and_names_the_rest(day_problem, day_matrix):
    # given only the van, and the three deliveries all due between 14 h 00 and 14 h 20 in three different towns
    van, _car = day_problem.vehicle_types
    stops = tuple(replace(stop, window=replace(stop.window, start=14 * H, end=14 * H + 1200))
                  if stop.kind is StopKind.DELIVERY else stop for stop in day_problem.stops)
    problem = replace(day_problem, stops=stops, vehicle_types=(van,))
    # when planned
    plan = solve_problem(problem, matrix=day_matrix, time_limit=0.3, seed=1)
    # then the plan drives what fits, names the deliveries it could not fit, and is flagged infeasible for them only
    missing = {u.stop for u in plan.unserved}
    assert plan.notes[0].startswith("Aucune solution avec tous les arrêts en 0.3 s")
    assert missing and missing <= {"Relais Bavay", "Relais Landrecies", "Domicile Jolimetz"}
    assert {u.reason for u in plan.unserved} == {
        "la flotte ne peut pas l'intégrer à une tournée avec les autres arrêts (capacité ou horaires)"}
    assert sorted(plan.violations) == sorted(f"« {name} » est obligatoire mais n'est dans aucune tournée."
                                             for name in missing)
    served = {visit.stop for trip in plan.trips for visit in trip.visits}
    assert served == {stop.name for stop in problem.stops} - missing
    collected = [trip.visits[-1].load_after for trip in plan.trips if trip.kind == "collection"]
    assert sum(collected, Load()) == Load(185, 30, 18)


def test_unreachable_optional_stop_is_explained_and_does_not_make_the_plan_infeasible(provider):
    # given an optional home whose window has closed before deliveries leave the hub
    builder = day_builder()
    builder.add_delivery("Domicile matinal", 50.2285, 3.6859, ambient_kg=3, opens=9 * H, closes=10 * H,
                         required=False, prize=500, category="home")
    problem = builder.build()
    arrival = 13 * H + provider.matrix(problem.points).duration(0, len(problem.stops))
    plan = solve_problem(problem, provider=provider, time_limit=0.3, seed=1)
    # then it is set aside with its reason and the rest of the day stands
    assert [u.stop for u in plan.unserved] == ["Domicile matinal"]
    assert plan.unserved[0].reason == ("plage horaire inatteignable : départ du hub au plus tôt à 13 h 00, arrivée à "
                                       f"{clock(arrival)}, après la fin de la plage (10 h 00)")
    assert plan.feasible and plan.violations == ()
