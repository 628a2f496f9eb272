"""The roadmap's GraphQL fields, added by the plugin through the schema hooks: exact values, codes, query counts."""

import base64
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plugins.roadmap.models import Registration
from plugins.roadmap.services import workshop_register

WORKSHOPS = """
query Workshops($commune: String, $first: Int) {
  workshops(commune: $commune, first: $first) {
    totalCount
    edges { node { id title themeLabel capacity seatsBooked seatsLeft isFull isPast isDemo address
                   commune { id name workshopsHeld workshopsPlanned } venue { name kind } } }
  }
}"""
REGISTER = """
mutation Register($input: WorkshopRegisterInput!) {
  workshopRegister(input: $input) {
    registration { id name email seats isCancelled workshop { id seatsLeft } }
    errors { field message code }
  }
}"""
CANCEL = """
mutation Cancel($token: String!) {
  workshopRegistrationCancel(token: $token) {
    registration { isCancelled workshop { seatsLeft } }
    errors { field message code }
  }
}"""


def gid(type_name, pk):
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@pytest.mark.django_db
def test_workshops_lists_upcoming_ones_with_places_commune_and_venue(api_client, make_workshop, bavay_library):
    # given a workshop at Bavay's library with 2 of 8 places taken, one over, one cancelled
    soon = make_workshop(title="Démarches en ligne", theme="demarches", capacity=8, venue=bavay_library,
                         venue_address="")
    workshop_register(workshop_id=soon.pk, name="Marie", email="marie@exemple.fr", seats=2)
    make_workshop(starts_at=timezone.now() - timedelta(days=10))
    make_workshop(is_cancelled=True, starts_at=timezone.now() + timedelta(days=9))

    # when
    data = api_client.query(WORKSHOPS, {"first": 10})["data"]["workshops"]

    # then the upcoming ones only (the cancelled one is listed, flagged), with exact values
    assert data["totalCount"] == 2
    first = data["edges"][0]["node"]
    assert first == {
        "id": gid("Workshop", soon.pk), "title": "Démarches en ligne",
        "themeLabel": "Démarches administratives en ligne", "capacity": 8, "seatsBooked": 2, "seatsLeft": 6,
        "isFull": False, "isPast": False, "isDemo": False,
        "address": "Bibliothèque Municipale De Bavay, rue des Juifs",
        "commune": {"id": gid("Commune", "59053"), "name": "Bavay", "workshopsHeld": 1, "workshopsPlanned": 1},
        "venue": {"name": "Bibliothèque Municipale De Bavay", "kind": "LIBRARY"},
    }


@pytest.mark.django_db
def test_workshops_filter_by_commune_slug_or_insee(api_client, make_workshop, jenlain):
    make_workshop()
    make_workshop(commune=jenlain)

    by_slug = api_client.query(WORKSHOPS, {"commune": "jenlain", "first": 5})["data"]["workshops"]
    by_insee = api_client.query(WORKSHOPS, {"commune": "59326", "first": 5})["data"]["workshops"]

    assert [e["node"]["commune"]["name"] for e in by_slug["edges"]] == ["Jenlain"]
    assert by_insee["totalCount"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 12])
def test_workshops_query_count_does_not_grow_with_the_page(api_client, make_workshop, bavay_library, jenlain, count):
    for n in range(count):
        make_workshop(commune=jenlain if n % 2 else bavay_library.commune, venue=bavay_library if n % 3 else None,
                      starts_at=timezone.now() + timedelta(days=n + 1))

    with CaptureQueriesContext(connection) as queries:
        data = api_client.query(WORKSHOPS, {"first": 20})["data"]["workshops"]

    assert len(data["edges"]) == count
    # page, count, communes (one batch), places (one batch)
    assert len(queries.captured_queries) == 4


@pytest.mark.django_db
def test_workshop_by_id_and_a_malformed_id(api_client, make_workshop):
    workshop = make_workshop(capacity=5)
    query = "query W($id: ID!) { workshop(id: $id) { title capacity seatsLeft } }"

    found = api_client.query(query, {"id": gid("Workshop", workshop.pk)})
    missing = api_client.query(query, {"id": gid("Workshop", workshop.pk + 1000)})
    wrong = api_client.query(query, {"id": gid("Product", workshop.pk)})

    assert found["data"]["workshop"] == {"title": "Premiers pas avec la tablette", "capacity": 5, "seatsLeft": 5}
    assert missing["data"]["workshop"] is None
    assert wrong["errors"][0]["message"] == f"Invalid ID: {gid('Product', workshop.pk)}. Expected: Workshop."


