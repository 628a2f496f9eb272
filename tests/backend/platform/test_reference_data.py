from decimal import Decimal

import pytest

from backend.commerce.territory.models import Commune, PublicPlace
from backend.commerce.territory.services import reference_data_load


@pytest.mark.django_db
def test_reference_data_loads_the_52_communes_of_the_pays_de_mormal():
    # given an empty territory
    assert Commune.objects.count() == 0

    # when the reference data is loaded
    result = reference_data_load()

    # then the 52 communes (COG 2026) are there with their legal population
    assert (result.communes, result.libraries, result.france_services) == (52, 20, 1)
    assert Commune.objects.count() == 52
    assert sum(Commune.objects.values_list("population", flat=True)) == 48048


@pytest.mark.django_db
def test_communes_carry_postcodes_coordinates_and_the_three_bourgs_centres():
    # when
    reference_data_load()

    # then
    le_quesnoy = Commune.objects.get(insee="59481")
    assert (le_quesnoy.name, le_quesnoy.slug, le_quesnoy.postcodes) == ("Le Quesnoy", "le-quesnoy", ["59530"])
    assert (le_quesnoy.latitude, le_quesnoy.longitude) == (Decimal("50.25066"), Decimal("3.62397"))
    assert Commune.objects.get(name="L'Orée de Mormal").postcodes == ["59144", "59570"]
    assert sorted(Commune.objects.filter(is_bourg_centre=True).values_list("name", flat=True)) == [
        "Bavay", "Landrecies", "Le Quesnoy"]


@pytest.mark.django_db
def test_public_places_keep_the_doubts_of_the_sources():
    # when
    reference_data_load()

    # then 20 libraries in 19 communes and one France services
    libraries = PublicPlace.objects.filter(kind=PublicPlace.Kind.LIBRARY)
    assert libraries.count() == 20
    assert libraries.values("commune").distinct().count() == 19
    france_services = PublicPlace.objects.get(kind=PublicPlace.Kind.FRANCE_SERVICES)
    assert (france_services.name, france_services.commune_id, france_services.postcode) == (
        "France services Landrecies", "59331", "59530")
    assert "59550" in france_services.note
    # Ruesnes' point lies in another commune: flagged; the departmental library has no coordinates
    ruesnes = libraries.get(source_id="LI8634")
    assert ruesnes.location_doubtful is True
    assert "Louvignies-Quesnoy" in ruesnes.note
    departmental = libraries.get(source_id="BD2546")
    assert (departmental.latitude, departmental.longitude) == (None, None)
    assert libraries.filter(location_doubtful=True).count() == 1
    # "Aucun", "non"... in the website column of the source mean no website
    assert libraries.get(source_id="LI8579").website == ""
    assert libraries.get(source_id="LI2522").website == "http://www.mediatheque-landrecies.net"


@pytest.mark.django_db
def test_loading_twice_updates_in_place_without_duplicates():
    # given a loaded territory whose data was altered by hand
    reference_data_load()
    Commune.objects.filter(insee="59053").update(population=1, is_bourg_centre=False)

    # when it is loaded again
    reference_data_load()

    # then the same rows hold the source values again
    assert Commune.objects.count() == 52
    assert PublicPlace.objects.count() == 21
    bavay = Commune.objects.get(insee="59053")
    assert (bavay.population, bavay.is_bourg_centre) == (3249, True)
