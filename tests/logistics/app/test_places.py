from logistics.models import Stop, Vehicle
from logistics.services.places import Place, split_cold_deliveries


def _relay(crates: int) -> Place:
    return Place("retrait:relais", Stop.Kind.DELIVERY, "Relais", 50.2, 3.7, 46800, 57600, ambient_g=90_000,
                 chilled_g=40_000, crates=crates, parcel_ids=["a", "b", "c"], chilled_parcel_ids=["b"],
                 chilled_crates=8)


def test_a_delivery_too_big_for_the_cold_van_is_split_into_fresh_and_ambient_stops():
    van = Vehicle(name="Fourgon frigo", ambient_kg=600, chilled_kg=300, crates=40, refrigerated=True)
    farm = Place("collecte:ferme", Stop.Kind.COLLECTION, "Ferme", 50.3, 3.7, 25200, 43200, supplies={"retrait:relais"})
    places = split_cold_deliveries([farm, _relay(crates=48)], [van])
    assert [(p.key, p.name, p.crates, p.ambient_kg, p.chilled_kg, p.parcel_ids) for p in places[1:]] == [
        ("retrait:relais", "Relais", 40, 90, 0, ["a", "c"]),
        ("retrait:relais:frais", "Relais (frais)", 8, 0, 40, ["b"])]
    assert places[0].supplies == {"retrait:relais", "retrait:relais:frais"}


def test_a_delivery_that_fits_stays_one_stop():
    van = Vehicle(name="Fourgon frigo", ambient_kg=600, chilled_kg=300, crates=40, refrigerated=True)
    places = split_cold_deliveries([_relay(crates=30)], [van])
    assert [(p.key, p.crates) for p in places] == [("retrait:relais", 30)]
