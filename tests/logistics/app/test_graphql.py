import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.commerce.account.tokens import create_access_token
from backend.core.ids import to_global_id
from logistics.models import PickupSlot, SlotBooking, Stop
from tests import factories
from tests.logistics.app import builders
from tests.utils import ApiClient

ROUND = """query R($id: ID!) { round(id: $id) { number kind vehicleName stops { name kind status
  parcels { code status chilled } } } }"""
MY_ROUNDS = """{ myRounds(date: "2030-05-17") { id kind courierEmail stops { name } } }"""
DAYS = """{ distributionDays { date status hubName rounds { kind stops { name parcels { code } } } } }"""
MARK_DONE = """mutation M($id: ID!, $key: String) { stopMarkDone(id: $id, clientActionId: $key) {
  stop { status } errors { field code message } } }"""
PROBLEM = """mutation P($id: ID!) { stopReportProblem(id: $id, problem: ABSENT, note: "Volets fermés") {
  stop { status problem note } errors { code message } } }"""
BOOK = """mutation B($c: ID!, $s: ID!) { pickupSlotBook(checkoutId: $c, slotId: $s) {
  slot { placesLeft start end pickupPointName } errors { field code message } } }"""


def api(user=None) -> ApiClient:
    return ApiClient(create_access_token(user) if user else None)


@pytest.mark.django_db
def test_courier_sees_own_round_other_courier_and_customer_see_nothing(planned_day):
    round_ = planned_day.courier.rounds.get(kind="delivery")
    variables = {"id": to_global_id("Round", round_.pk)}
    mine = api(planned_day.courier.user).query(ROUND, variables)["data"]["round"]
    assert (mine["kind"], mine["vehicleName"], [s["name"] for s in mine["stops"]]) == (
        "DELIVERY", "Fourgon frigo", [s.name for s in round_.stops.order_by("position")])
    assert sorted(p["status"] for s in mine["stops"] for p in s["parcels"]) == ["WAITING"] * 3
    other = builders.courier("autre@example.fr")
    assert api(other.user).query(ROUND, variables)["data"]["round"] is None
    assert api(factories.user()).query(ROUND, variables)["data"]["round"] is None
    anonymous = api().query(ROUND, variables)
    assert anonymous["data"]["round"] is None
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert len(api(planned_day.courier.user).query(MY_ROUNDS)["data"]["myRounds"]) == 2
    assert api(other.user).query(MY_ROUNDS)["data"]["myRounds"] == []


@pytest.mark.django_db
def test_distribution_days_need_the_logistics_permission_and_load_in_fixed_queries(planned_day, manager):
    refused = api(planned_day.courier.user).query(DAYS)
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    client = api(manager)
    with CaptureQueriesContext(connection) as queries:
        days = client.query(DAYS)["data"]["distributionDays"]
    assert [(d["date"], d["status"], d["hubName"]) for d in days] == [("2030-05-17", "PLANNED", "Hub Le Quesnoy")]
    assert sorted(len(r["stops"]) for r in days[0]["rounds"]) == [2, 2]
    baseline = len(queries)
    builders.order(items=[(builders.product_at(planned_day.farm), 1)], home_insee="59331")
    from logistics.services.planning import plan_rounds

    assert plan_rounds(day_id=planned_day.day.pk, time_limit=0.5).ok
    with CaptureQueriesContext(connection) as more:
        client.query(DAYS)
    assert len(more) == baseline  # one more stop, same number of queries


@pytest.mark.django_db
def test_courier_marks_done_and_reports_a_problem_other_courier_gets_not_yours(planned_day):
    stops = Stop.objects.filter(round__courier=planned_day.courier)
    collection = stops.get(key="collecte:vergers-de-beaudignies")
    home = stops.get(key=f"domicile:{planned_day.home_order.number}")
    other = builders.courier("autre@example.fr")
    refused = api(other.user).query(MARK_DONE, {"id": to_global_id("Stop", collection.pk)})["data"]["stopMarkDone"]
    assert refused == {"stop": None, "errors": [{"field": "stop", "code": "NOT_YOURS",
                                                "message": "Cet arrêt n'appartient pas à une de vos tournées."}]}
    assert Stop.objects.get(pk=collection.pk).status == "planned"
    done = api(planned_day.courier.user).query(MARK_DONE, {"id": to_global_id("Stop", collection.pk), "key": "k1"})
    assert done["data"]["stopMarkDone"] == {"stop": {"status": "DONE"}, "errors": []}, done
    problem = api(planned_day.courier.user).query(PROBLEM, {"id": to_global_id("Stop", home.pk)})
    assert problem["data"]["stopReportProblem"] == {
        "stop": {"status": "PROBLEM", "problem": "ABSENT", "note": "Volets fermés"}, "errors": []}
    anonymous = api().query(MARK_DONE, {"id": to_global_id("Stop", collection.pk)})
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.mark.django_db
def test_pickup_slot_book_before_completion_refuses_a_full_slot(db):
    from backend.commerce.checkout.models import Checkout

    slot = builders.pickup_point(capacity=1)
    first = Checkout.objects.create(channel=factories.channel(), email="a@example.fr")
    second = Checkout.objects.create(channel=factories.channel(), email="b@example.fr")
    slot_id = to_global_id("PickupSlot", slot.pk)
    ok = api().query(BOOK, {"c": to_global_id("Checkout", first.pk), "s": slot_id})["data"]["pickupSlotBook"]
    assert ok == {"slot": {"placesLeft": 0, "start": "16:00", "end": "19:00", "pickupPointName": "Relais Bavay"},
                  "errors": []}
    assert Checkout.objects.get(pk=first.pk).metadata == {"pickupSlot": slot_id}
    full = api().query(BOOK, {"c": to_global_id("Checkout", second.pk), "s": slot_id})["data"]["pickupSlotBook"]
    assert full == {"slot": None, "errors": [{"field": "slot", "code": "SLOT_FULL", "message": (
        "Le créneau du 17/05 de 16:00 à 19:00 est complet : choisissez un autre créneau.")}]}
    assert (PickupSlot.objects.get(pk=slot.pk).booked, SlotBooking.objects.count()) == (1, 1)
    slots = api().query("{ pickupSlots { id } }")["data"]["pickupSlots"]
    assert slots == []
