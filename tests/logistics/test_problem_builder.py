"""The builder refuses bad input at once, with a message naming the culprit."""

import pytest

from logistics.planning.problem import Load, ProblemBuilder, StopKind

from .conftest import H, day_builder


def base_builder() -> ProblemBuilder:
    builder = ProblemBuilder()
    builder.set_hub("Hub", 50.25, 3.62, opens=6 * H, closes=20 * H)
    builder.add_vehicle_type("Fourgon", count=1, ambient_kg=500, crates=30, shift_start=7 * H, shift_end=19 * H)
    return builder


def test_builder_produces_frozen_problem_with_hub_first_in_points():
    # given a valid day
    problem = day_builder().build()
    # then the hub is location 0 and stops follow in insertion order
    assert problem.points[0] == problem.hub.point
    assert [s.name for s in problem.stops][:2] == ["Ferme de Gommegnies", "Vergers de Beaudignies"]
    assert len(problem.points) == 7
    assert problem.stop("Relais Bavay").load == Load(120, 15, 12)
    assert problem.stop("Relais Bavay").kind is StopKind.DELIVERY
    assert [s.name for s in problem.collections] == [
        "Ferme de Gommegnies", "Vergers de Beaudignies", "Miellerie d'Englefontaine"]
    with pytest.raises(AttributeError):
        problem.hub.name = "autre"  # type: ignore[misc]


def test_negative_load_is_refused():
    builder = base_builder()
    with pytest.raises(ValueError, match=r"Arrêt « Ferme » : chilled_kg ne peut pas être négatif \(-3\)"):
        builder.add_collection("Ferme", 50.2, 3.6, ambient_kg=10, chilled_kg=-3)


def test_window_ending_before_it_starts_is_refused():
    builder = base_builder()
    with pytest.raises(ValueError, match=r"la fin de la plage horaire \(28800 s\) précède son début \(36000 s\)"):
        builder.add_delivery("Relais", 50.2, 3.6, ambient_kg=10, opens=10 * H, closes=8 * H)


def test_empty_stop_duplicate_name_and_bad_coordinates_are_refused():
    builder = base_builder()
    with pytest.raises(ValueError, match="aucune marchandise"):
        builder.add_delivery("Vide", 50.2, 3.6)
    builder.add_delivery("Relais", 50.2, 3.6, ambient_kg=5)
    with pytest.raises(ValueError, match="« Relais » est déjà utilisé"):
        builder.add_delivery("Relais", 50.3, 3.7, ambient_kg=5)
    with pytest.raises(ValueError, match=r"coordonnées hors du globe \(95.0, 3.6\)"):
        builder.add_delivery("Nulle part", 95.0, 3.6, ambient_kg=5)
    with pytest.raises(ValueError, match="latitude invalide"):
        builder.add_delivery("NaN", float("nan"), 3.6, ambient_kg=5)


def test_prize_only_on_optional_stops_and_non_integer_times_are_refused():
    builder = base_builder()
    with pytest.raises(ValueError, match="pénalité n'a de sens que pour un arrêt facultatif"):
        builder.add_delivery("Relais", 50.2, 3.6, ambient_kg=5, prize=500)
    with pytest.raises(ValueError, match="doit être un entier en secondes, reçu 9.5"):
        builder.add_delivery("Relais", 50.2, 3.6, ambient_kg=5, opens=9.5)


def test_vehicle_cold_chain_consistency_and_count_are_checked():
    builder = base_builder()
    with pytest.raises(ValueError, match=r"une capacité en frais \(100 kg\) exige un véhicule réfrigéré"):
        builder.add_vehicle_type("Voiture", count=1, ambient_kg=100, chilled_kg=100, crates=5, shift_start=0,
                                 shift_end=10)
    with pytest.raises(ValueError, match="un véhicule réfrigéré doit avoir une capacité en frais"):
        builder.add_vehicle_type("Frigo", count=1, ambient_kg=100, crates=5, refrigerated=True, shift_start=0,
                                 shift_end=10)
    with pytest.raises(ValueError, match="il faut au moins un véhicule"):
        builder.add_vehicle_type("Aucun", count=0, ambient_kg=100, crates=5, shift_start=0, shift_end=10)
    with pytest.raises(ValueError, match="ce type de véhicule existe déjà"):
        builder.add_vehicle_type("Fourgon", count=1, ambient_kg=100, crates=5, shift_start=0, shift_end=10)


def test_build_requires_hub_vehicle_stop_timeline_and_known_supplies():
    with pytest.raises(ValueError, match="Le hub n'est pas défini"):
        ProblemBuilder().build()
    no_vehicle = ProblemBuilder()
    no_vehicle.set_hub("Hub", 50.25, 3.62, opens=0, closes=10)
    with pytest.raises(ValueError, match="Aucun véhicule"):
        no_vehicle.build()
    with pytest.raises(ValueError, match="Aucun arrêt"):
        base_builder().build()
    untimed = base_builder()
    untimed.add_collection("Ferme", 50.2, 3.6, ambient_kg=10)
    with pytest.raises(ValueError, match="set_timeline"):
        untimed.build()
    unknown = base_builder()
    unknown.set_timeline(collection_deadline=12 * H, delivery_release=13 * H)
    unknown.add_collection("Ferme", 50.2, 3.6, ambient_kg=10, supplies=["Relais fantôme"])
    with pytest.raises(ValueError, match=r"livre des arrêts inconnus \(Relais fantôme\)"):
        unknown.build()


def test_lookup_of_unknown_vehicle_or_stop_is_a_clear_error():
    problem = day_builder().build()
    with pytest.raises(ValueError, match="Véhicule inconnu : « Tracteur »"):
        problem.vehicle_type("Tracteur")
    with pytest.raises(ValueError, match="Arrêt inconnu : « Mairie »"):
        problem.stop("Mairie")


def test_release_before_collection_deadline_is_refused():
    builder = base_builder()
    with pytest.raises(ValueError, match="Calendrier du jour"):
        builder.set_timeline(collection_deadline=13 * H, delivery_release=12 * H)
