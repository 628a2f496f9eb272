"""Celery tasks of logistics: thin, take ids, idempotent."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from backend.commerce.order.selectors import order_by_id
from logistics.models import Parcel


@shared_task(bind=True)
def plan_rounds_task(self, day_id: int, time_limit: float | None = None, seed: int = 1) -> dict:
    """Plan a day; the progress ({"current", "total", "step"}) is in the task state and on the day's row."""
    from logistics.services.planning import plan_rounds

    def progress(current: int, total: int, step: str) -> None:
        if self.request.id and not self.request.is_eager:
            self.update_state(state="PROGRESS", meta={"current": current, "total": total, "step": step})

    outcome = plan_rounds(day_id=day_id, time_limit=time_limit, seed=seed, progress=progress)
    return {"ok": outcome.ok, "message": outcome.message, "rounds": outcome.rounds, "stops": outcome.stops}


@shared_task
def close_orders_at_cutoff() -> dict:
    """Periodic (celery beat): close each producer's ordering at its cut-off, and the days once all are closed."""
    from logistics.services.cutoff import ordering_close_due

    return ordering_close_due().as_dict()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_handover_mail(order_id: str, parcel_ids: list[str]) -> bool:
    order = order_by_id(order_id)
    if order is None or not order.user_email:
        return False
    parcels = list(Parcel.objects.filter(pk__in=parcel_ids).select_related("warehouse"))
    remaining = Parcel.objects.filter(order=order, handed_over_at__isnull=True).count()
    context = {"order": order, "parcels": parcels, "remaining": remaining,
               "site_url": getattr(settings, "PUBLIC_URL", "")}
    message = EmailMultiAlternatives(
        subject=f"Votre commande n° {order.number} vous a été remise",
        body=render_to_string("logistics/emails/handover.txt", context), to=[order.user_email])
    message.attach_alternative(render_to_string("logistics/emails/handover.html", context), "text/html")
    message.send()
    return True