@pytest.mark.django_db
def test_roadmap_communes_count_workshops_held_and_planned(api_client, make_workshop, jenlain):
    make_workshop(starts_at=timezone.now() - timedelta(days=20))
    make_workshop(starts_at=timezone.now() - timedelta(days=40))
    make_workshop()
    make_workshop(starts_at=timezone.now() - timedelta(days=5), is_cancelled=True)

    with CaptureQueriesContext(connection) as queries:
        data = api_client.query("{ roadmapCommunes { name slug latitude longitude isBourgCentre workshopsHeld "
                                "workshopsPlanned } }")["data"]["roadmapCommunes"]

    assert data == [
        {"name": "Bavay", "slug": "bavay", "latitude": 50.2934, "longitude": 3.80266, "isBourgCentre": True,
         "workshopsHeld": 2, "workshopsPlanned": 1},
        {"name": "Jenlain", "slug": "jenlain", "latitude": 50.3108, "longitude": 3.6314, "isBourgCentre": False,
         "workshopsHeld": 0, "workshopsPlanned": 0},
    ]
    assert len(queries.captured_queries) == 1


@pytest.mark.django_db
def test_public_places_by_kind(api_client, bavay_library):
    query = "query P($kind: PublicPlaceKind) { publicPlaces(kind: $kind) { name kind kindLabel address latitude " \
            "locationDoubtful openingHours commune { name } } }"

    libraries = api_client.query(query, {"kind": "LIBRARY"})["data"]["publicPlaces"]
    tiers_lieux = api_client.query(query, {"kind": "TIERS_LIEU"})["data"]["publicPlaces"]

    assert libraries == [{"name": "Bibliothèque Municipale De Bavay", "kind": "LIBRARY",
                          "kindLabel": "Bibliothèque publique", "address": "rue des Juifs", "latitude": 50.297293,
                          "locationDoubtful": False, "openingHours": "", "commune": {"name": "Bavay"}}]
    assert tiers_lieux == []


@pytest.mark.django_db
def test_register_mutation_books_places_anonymously(api_client, make_workshop):
    workshop = make_workshop(capacity=3)

    data = api_client.query(REGISTER, {"input": {"workshopId": gid("Workshop", workshop.pk), "name": "Jean Martin",
                                                 "email": "jean@exemple.fr", "seats": 2}})["data"]["workshopRegister"]

    registration = Registration.objects.get()
    assert data == {"errors": [], "registration": {
        "id": gid("WorkshopRegistration", registration.pk), "name": "Jean Martin", "email": "jean@exemple.fr",
        "seats": 2, "isCancelled": False, "workshop": {"id": gid("Workshop", workshop.pk), "seatsLeft": 1}}}


@pytest.mark.django_db
def test_register_mutation_returns_typed_errors(api_client, make_workshop):
    workshop = make_workshop(capacity=1)
    workshop_register(workshop_id=workshop.pk, name="Marie", email="marie@exemple.fr")

    full = api_client.query(REGISTER, {"input": {"workshopId": gid("Workshop", workshop.pk), "name": "Jean",
                                                 "email": "jean@exemple.fr"}})["data"]["workshopRegister"]
    unknown = api_client.query(REGISTER, {"input": {"workshopId": gid("Product", 1), "name": "Jean",
                                                    "email": "jean@exemple.fr"}})["data"]["workshopRegister"]
    invalid = api_client.query(REGISTER, {"input": {"workshopId": gid("Workshop", workshop.pk), "name": "Jean",
                                                    "email": "jean", "seats": 0}})["data"]["workshopRegister"]

    assert full == {"registration": None, "errors": [
        {"field": "workshopId", "message": "Cet atelier est complet : il ne reste plus de place.", "code": "FULL"}]}
    assert unknown["errors"] == [{"field": "workshopId", "message": "Identifiant d'atelier invalide.",
                                  "code": "NOT_FOUND"}]
    assert [(e["field"], e["code"]) for e in invalid["errors"]] == [("email", "INVALID"), ("seats", "INVALID")]
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_cancel_mutation_frees_the_place_and_refuses_a_wrong_token(api_client, make_workshop):
    workshop = make_workshop(capacity=2)
    registration = workshop_register(workshop_id=workshop.pk, name="Marie", email="marie@exemple.fr", seats=2)

    wrong = api_client.query(CANCEL, {"token": "faux"})["data"]["workshopRegistrationCancel"]
    done = api_client.query(CANCEL, {"token": registration.cancellation_token})["data"]["workshopRegistrationCancel"]
    again = api_client.query(CANCEL, {"token": registration.cancellation_token})["data"]["workshopRegistrationCancel"]

    assert wrong == {"registration": None, "errors": [
        {"field": "token", "message": "Ce lien d'annulation n'est pas valide.", "code": "NOT_FOUND"}]}
    assert done == {"registration": {"isCancelled": True, "workshop": {"seatsLeft": 2}}, "errors": []}
    assert again["errors"][0]["code"] == "CANCELLED"


@pytest.mark.django_db
def test_the_cancellation_token_is_never_exposed(api_client):
    result = api_client.query('{ __type(name: "WorkshopRegistration") { fields { name } } }')

    names = {f["name"] for f in result["data"]["__type"]["fields"]}
    assert names == {"id", "name", "email", "seats", "createdAt", "cancelledAt", "isCancelled", "workshop"}
