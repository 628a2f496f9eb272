"""The checker recomputes everything and names each kind of violation on hand-made bad plans."""

from dataclasses import replace

from logistics.planning.checker import check_plan
from logistics.planning.metrics import plan_from_sequences
from logistics.planning.plan import Plan, VehicleDay
from logistics.planning.problem import Load

COLLECT_ALL = ["Vergers de Beaudignies", "Miellerie d'Englefontaine", "Ferme de Gommegnies"]
DELIVER_ALL = ["Relais Bavay", "Relais Landrecies", "Domicile Jolimetz"]


def good_plan(problem, matrix):
    return plan_from_sequences(problem, matrix, {"Fourgon frigo": [COLLECT_ALL, DELIVER_ALL]})


def test_a_sound_hand_made_plan_has_no_violation(day_problem, day_matrix):
    # given the van collecting in the morning and delivering in the afternoon
    plan = good_plan(day_problem, day_matrix)
    # then the checker finds nothing, and the loads on board follow the stops
    assert check_plan(day_problem, day_matrix, plan) == []
    collection, delivery = plan.vehicles[0].trips
    assert collection.kind == "collection" and delivery.kind == "delivery"
    assert collection.visits[-1].load_after == Load(185, 30, 18)
    assert delivery.load_at_departure == Load(185, 30, 18)
    assert delivery.visits[-1].load_after == Load(0, 0, 0)
    assert delivery.departure == 13 * 3600


def test_overload_is_reported_per_dimension(day_problem, day_matrix):
    # given the car (8 crates) collecting the orchard's 10 crates
    plan = plan_from_sequences(day_problem, day_matrix, {"Fourgon frigo": [["Ferme de Gommegnies"], DELIVER_ALL],
                                                         "Voiture": [["Vergers de Beaudignies",
                                                                      "Miellerie d'Englefontaine"]]})
    violations = check_plan(day_problem, day_matrix, plan)
    assert violations == [
        "« Voiture », tournée 1, « Vergers de Beaudignies » : surcharge, 10 caisses à bord pour une capacité de 8.",
        "« Voiture », tournée 1, « Miellerie d'Englefontaine » : surcharge, 12 caisses à bord pour une capacité de 8.",
    ]


def test_chilled_goods_in_a_car_break_the_cold_chain(day_problem, day_matrix):
    plan = plan_from_sequences(day_problem, day_matrix, {"Fourgon frigo": [COLLECT_ALL[:2], DELIVER_ALL],
                                                         "Voiture": [["Ferme de Gommegnies"]]})
    assert check_plan(day_problem, day_matrix, plan) == [
        "« Voiture », tournée 1, « Ferme de Gommegnies » : chaîne du froid rompue, 30 kg frais dans « Voiture » "
        "qui n'est pas réfrigéré.",
    ]


def test_late_arrival_after_window_and_mixed_trip_after_deadline(day_problem, day_matrix):
    # given deliveries in the wrong order (the home first, Bavay after its 16 h closing), then a collection tacked on
    plan = plan_from_sequences(day_problem, day_matrix, {"Fourgon frigo": [
        COLLECT_ALL[1:], ["Domicile Jolimetz", "Relais Bavay", "Relais Landrecies", "Vergers de Beaudignies"]]})
    violations = check_plan(day_problem, day_matrix, plan)
    assert violations == [
        "« Fourgon frigo », tournée 2, « Relais Bavay » : passage à 17 h 21, après la fermeture (16 h 00).",
        "« Fourgon frigo », tournée 2, « Relais Landrecies » : passage à 18 h 02, après la fermeture (16 h 00).",
        "« Fourgon frigo », tournée 2, « Vergers de Beaudignies » : passage à 18 h 31, après la fermeture (12 h 00).",
        "« Fourgon frigo », tournée 2 : la collecte revient au hub à 18 h 43, après l'heure limite (12 h 00).",
    ]


