"""Celery tasks of orders: thin, take ids, idempotent (see emails.send_order_mail)."""

from celery import shared_task

from backend.commerce.order import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(order_id: str) -> bool:
    return emails.send_order_mail(order_id=order_id, kind=emails.CONFIRMATION)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_payment_received(order_id: str) -> bool:
    return emails.send_order_mail(order_id=order_id, kind=emails.PAYMENT_RECEIVED)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_ready(order_id: str, fulfillment_id: str) -> bool:
    return emails.send_order_mail(order_id=order_id, kind=emails.READY, fulfillment_id=fulfillment_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_cancelled(order_id: str) -> bool:
    return emails.send_order_mail(order_id=order_id, kind=emails.CANCELLED)
