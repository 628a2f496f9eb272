"""Pickup slots: a place is taken under a row lock on the slot, so a slot never takes more orders than its capacity.

A cart books its slot before completion (`pickup_slot_book`): the full-slot refusal reaches the customer before
payment. When the order is placed, the plugin's `order_created` hook attaches the booking to the order, or books then
for a cart that only carried the slot in its metadata ("pickupSlot").
"""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backend.core.ids import InvalidGlobalId, from_global_id
from logistics.error_codes import LogisticsErrorCode, logistics_error
from logistics.models import PickupSlot, SlotBooking

METADATA_KEY = "pickupSlot"


def slot_pk(value) -> int | None:
    """A PickupSlot global id or a plain pk; None when it is neither."""
    text = str(value or "").strip()
    if text.isdigit():
        return int(text)
    try:
        type_name, pk = from_global_id(text)
    except (InvalidGlobalId, ValueError):
        return None
    return int(pk) if type_name == "PickupSlot" and str(pk).isdigit() else None


def pickup_slots_with_room(*, warehouse_id=None, from_date: date | None = None):
    """Slots still open to booking: today or later, with at least one place left."""
    slots = (PickupSlot.objects.filter(date__gte=from_date or timezone.localdate(), booked__lt=F("capacity"))
             .select_related("pickup_point__warehouse"))
    if warehouse_id is not None:
        slots = slots.filter(pickup_point__warehouse_id=warehouse_id)
    return slots.order_by("date", "start", "pk")


def _lock_slot(slot_id) -> PickupSlot:
    pk = slot_pk(slot_id)
    slot = PickupSlot.objects.select_for_update().filter(pk=pk).first() if pk else None
    if slot is None:
        raise logistics_error("slot", "Ce créneau de retrait n'existe pas.", LogisticsErrorCode.NOT_FOUND)
    return slot


def _take_place(slot: PickupSlot) -> None:
    if slot.date < timezone.localdate():
        raise logistics_error("slot", "Ce créneau de retrait est passé : choisissez-en un autre.",
                              LogisticsErrorCode.SLOT_CLOSED)
    if slot.booked >= slot.capacity:
        raise logistics_error("slot", f"Le créneau du {slot.date:%d/%m} de {slot.start:%H:%M} à {slot.end:%H:%M} "
                              "est complet : choisissez un autre créneau.", LogisticsErrorCode.SLOT_FULL)
    PickupSlot.objects.filter(pk=slot.pk).update(booked=F("booked") + 1)
    slot.booked += 1


def pickup_slot_book(*, checkout_token: str, slot_id) -> SlotBooking:
    """Take a place in a slot for a cart; choosing another slot gives the first place back. Idempotent."""
    checkout_token = str(checkout_token)
    with transaction.atomic():
        slot = _lock_slot(slot_id)
        booking = SlotBooking.objects.select_for_update().filter(checkout_token=checkout_token).first()
        if booking is not None and booking.slot_id == slot.pk:
            return booking
        _take_place(slot)
        if booking is None:
            return SlotBooking.objects.create(slot=slot, checkout_token=checkout_token)
        PickupSlot.objects.filter(pk=booking.slot_id).update(booked=F("booked") - 1)
        booking.slot = slot
        booking.save(update_fields=["slot"])
        return booking


def pickup_slot_attach_order(*, order) -> SlotBooking | None:
    """The order placed from a cart gets the cart's booking; a cart that carried only metadata books now.

    Returns None when the order has no slot; raises the SLOT_FULL error when the late booking finds the slot full."""
    with transaction.atomic():
        booking = SlotBooking.objects.select_for_update().filter(checkout_token=str(order.checkout_token)).first()
        if booking is None:
            wanted = (order.metadata or {}).get(METADATA_KEY)
            if not wanted or not order.checkout_token:
                return None
            booking = pickup_slot_book(checkout_token=order.checkout_token, slot_id=wanted)
        if booking.order_id != order.pk:
            booking.order = order
            booking.save(update_fields=["order"])
        return booking


def pickup_slot_release(*, order) -> bool:
    """A cancelled order gives its place back (once)."""
    with transaction.atomic():
        booking = SlotBooking.objects.select_for_update().filter(order=order).first()
        if booking is None:
            return False
        PickupSlot.objects.filter(pk=booking.slot_id, booked__gt=0).update(booked=F("booked") - 1)
        booking.delete()
        return True
