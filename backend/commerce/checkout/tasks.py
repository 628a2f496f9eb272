"""Celery tasks of carts (thin)."""

from celery import shared_task

from backend.commerce.checkout.stock import purge_expired_reservations


@shared_task
def delete_expired_reservations() -> int:
    """Expired reservations are already ignored by every stock count; this only keeps the table small."""
    return purge_expired_reservations()
