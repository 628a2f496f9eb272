import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from logistics.models import CourierAction, Parcel, Round, Stop
from logistics.services.edits import stop_move
from logistics.services.planning import plan_rounds
from logistics.services.stops import StopActionInput, stop_record
from tests.logistics.app import builders


def _code(error: ValidationError) -> str:
    return next(iter(error.error_dict.values()))[0].code


@pytest.fixture
def planned(small_day):
    builders.vehicle("Voiture", refrigerated=False)
    assert plan_rounds(day_id=small_day.day.pk, time_limit=0.5).ok
    return small_day


@pytest.mark.django_db
def test_moving_a_chilled_collection_into_a_car_is_refused_with_the_checker_reason(planned):
    # given a car round and the chilled cheese collection on the van
    cheese = Stop.objects.get(key="collecte:ferme-de-gommegnies")
    before = list(Stop.objects.order_by("pk").values_list("pk", "round_id", "position"))
    car_round = Round.objects.filter(vehicle__name="Voiture").first() or Round.objects.create(
        day=planned.day, kind="collection", vehicle=builders.vehicle("Voiture 2", refrigerated=False),
        departure=datetime.time(8), return_time=datetime.time(8))
    # when staff move it there
    with pytest.raises(ValidationError) as refused:
        stop_move(stop_id=cheese.pk, round_id=car_round.pk)
    # then it is refused, with the reason, and nothing moved
    assert _code(refused.value) == "INFEASIBLE"
    assert "frais" in refused.value.messages[0]
    assert list(Stop.objects.order_by("pk").values_list("pk", "round_id", "position")) == before


@pytest.mark.django_db
def test_moving_an_ambient_collection_to_the_car_is_checked_and_saved_and_swapping_deliveries_is_refused(planned):
    # given an empty car round added by staff
    car = Round.objects.create(day=planned.day, kind="collection", vehicle=builders.vehicle("Voiture 2",
                               refrigerated=False), departure=datetime.time(8), return_time=datetime.time(8))
    apples = Stop.objects.get(key="collecte:vergers-de-beaudignies")
    # when the apples collection moves to the car
    moved = stop_move(stop_id=apples.pk, round_id=car.pk)
    # then the car collects it, with a time computed from the road, and the van keeps the cheese only
    assert (moved.round_id, moved.position) == (car.pk, 1)
    assert moved.planned_arrival > datetime.time(7)
    van_collection = Stop.objects.get(key="collecte:ferme-de-gommegnies")
    assert list(van_collection.round.stops.values_list("key", flat=True)) == ["collecte:ferme-de-gommegnies"]
    # and putting the relay point after the home (past its window) is refused with the time
    delivery = Round.objects.get(kind="delivery")
    relay = delivery.stops.get(key="retrait:relais-bavay")
    with pytest.raises(ValidationError) as refused:
        stop_move(stop_id=relay.pk, round_id=delivery.pk, position=2)
    assert refused.value.messages[0].startswith("Déplacement refusé : « Fourgon frigo »")
    assert "après la fermeture (16 h 00)" in refused.value.messages[0]
    assert Stop.objects.get(pk=relay.pk).position == relay.position


@pytest.mark.django_db
def test_courier_marks_a_collection_done_once_even_when_the_offline_queue_replays_it(planned):
    stop = Stop.objects.get(key="collecte:vergers-de-beaudignies")
    when = timezone.now() - datetime.timedelta(minutes=20)
    data = StopActionInput(action="done", happened_at=when, client_action_id="phone-1")
    stop_record(user=planned.courier.user, stop_id=stop.pk, data=data)
    stop_record(user=planned.courier.user, stop_id=stop.pk, data=data)  # replayed
    stop.refresh_from_db()
    assert (stop.status, stop.done_at) == (Stop.Status.DONE, when)
    assert CourierAction.objects.count() == 1
    assert set(Parcel.objects.filter(collection_stop=stop).values_list("status", flat=True)) == {"collected"}
    assert Round.objects.get(pk=stop.round_id).status == Round.Status.IN_PROGRESS


