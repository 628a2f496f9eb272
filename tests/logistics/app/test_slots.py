import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from backend.core.ids import to_global_id
from logistics.models import PickupSlot, SlotBooking
from logistics.plugin import LogisticsPlugin
from logistics.services.slots import pickup_slot_book, pickup_slot_release, pickup_slots_with_room
from tests.logistics.app import builders


def _code(error: ValidationError) -> str:
    return next(iter(error.error_dict.values()))[0].code


@pytest.mark.django_db(transaction=True)
def test_ten_carts_racing_for_a_slot_of_three_book_three_and_the_others_are_told_it_is_full():
    # given a slot with room for 3 orders
    slot = builders.pickup_point(capacity=3)
    results: list[str] = []
    barrier = threading.Barrier(10)

    def book(n: int) -> None:
        barrier.wait()
        try:
            pickup_slot_book(checkout_token=f"cart-{n}", slot_id=to_global_id("PickupSlot", slot.pk))
            results.append("ok")
        except ValidationError as error:
            results.append(_code(error))
        finally:
            connection.close()

    # when 10 carts book at once
    threads = [threading.Thread(target=book, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly 3 are booked and 7 got SLOT_FULL
    assert sorted(results) == ["SLOT_FULL"] * 7 + ["ok"] * 3
    assert PickupSlot.objects.get(pk=slot.pk).booked == 3
    assert SlotBooking.objects.filter(slot=slot).count() == 3


@pytest.mark.django_db
def test_full_slot_refusal_is_french_and_changes_nothing():
    slot = builders.pickup_point(capacity=1)
    pickup_slot_book(checkout_token="cart-a", slot_id=slot.pk)
    with pytest.raises(ValidationError) as refused:
        pickup_slot_book(checkout_token="cart-b", slot_id=slot.pk)
    assert refused.value.messages == ["Le créneau du 17/05 de 16:00 à 19:00 est complet : choisissez un autre "
                                      "créneau."]
    assert PickupSlot.objects.get(pk=slot.pk).booked == 1
    assert list(pickup_slots_with_room()) == []


@pytest.mark.django_db
def test_booking_again_is_idempotent_and_changing_slot_gives_the_place_back():
    first = builders.pickup_point(capacity=2)
    second = builders.pickup_point("Relais Landrecies", "59331", capacity=2)
    pickup_slot_book(checkout_token="cart-a", slot_id=first.pk)
    pickup_slot_book(checkout_token="cart-a", slot_id=first.pk)
    assert PickupSlot.objects.get(pk=first.pk).booked == 1
    pickup_slot_book(checkout_token="cart-a", slot_id=second.pk)
    assert [PickupSlot.objects.get(pk=s.pk).booked for s in (first, second)] == [0, 1]


@pytest.mark.django_db
def test_unknown_slot_is_not_found():
    with pytest.raises(ValidationError) as refused:
        pickup_slot_book(checkout_token="cart-a", slot_id="nimporte-quoi")
    assert _code(refused.value) == "NOT_FOUND"


@pytest.mark.django_db(transaction=True)
def test_order_created_hook_attaches_the_booking_and_cancel_gives_the_place_back():
    # given a cart that booked, then became an order
    slot = builders.pickup_point(capacity=2)
    farm = builders.place("Ferme", "59265")
    order = builders.order(items=[(builders.product_at(farm), 1)], slot=None)
    pickup_slot_book(checkout_token=order.checkout_token, slot_id=slot.pk)
    # when the hook runs, then on cancellation
    LogisticsPlugin().order_created(order=order)
    assert SlotBooking.objects.get(checkout_token=order.checkout_token).order_id == order.pk
    LogisticsPlugin().order_cancelled(order=order)
    # then
    assert PickupSlot.objects.get(pk=slot.pk).booked == 0
    assert pickup_slot_release(order=order) is False


@pytest.mark.django_db(transaction=True)
def test_order_created_with_slot_in_metadata_books_late_or_leaves_a_note_when_full():
    slot = builders.pickup_point(capacity=1)
    farm = builders.place("Ferme", "59265")
    product = builders.product_at(farm)
    first = builders.order(items=[(product, 1)])
    second = builders.order(items=[(product, 1)])
    for order in (first, second):
        order.metadata = {"pickupSlot": to_global_id("PickupSlot", slot.pk)}
        order.save(update_fields=["metadata"])
        LogisticsPlugin().order_created(order=order)
    assert SlotBooking.objects.get(order=first).slot_id == slot.pk
    assert not SlotBooking.objects.filter(order=second).exists()
    note = second.events.get(type="NOTE_ADDED")
    assert note.parameters["message"].startswith("Créneau de retrait non réservé : Le créneau du 17/05")