def test_shift_end_is_enforced(day_problem, day_matrix):
    # given a van whose driver stops at 16 h, while the home delivery opens at 17 h
    van = replace(day_problem.vehicle_types[0], shift=replace(day_problem.vehicle_types[0].shift, end=16 * 3600))
    problem = replace(day_problem, vehicle_types=(van, day_problem.vehicle_types[1]))
    plan = good_plan(problem, day_matrix)
    assert check_plan(problem, day_matrix, plan) == [
        "« Fourgon frigo » : fin de service dépassée, retour à 17 h 10 pour une fin prévue à 16 h 00."]


def test_impossible_times_and_early_release_are_caught(day_problem, day_matrix):
    # given a sound plan whose stated times were tampered with
    plan = good_plan(day_problem, day_matrix)
    collection, delivery = plan.vehicles[0].trips
    first = collection.visits[0]
    too_fast = replace(collection, visits=(replace(first, arrival=first.arrival - 600, start=first.arrival - 600,
                                                   departure=first.departure - 600), *collection.visits[1:]))
    early = replace(delivery, departure=12 * 3600)
    tampered = replace(plan, vehicles=(replace(plan.vehicles[0], trips=(too_fast, early)),))
    violations = check_plan(day_problem, day_matrix, tampered)
    assert violations[0].startswith("« Fourgon frigo », tournée 1, « Vergers de Beaudignies » : arrivée annoncée à")
    assert "impossible avant" in violations[0]
    assert "« Fourgon frigo », tournée 1, « Vergers de Beaudignies » : service commencé avant l'arrivée." in violations
    assert ("« Fourgon frigo », tournée 2 : part livrer à 12 h 00, avant que les commandes soient prêtes au hub "
            "(13 h 00).") in violations


def test_missing_and_repeated_stops_are_reported(day_problem, day_matrix):
    plan = plan_from_sequences(day_problem, day_matrix, {"Fourgon frigo": [
        COLLECT_ALL, ["Relais Bavay", "Relais Landrecies"], ["Relais Landrecies"]]})
    violations = check_plan(day_problem, day_matrix, plan)
    assert "« Relais Landrecies » est visité 2 fois au lieu d'une." in violations
    assert "« Domicile Jolimetz » est obligatoire mais n'est dans aucune tournée." in violations
    assert len(violations) == 2


def test_unknown_vehicle_type_and_too_many_vehicles_are_reported(day_problem, day_matrix):
    plan = good_plan(day_problem, day_matrix)
    day = plan.vehicles[0]
    ghost = VehicleDay("Tracteur #1", "Tracteur", ())
    twin = replace(day, vehicle="Fourgon frigo #2", trips=())
    violations = check_plan(day_problem, day_matrix, Plan((day, twin, ghost)))
    assert violations == ["« Fourgon frigo » : 2 véhicules utilisés pour 1 disponibles.",
                          "Véhicule inconnu : « Tracteur »."]


def test_stated_load_and_distance_must_match_the_recomputation(day_problem, day_matrix):
    plan = good_plan(day_problem, day_matrix)
    collection, delivery = plan.vehicles[0].trips
    wrong = replace(delivery, load_at_departure=Load(10, 0, 0), distance_m=delivery.distance_m - 1000)
    violations = check_plan(day_problem, day_matrix, replace(plan, vehicles=(
        replace(plan.vehicles[0], trips=(collection, wrong)),)))
    assert violations == [
        "« Fourgon frigo », tournée 2 : chargement annoncé au départ (10 kg ambiants, 0 kg frais, 0 caisses) différent "
        "des livraisons de la tournée (185 kg ambiants, 30 kg frais, 18 caisses).",
        f"« Fourgon frigo », tournée 2 : distance annoncée {wrong.distance_m} m, recalculée {delivery.distance_m} m.",
    ]


def test_multi_trip_on_a_vehicle_that_cannot_reload_is_reported(day_problem, day_matrix):
    van = replace(day_problem.vehicle_types[0], reloads=False)
    problem = replace(day_problem, vehicle_types=(van, day_problem.vehicle_types[1]))
    plan = good_plan(problem, day_matrix)
    assert check_plan(problem, day_matrix, plan) == [
        "« Fourgon frigo » : 2 tournées alors que ce véhicule ne repasse pas au hub."]