@pytest.mark.django_db
def test_another_courier_cannot_act_on_a_stop_and_nothing_changes(planned):
    stop = Stop.objects.get(key="collecte:vergers-de-beaudignies")
    other = builders.courier("autre@example.fr")
    with pytest.raises(ValidationError) as refused:
        stop_record(user=other.user, stop_id=stop.pk, data=StopActionInput(action="done"))
    assert _code(refused.value) == "NOT_YOURS"
    stop.refresh_from_db()
    assert stop.status == Stop.Status.PLANNED


@pytest.mark.django_db
def test_problem_needs_a_kind_and_records_the_note(planned):
    stop = Stop.objects.get(key=f"domicile:{planned.home_order.number}")
    with pytest.raises(ValidationError) as refused:
        stop_record(user=planned.courier.user, stop_id=stop.pk, data=StopActionInput(action="problem"))
    assert _code(refused.value) == "REQUIRED"
    stop_record(user=planned.courier.user, stop_id=stop.pk,
                data=StopActionInput(action="problem", problem="absent", note="Personne, avis laissé"))
    stop.refresh_from_db()
    assert (stop.status, stop.problem, stop.note) == ("problem", "absent", "Personne, avis laissé")
    assert list(Parcel.objects.filter(delivery_stop=stop).values_list("status", flat=True)) == ["problem"]


@pytest.mark.django_db
def test_oversized_signature_is_refused(planned):
    stop = Stop.objects.get(key=f"domicile:{planned.home_order.number}")
    with pytest.raises(ValidationError) as refused:
        stop_record(user=planned.courier.user, stop_id=stop.pk,
                    data=StopActionInput(action="done", signature="data:image/png;base64," + "A" * 300_000))
    assert _code(refused.value) == "SIGNATURE_TOO_LARGE"


@pytest.mark.django_db
def test_home_delivery_paid_to_the_courier_is_cashed_and_fulfils_the_order(planned):
    from backend.commerce.order.models import Order

    order = planned.home_order
    Order.objects.filter(pk=order.pk).update(total_charged_amount=0, charge_status="NONE")
    stop = Stop.objects.get(key=f"domicile:{order.number}")
    with pytest.raises(ValidationError) as refused:
        stop_record(user=planned.courier.user, stop_id=stop.pk, data=StopActionInput(action="done"))
    assert _code(refused.value) == "REQUIRED"
    assert Stop.objects.get(pk=stop.pk).status == "planned"
    stop_record(user=planned.courier.user, stop_id=stop.pk, data=StopActionInput(
        action="done", payment_method="card", proof_code=""))
    order.refresh_from_db()
    assert (order.status, order.charge_status, order.total_charged_amount) == ("FULFILLED", "FULL",
                                                                               order.total_gross_amount)
    assert Stop.objects.get(pk=stop.pk).status == "done"


@pytest.mark.django_db
def test_parcels_follow_the_rounds_collected_at_hub_out_for_delivery_delivered(planned):
    user = planned.courier.user
    for stop in Stop.objects.filter(kind="collection"):
        stop_record(user=user, stop_id=stop.pk, data=StopActionInput(action="done"))
    assert set(Parcel.objects.values_list("status", flat=True)) == {"at_hub"}
    relay = Stop.objects.get(key="retrait:relais-bavay")
    stop_record(user=user, stop_id=relay.pk, data=StopActionInput(action="done"))
    statuses = dict(Parcel.objects.values_list("delivery_stop__key", "status").distinct())
    assert statuses == {"retrait:relais-bavay": "delivered",
                        f"domicile:{planned.home_order.number}": "out_for_delivery"}
    assert Parcel.objects.filter(delivery_stop=relay, handed_over_at__isnull=True).count() == 2  # not yet given
